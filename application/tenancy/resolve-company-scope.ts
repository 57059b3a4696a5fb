import { resolveReadScope, resolveWriteCompany, type CompanyScope, type ReadScopeOptions, type ScopedCaller, type ScopeRequest } from '../../domain/access/company-scope.js';
import type { CompanyRepository } from './company.repository.js';
import { requireLiveCompany } from './require-live-company.js';

/** A caller of a company-scoped route: who they are and in which organization. */
export interface ScopedTenantCaller extends ScopedCaller {
  readonly orgId: string;
}

/**
 * The company-scoping rule of DESIGN.md §4 for reads, completed with the one fact the domain
 * cannot know: that a company an org admin names is a live company of their organization. A
 * company of another organization is answered exactly like a missing one.
 */
export async function resolveCompanyReadScope(
  companies: CompanyRepository,
  caller: ScopedTenantCaller,
  request: ScopeRequest,
  options: ReadScopeOptions = {},
): Promise<CompanyScope> {
  const scope = resolveReadScope(caller, request, options);
  if (scope.kind === 'company' && caller.companyId === null) await requireLiveCompany(companies, caller.orgId, scope.companyId);
  return scope;
}

/** The one company a write lands in, checked to be live in the caller's organization. */
export async function resolveCompanyForWrite(
  companies: CompanyRepository,
  caller: ScopedTenantCaller,
  requestedCompanyId: string | undefined,
): Promise<string> {
  const companyId = resolveWriteCompany(caller, requestedCompanyId);
  if (caller.companyId === null) await requireLiveCompany(companies, caller.orgId, companyId);
  return companyId;
}
