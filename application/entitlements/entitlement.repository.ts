import type { Entitlement } from '../../domain/entitlements/entitlement.js';
import type { Page, PageRequest } from '../shared/pagination.js';

export interface EntitlementListFilter {
  readonly companyId?: string | undefined;
}

/**
 * Live (not soft-deleted) company entitlements. Every method takes the organization id: an
 * entitlement of another organization is simply not found.
 */
export interface EntitlementRepository {
  findById(orgId: string, id: string): Promise<Entitlement | null>;
  /**
   * The company's live entitlement for a capability, named by slug (`email_outreach`) or by
   * capability id; null when the company has none.
   */
  findLiveForCompanyCapability(orgId: string, companyId: string, capabilitySlugOrId: string): Promise<Entitlement | null>;
  /** Oldest first, by keyset. */
  list(orgId: string, filter: EntitlementListFilter, page: PageRequest): Promise<Page<Entitlement>>;
  /** Throws EntitlementExistsError when the company already has a live one for the capability. */
  add(entitlement: Entitlement): Promise<void>;
  /** Persists changes to an entitlement loaded in the same transaction. */
  save(entitlement: Entitlement): Promise<void>;
  /** Soft-deletes every live entitlement of a company (the company is going away); answers how many. */
  softDeleteAllOfCompany(orgId: string, companyId: string, now: Date): Promise<number>;
}
