import { CompanyNotFoundError } from '../tenancy/company-errors.js';
import {
  AllCompaniesNotAllowedError,
  CompanyScopeConflictError,
  CompanyScopeRequiredError,
  PermissionDeniedError,
} from './access-errors.js';
import type { Role } from './role.js';

/** Who is asking, as far as company scoping cares. */
export interface ScopedCaller {
  readonly role: Role;
  /** Null for organization-level callers. */
  readonly companyId: string | null;
}

export interface ScopeRequest {
  readonly companyId?: string | undefined;
  readonly allCompanies?: boolean | undefined;
}

/** What a read may see: one company, or every company of the caller's organization. */
export type CompanyScope = { readonly kind: 'company'; readonly companyId: string } | { readonly kind: 'organization' };

export interface ReadScopeOptions {
  /**
   * Analytics let an org admin omit both parameters and read organization-wide; lists make them
   * choose, so a front end never fetches every company's rows by accident.
   */
  readonly organizationWideByDefault?: boolean;
}

/**
 * The company-scoping rule of DESIGN.md §4 for reads. A company user is pinned to their company:
 * naming another one answers "not found" (existence never leaks) and asking for all companies is
 * forbidden. An org admin must say which company, or all of them.
 */
export function resolveReadScope(caller: ScopedCaller, request: ScopeRequest, options: ReadScopeOptions = {}): CompanyScope {
  const allCompanies = request.allCompanies === true;
  if (caller.companyId !== null) {
    if (allCompanies) throw new AllCompaniesNotAllowedError();
    if (request.companyId !== undefined && request.companyId !== caller.companyId) throw new CompanyNotFoundError();
    return { kind: 'company', companyId: caller.companyId };
  }
  if (caller.role !== 'org_admin') throw new PermissionDeniedError('org.manage_companies');
  if (allCompanies && request.companyId !== undefined) throw new CompanyScopeConflictError();
  if (allCompanies) return { kind: 'organization' };
  if (request.companyId !== undefined) return { kind: 'company', companyId: request.companyId };
  if (options.organizationWideByDefault) return { kind: 'organization' };
  throw new CompanyScopeRequiredError('company_id or all_companies=true');
}

/** Writes always land in exactly one company: the caller's own, or the one an org admin names. */
export function resolveWriteCompany(caller: ScopedCaller, requestedCompanyId: string | undefined): string {
  if (caller.companyId !== null) {
    if (requestedCompanyId !== undefined && requestedCompanyId !== caller.companyId) throw new CompanyNotFoundError();
    return caller.companyId;
  }
  if (caller.role !== 'org_admin') throw new PermissionDeniedError('org.manage_companies');
  if (requestedCompanyId === undefined) throw new CompanyScopeRequiredError('company_id');
  return requestedCompanyId;
}
