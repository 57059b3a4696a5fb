import { DomainError } from '../../domain/shared/domain-error.js';

/** Carries how long to wait, so the HTTP adapter can answer `Retry-After`. */
export class RateLimitExceededError extends DomainError {
  readonly code: string;
  readonly kind = 'rate_limited';

  constructor(
    readonly retryAfterSeconds: number,
    what: 'login' | 'api',
  ) {
    super(
      what === 'login'
        ? `Too many login attempts. Try again in ${retryAfterSeconds} seconds.`
        : `Too many requests. Try again in ${retryAfterSeconds} seconds.`,
    );
    this.code = what === 'login' ? 'too_many_login_attempts' : 'too_many_requests';
  }
}
