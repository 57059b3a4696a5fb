import type { Clock } from '../shared/clock.port.js';
import type { RateLimiter, RateLimitRule } from './rate-limiter.port.js';
import { RateLimitExceededError } from './rate-limit-exceeded-error.js';

export interface LoginThrottleRules {
  /** Attempts on one account (email) per window; a successful login clears the count. */
  readonly perAccount: RateLimitRule;
  /** Attempts from one client address per window, whatever the account. */
  readonly perAddress: RateLimitRule;
}

/** Which door the attempt knocks on: the two logins count separately. */
export type LoginRealm = 'tenant' | 'super_admin';

export interface LoginAttempt {
  readonly realm: LoginRealm;
  /** Canonical email. */
  readonly email: string;
  readonly clientAddress: string;
}

/**
 * Brute-force protection for both logins. An attempt is counted before the password is checked
 * (so concurrent guesses cannot slip past the limit) and handed back when it succeeds.
 */
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly rules: LoginThrottleRules,
  ) {}

  /** Throws RateLimitExceededError when either the account or the address is over its limit. */
  async admit(attempt: LoginAttempt): Promise<void> {
    const now = this.clock.now();
    const [account, address] = await Promise.all([
      this.limiter.consume(this.accountBucket(attempt), this.rules.perAccount, now),
      this.limiter.consume(this.addressBucket(attempt), this.rules.perAddress, now),
    ]);
    const refused = [account, address].filter((decision) => !decision.allowed);
    if (refused.length) throw new RateLimitExceededError(Math.max(...refused.map((decision) => decision.retryAfterSeconds)), 'login');
  }

  /** A successful login proves the attempts were the owner's: forget the account's, return the address's. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([this.limiter.reset(this.accountBucket(attempt)), this.limiter.refund(this.addressBucket(attempt))]);
  }

  private accountBucket(attempt: LoginAttempt): string {
    return `login:${attempt.realm}:account:${attempt.email}`;
  }

  private addressBucket(attempt: LoginAttempt): string {
    return `login:${attempt.realm}:address:${attempt.clientAddress}`;
  }
}
