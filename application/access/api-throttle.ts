import type { Clock } from '../shared/clock.port.js';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from './rate-limiter.port.js';
import { RateLimitExceededError } from './rate-limit-exceeded-error.js';

/** The per-principal request budget of the API, shared by every process through the database. */
export class ApiThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly rule: RateLimitRule,
  ) {}

  /** Counts one request for the principal; throws RateLimitExceededError past the budget. */
  async admit(principalKey: string): Promise<RateLimitDecision> {
    const decision = await this.limiter.consume(`api:${principalKey}`, this.rule, this.clock.now());
    if (!decision.allowed) throw new RateLimitExceededError(decision.retryAfterSeconds, 'api');
    return decision;
  }
}
