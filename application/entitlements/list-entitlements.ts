import type { Entitlement } from '../../domain/entitlements/entitlement.js';
import type { Page } from '../shared/pagination.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { requireLiveCompany } from '../tenancy/require-live-company.js';
import type { EntitlementRepository } from './entitlement.repository.js';

export interface ListEntitlementsQuery {
  readonly orgId: string;
  /** Only this company's entitlements; an unknown or foreign company is "not found", not an empty page. */
  readonly companyId?: string | undefined;
  readonly limit: number;
  readonly after?: string | undefined;
}

export class ListEntitlements {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly entitlements: EntitlementRepository,
  ) {}

  async execute(query: ListEntitlementsQuery): Promise<Page<Entitlement>> {
    if (query.companyId !== undefined) await requireLiveCompany(this.companies, query.orgId, query.companyId);
    return this.entitlements.list(query.orgId, { companyId: query.companyId }, { limit: query.limit, after: query.after });
  }
}
