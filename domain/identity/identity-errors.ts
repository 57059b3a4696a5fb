import { DomainError } from '../shared/domain-error.js';

/** Deliberately vague: never tell a caller whether the account or the password was wrong. */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'invalid_credentials';
  readonly kind = 'unauthenticated';

  constructor() {
    super('Invalid email or password.');
  }
}

export class AuthenticationRequiredError extends DomainError {
  readonly code = 'authentication_required';
  readonly kind = 'unauthenticated';

  constructor(message = 'Authentication required.') {
    super(message);
  }
}

export class SuperAdminAlreadyExistsError extends DomainError {
  readonly code = 'super_admin_exists';
  readonly kind = 'conflict';

  constructor() {
    super('A super-admin with this email already exists.');
  }
}

export class WeakPasswordError extends DomainError {
  readonly code = 'weak_password';
  readonly kind = 'invalid_input';

  constructor(minLength: number) {
    super(`Password must be at least ${minLength} characters.`, [
      { loc: ['password'], msg: `must be at least ${minLength} characters`, type: 'too_short' },
    ]);
  }
}
