import type { Company } from '../../domain/tenancy/company.js';
import type { Page, PageRequest } from '../shared/pagination.js';

/**
 * Live (not soft-deleted) companies of one organization. Every method takes the organization id:
 * a company of another organization is simply not found.
 */
export interface CompanyRepository {
  findById(orgId: string, id: string): Promise<Company | null>;
  /**
   * A live company whatever its organization. Only for super-admin work that names a company by
   * id alone (provisioning); tenant code always goes through `findById` with its own org id.
   */
  findLiveInAnyOrganization(id: string): Promise<Company | null>;
  /** Oldest first, by keyset. */
  list(orgId: string, page: PageRequest): Promise<Page<Company>>;
  /** Throws CompanyNameTakenError when a live company of the organization has the name. */
  add(company: Company): Promise<void>;
  /** Persists changes to a company loaded in the same transaction; same clash rule as `add`. */
  save(company: Company): Promise<void>;
}
