import { DomainError } from '../shared/domain-error.js';

export class OrganizationNotFoundError extends DomainError {
  readonly code = 'organization_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('Organization not found.');
  }
}

export class OrganizationSlugTakenError extends DomainError {
  readonly code = 'organization_slug_taken';
  readonly kind = 'conflict';

  constructor(slug: string) {
    super(`An organization with slug '${slug}' already exists.`);
  }
}

export class IllegalOrganizationTransitionError extends DomainError {
  readonly code = 'illegal_organization_transition';
  readonly kind = 'conflict';

  constructor(step: string, current: string) {
    super(`Cannot ${step} an organization that is ${current}.`);
  }
}

export class OrganizationNameRequiredError extends DomainError {
  readonly code = 'organization_name_required';
  readonly kind = 'rule_violation';

  constructor(status: string) {
    super(`An organization needs a name to be ${status}; only onboarding organizations may leave it empty.`);
  }
}

export class OrganizationNotActiveError extends DomainError {
  readonly code = 'organization_not_active';
  readonly kind = 'conflict';

  constructor(readonly status: string) {
    super(`The organization is ${status}; this needs an active organization.`);
  }
}
