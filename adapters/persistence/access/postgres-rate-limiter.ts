import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../../../application/access/rate-limiter.port.js';

interface BucketRow {
  readonly hits: number;
  readonly window_started_at: Date | string;
}

/**
 * Fixed-window counters in `rate_limit_buckets`, one row per bucket.
 *
 * Every statement runs on its own pooled connection, deliberately outside any open transaction:
 * a hit must count even when the request's transaction rolls back (a failed login throws), and the
 * bucket's row lock must not be held for the length of someone else's unit of work.
 */
export class PostgresRateLimiter implements RateLimiter {
  constructor(private readonly orm: MikroORM) {}

  async consume(bucket: string, rule: RateLimitRule, now: Date): Promise<RateLimitDecision> {
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    // One atomic upsert: concurrent hits on a bucket serialise on its row, and the count and the
    // rollover are decided by the database, not by a read-then-write in the application. A stored
    // window later than ours (another process's clock ran ahead) is kept and counted into.
    const rows = await this.execute<BucketRow[]>(
      `insert into rate_limit_buckets as b (bucket, window_started_at, hits)
       values (?, ?, 1)
       on conflict (bucket) do update set
         hits = case when b.window_started_at >= excluded.window_started_at then b.hits + 1 else 1 end,
         window_started_at = greatest(b.window_started_at, excluded.window_started_at)
       returning hits, window_started_at`,
      [hashBucket(bucket), windowStart],
    );
    const row = rows[0];
    if (!row) throw new Error('rate limiter upsert returned no row');
    const windowEnd = new Date(row.window_started_at).getTime() + windowMs;
    return {
      allowed: row.hits <= rule.limit,
      hits: row.hits,
      limit: rule.limit,
      retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
    };
  }

  async refund(bucket: string): Promise<void> {
    await this.execute(`update rate_limit_buckets set hits = hits - 1 where bucket = ? and hits > 0`, [hashBucket(bucket)], 'run');
  }

  async reset(bucket: string): Promise<void> {
    await this.execute(`delete from rate_limit_buckets where bucket = ?`, [hashBucket(bucket)], 'run');
  }

  async pruneStartedBefore(before: Date): Promise<number> {
    const result = await this.execute<{ affectedRows: number }>(
      `delete from rate_limit_buckets where window_started_at < ?`,
      [before],
      'run',
    );
    return result.affectedRows;
  }

  private execute<T>(sql: string, params: unknown[], method: 'all' | 'run' = 'all'): Promise<T> {
    return this.orm.em.getConnection().execute(sql, params, method) as Promise<T>;
  }
}

/** Bucket names carry emails and client addresses; only a one-way hash of them is stored. */
function hashBucket(bucket: string): string {
  return createHash('sha256').update(bucket, 'utf8').digest('hex');
}
