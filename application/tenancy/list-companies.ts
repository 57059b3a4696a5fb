import type { Company } from '../../domain/tenancy/company.js';
import type { Page } from '../shared/pagination.js';
import type { CompanyRepository } from './company.repository.js';
import type { OrganizationRepository } from './organization.repository.js';
import { requireLiveOrganization } from './require-live-organization.js';

export interface ListCompaniesQuery {
  readonly orgId: string;
  readonly limit: number;
  readonly after?: string | undefined;
}

export class ListCompanies {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly companies: CompanyRepository,
  ) {}

  async execute(query: ListCompaniesQuery): Promise<Page<Company>> {
    await requireLiveOrganization(this.organizations, query.orgId);
    return this.companies.list(query.orgId, { limit: query.limit, after: query.after });
  }
}
