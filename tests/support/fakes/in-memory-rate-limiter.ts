import { createHash } from 'node:crypto';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../../../application/access/rate-limiter.port.js';

interface Bucket {
  windowStartedAt: number;
  hits: number;
}

/**
 * The same fixed-window arithmetic as PostgresRateLimiter: the window starts at
 * floor(now / windowSeconds) * windowSeconds, every hit counts (refused ones too), a hit in a later
 * window starts the count again at 1, and buckets are keyed by the SHA-256 of their name. Time
 * comes only from the `now` the caller passes.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private buckets = new Map<string, Bucket>();
  /** Every consume call, in order, to check what a use case counted. */
  readonly consumed: { bucket: string; rule: RateLimitRule; now: Date }[] = [];
  readonly refunded: string[] = [];
  readonly resets: string[] = [];

  async consume(bucket: string, rule: RateLimitRule, now: Date): Promise<RateLimitDecision> {
    this.consumed.push({ bucket, rule, now: new Date(now) });
    const windowMs = rule.windowSeconds * 1000;
    const windowStartedAt = Math.floor(now.getTime() / windowMs) * windowMs;
    const key = hash(bucket);
    const stored = this.buckets.get(key);
    const next =
      stored && stored.windowStartedAt >= windowStartedAt
        ? { windowStartedAt: stored.windowStartedAt, hits: stored.hits + 1 }
        : { windowStartedAt, hits: 1 };
    this.buckets.set(key, next);
    return {
      allowed: next.hits <= rule.limit,
      hits: next.hits,
      limit: rule.limit,
      retryAfterSeconds: Math.max(1, Math.ceil((next.windowStartedAt + windowMs - now.getTime()) / 1000)),
    };
  }

  async refund(bucket: string): Promise<void> {
    this.refunded.push(bucket);
    const stored = this.buckets.get(hash(bucket));
    if (stored) stored.hits = Math.max(0, stored.hits - 1);
  }

  async reset(bucket: string): Promise<void> {
    this.resets.push(bucket);
    this.buckets.delete(hash(bucket));
  }

  async pruneStartedBefore(before: Date): Promise<number> {
    let count = 0;
    for (const [key, stored] of this.buckets) {
      if (stored.windowStartedAt < before.getTime()) {
        this.buckets.delete(key);
        count += 1;
      }
    }
    return count;
  }

  /** Test helper: hits stored for a bucket in its last window (0 when there is no row). */
  hitsOf(bucket: string): number {
    return this.buckets.get(hash(bucket))?.hits ?? 0;
  }
}

function hash(bucket: string): string {
  return createHash('sha256').update(bucket, 'utf8').digest('hex');
}
