import { DomainError } from '../shared/domain-error.js';
import type { Permission } from './permission.js';

export class PermissionDeniedError extends DomainError {
  readonly code = 'permission_denied';
  readonly kind = 'forbidden';

  constructor(readonly permission: Permission) {
    super(`Your role does not have the '${permission}' permission.`);
  }
}

export class AllCompaniesNotAllowedError extends DomainError {
  readonly code = 'all_companies_not_allowed';
  readonly kind = 'forbidden';

  constructor() {
    super('A company user sees only their own company; all_companies is not available.');
  }
}

export class CompanyScopeRequiredError extends DomainError {
  readonly code = 'company_scope_required';
  readonly kind = 'rule_violation';

  constructor(alternatives: 'company_id' | 'company_id or all_companies=true') {
    super(`An organization-level caller must pass ${alternatives}.`);
  }
}

export class CompanyScopeConflictError extends DomainError {
  readonly code = 'company_scope_conflict';
  readonly kind = 'rule_violation';

  constructor() {
    super('Pass either company_id or all_companies=true, not both.');
  }
}

/** Refused before anything runs: the organization is suspended and may only read. */
export class OrganizationSuspendedError extends DomainError {
  readonly code = 'organization_suspended';
  readonly kind = 'forbidden';

  constructor() {
    super('This organization is suspended: its data can be read but not changed.');
  }
}

/** Tenant API token management belongs to super-admins (DESIGN.md §4). */
export class TokenManagementReservedError extends DomainError {
  readonly code = 'token_management_reserved';
  readonly kind = 'forbidden';

  constructor() {
    super('API token management is reserved to super-admins.');
  }
}

/** Switching organizations re-uses what a password login proved; an API token proved nothing of the kind. */
export class SessionRequiredError extends DomainError {
  readonly code = 'session_required';
  readonly kind = 'forbidden';

  constructor() {
    super('Switching organizations needs a login session; an API token is bound to one organization.');
  }
}
