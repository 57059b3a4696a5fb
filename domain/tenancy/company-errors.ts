import { DomainError } from '../shared/domain-error.js';

/** Also the answer for a company of another organization: existence never leaks across tenants. */
export class CompanyNotFoundError extends DomainError {
  readonly code = 'company_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('Company not found.');
  }
}

export class CompanyNameTakenError extends DomainError {
  readonly code = 'company_name_taken';
  readonly kind = 'conflict';

  constructor(name: string) {
    super(`A company named '${name}' already exists in this organization.`);
  }
}
