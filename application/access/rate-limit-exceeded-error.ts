import { DomainError } from '../../domain/shared/domain-error.js';

/** Carries how long to wait, so the HTTP adapter can answer `Retry-After`. */
export class RateLimitExceededError extends DomainError {
  readonly code: string;
  readonly kind = 'rate_limited';

  constructor(
    readonly retryAfterSeconds: number,
    what: 'login' | 'api' | 'webhook_refusals',
  ) {
    super(MESSAGES[what](retryAfterSeconds));
    this.code = CODES[what];
  }
}

const MESSAGES = {
  login: (seconds: number) => `Too many login attempts. Try again in ${seconds} seconds.`,
  api: (seconds: number) => `Too many requests. Try again in ${seconds} seconds.`,
  webhook_refusals: (seconds: number) => `Too many unauthenticated webhook deliveries from this address. Try again in ${seconds} seconds.`,
} as const;

const CODES = { login: 'too_many_login_attempts', api: 'too_many_requests', webhook_refusals: 'too_many_refused_deliveries' } as const;
