import type { EntitlementListFilter, EntitlementRepository } from '../../../application/entitlements/entitlement.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { isCapabilitySlug } from '../../../domain/entitlements/capability.js';
import { Entitlement } from '../../../domain/entitlements/entitlement.js';
import { EntitlementExistsError } from '../../../domain/entitlements/entitlement-errors.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';
import type { CompanyRowLookup } from './in-memory-user-repository.js';
import { keysetPage } from './keyset-page.js';

/**
 * Behaves like the MikroORM repository over PostgreSQL: reads and writes are scoped by
 * organization id, soft-deleted entitlements are invisible, a company holds one live entitlement
 * per capability (the partial unique index), and `list` pages by keyset over (createdAt, id).
 * Given the company store, an entitlement must point at a company row of its own organization, as
 * the composite foreign key demands. Stores copies.
 */
export class InMemoryEntitlementRepository implements EntitlementRepository, SnapshotableStore {
  private rows = new Map<string, Entitlement>();

  constructor(private readonly companies?: CompanyRowLookup) {}

  async findById(orgId: string, id: string): Promise<Entitlement | null> {
    const row = this.rows.get(id);
    return row && row.orgId === orgId && row.deletedAt === null ? copy(row) : null;
  }

  async findLiveForCompanyCapability(orgId: string, companyId: string, capabilitySlugOrId: string): Promise<Entitlement | null> {
    const matches = (row: Entitlement) =>
      row.companyId === companyId && (isCapabilitySlug(capabilitySlugOrId) ? row.capability === capabilitySlugOrId : row.capabilityId === capabilitySlugOrId);
    const row = this.live(orgId).find(matches);
    return row ? copy(row) : null;
  }

  async list(orgId: string, filter: EntitlementListFilter, page: PageRequest): Promise<Page<Entitlement>> {
    return keysetPage(
      this.live(orgId).filter((row) => filter.companyId === undefined || row.companyId === filter.companyId),
      page,
      copy,
    );
  }

  async add(entitlement: Entitlement): Promise<void> {
    if (this.rows.has(entitlement.id)) throw new Error(`duplicate primary key ${entitlement.id}`);
    this.assertStorable(entitlement);
    this.rows.set(entitlement.id, copy(entitlement));
  }

  async save(entitlement: Entitlement): Promise<void> {
    const stored = this.rows.get(entitlement.id);
    if (!stored || stored.orgId !== entitlement.orgId) throw new Error(`save of unknown entitlement ${entitlement.id}`);
    this.assertStorable(entitlement);
    this.rows.set(entitlement.id, copy(entitlement));
  }

  async softDeleteAllOfCompany(orgId: string, companyId: string, now: Date): Promise<number> {
    const going = this.live(orgId).filter((row) => row.companyId === companyId);
    for (const row of going) row.softDelete(now);
    return going.length;
  }

  /** Test helper: copies of every stored row of every organization, soft-deleted ones included. */
  allRows(): Entitlement[] {
    return [...this.rows.values()].map(copy);
  }

  snapshot(): Restore {
    const saved = new Map([...this.rows].map(([id, row]) => [id, copy(row)]));
    return () => {
      this.rows = saved;
    };
  }

  private live(orgId: string): Entitlement[] {
    return [...this.rows.values()].filter((row) => row.orgId === orgId && row.deletedAt === null);
  }

  private assertStorable(entitlement: Entitlement): void {
    if (this.companies && !this.companies.hasRow(entitlement.orgId, entitlement.companyId)) {
      throw new Error(`foreign key: company ${entitlement.companyId} is not a company of organization ${entitlement.orgId}`);
    }
    if (entitlement.deletedAt !== null) return;
    const holder = this.live(entitlement.orgId).find(
      (row) => row.companyId === entitlement.companyId && row.capabilityId === entitlement.capabilityId && row.id !== entitlement.id,
    );
    if (holder) throw new EntitlementExistsError(entitlement.capability);
  }
}

function copy(entitlement: Entitlement): Entitlement {
  return new Entitlement(
    entitlement.id,
    entitlement.orgId,
    entitlement.companyId,
    entitlement.capabilityId,
    entitlement.capability,
    entitlement.providerId,
    entitlement.status,
    entitlement.providerClientId,
    entitlement.provisioningState,
    entitlement.lastError,
    entitlement.lastCheckedAt === null ? null : new Date(entitlement.lastCheckedAt),
    new Date(entitlement.createdAt),
    new Date(entitlement.updatedAt),
    entitlement.deletedAt === null ? null : new Date(entitlement.deletedAt),
  );
}
