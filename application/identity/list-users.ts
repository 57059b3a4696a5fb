import type { User } from '../../domain/identity/user.js';
import type { Page } from '../shared/pagination.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { requireLiveCompany } from '../tenancy/require-live-company.js';
import { requireLiveOrganization } from '../tenancy/require-live-organization.js';
import type { UserRepository } from './user.repository.js';

export interface ListUsersQuery {
  readonly orgId: string;
  /** Only this company's users; an unknown or foreign company is "not found", not an empty page. */
  readonly companyId?: string | undefined;
  readonly limit: number;
  readonly after?: string | undefined;
}

export class ListUsers {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly companies: CompanyRepository,
    private readonly users: UserRepository,
  ) {}

  async execute(query: ListUsersQuery): Promise<Page<User>> {
    await requireLiveOrganization(this.organizations, query.orgId);
    if (query.companyId !== undefined) await requireLiveCompany(this.companies, query.orgId, query.companyId);
    return this.users.list(query.orgId, { companyId: query.companyId }, { limit: query.limit, after: query.after });
  }
}
