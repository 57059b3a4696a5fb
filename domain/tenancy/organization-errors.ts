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
