export interface RateLimitRule {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Hits counted in the current window, this one included. */
  readonly hits: number;
  readonly limit: number;
  /** Whole seconds until the window resets; at least 1. */
  readonly retryAfterSeconds: number;
}

/**
 * Fixed-window counters shared by every process of the service (they live in the database), so a
 * limit holds however many instances run. Bucket names may hold an email or an address: an
 * implementation must store only a one-way hash of them.
 */
export interface RateLimiter {
  /** Counts one hit, atomically, and says whether it stayed within the limit. */
  consume(bucket: string, rule: RateLimitRule, now: Date): Promise<RateLimitDecision>;
  /** Takes back one hit of the current window (an attempt that turned out legitimate). */
  refund(bucket: string): Promise<void>;
  /** Forgets a bucket entirely. */
  reset(bucket: string): Promise<void>;
  /** Deletes buckets whose window started before `before`; answers how many. */
  pruneStartedBefore(before: Date): Promise<number>;
}
