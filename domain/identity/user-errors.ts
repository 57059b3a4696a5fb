import { DomainError } from '../shared/domain-error.js';

/** Also the answer for a user of another organization or company. */
export class UserNotFoundError extends DomainError {
  readonly code = 'user_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('User not found.');
  }
}

export class UserEmailTakenError extends DomainError {
  readonly code = 'user_email_taken';
  readonly kind = 'conflict';

  constructor() {
    super('A user with this email already exists in this organization.');
  }
}

export class RoleCompanyMismatchError extends DomainError {
  readonly code = 'role_company_mismatch';
  readonly kind = 'rule_violation';

  constructor(message: string) {
    super(message);
  }
}

/** An admin cannot lock themselves out; another org admin or a super-admin has to do it. */
export class OwnAccessChangeError extends DomainError {
  readonly code = 'own_access_change';
  readonly kind = 'rule_violation';

  constructor(what: 'delete' | 'change the role or company of') {
    super(`You cannot ${what} your own account.`);
  }
}
