import type { CompanyScope } from '../../domain/access/company-scope.js';
import type { Role } from '../../domain/access/role.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { resolveCompanyReadScope } from '../tenancy/resolve-company-scope.js';

/** A tenant's request for one page of sender accounts (inboxes or LinkedIn accounts). */
export interface SenderAccountListQuery {
  readonly orgId: string;
  readonly role: Role;
  /** The caller's company; null for organization-level callers. */
  readonly callerCompanyId: string | null;
  readonly companyId?: string | undefined;
  readonly allCompanies?: boolean | undefined;
  readonly limit: number;
  readonly after?: string | undefined;
}

/**
 * The read-scoping rule of DESIGN.md §4 applied to a sender-account list: company users see their
 * own company's; org admins name a company or ask for all.
 */
export function senderAccountScope(companies: CompanyRepository, query: SenderAccountListQuery): Promise<CompanyScope> {
  return resolveCompanyReadScope(
    companies,
    { orgId: query.orgId, role: query.role, companyId: query.callerCompanyId },
    { companyId: query.companyId, allCompanies: query.allCompanies },
  );
}
