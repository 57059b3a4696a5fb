import { createHash, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresRateLimiter } from '../../adapters/persistence/access/postgres-rate-limiter.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import type { RateLimitRule } from '../../application/access/rate-limiter.port.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

let orm: MikroORM;
let otherOrm: MikroORM;
let limiter: PostgresRateLimiter;
let otherLimiter: PostgresRateLimiter;

beforeAll(async () => {
  // Two ORM instances, two connection pools: as close to two processes as one test gets.
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 8 }));
  otherOrm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 8 }));
  limiter = new PostgresRateLimiter(orm);
  otherLimiter = new PostgresRateLimiter(otherOrm);
});

afterAll(async () => {
  await orm?.close();
  await otherOrm?.close();
});

const MINUTE: RateLimitRule = { limit: 5, windowSeconds: 60 };

function uniqueBucket(label = 'test'): string {
  return `${label}:${randomUUID()}`;
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

async function storedRow(bucket: string): Promise<{ hits: number; windowStartedAt: number } | null> {
  const [row] = await orm.em.fork().getConnection().execute('select hits, window_started_at from rate_limit_buckets where bucket = ?', [sha256(bucket)]);
  if (!row) return null;
  return { hits: row['hits'] as number, windowStartedAt: new Date(row['window_started_at'] as string).getTime() };
}

describe('PostgresRateLimiter', () => {
  it('counts hits in a fixed window and refuses past the limit', async () => {
    const bucket = uniqueBucket();
    const now = new Date('2030-01-01T10:00:10.500Z');
    const decisions = [];
    for (let i = 0; i < 7; i += 1) decisions.push(await limiter.consume(bucket, MINUTE, now));
    expect(decisions.map((decision) => decision.hits)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, true, true, false, false]);
    for (const decision of decisions) {
      expect(decision.limit).toBe(5);
      // The window started at 10:00:00 and ends at 10:01:00: 49.5 s left, rounded up.
      expect(decision.retryAfterSeconds).toBe(50);
    }
    expect(await storedRow(bucket)).toEqual({ hits: 7, windowStartedAt: new Date('2030-01-01T10:00:00.000Z').getTime() });
  });

  it('answers at least one second to wait, even at the very end of a window', async () => {
    const decision = await limiter.consume(uniqueBucket(), MINUTE, new Date('2030-01-01T10:00:59.999Z'));
    expect(decision.retryAfterSeconds).toBe(1);
  });

  it('starts again at one when the next window begins', async () => {
    const bucket = uniqueBucket();
    const windowStart = new Date('2030-01-01T10:00:00.000Z').getTime();
    for (let i = 0; i < 6; i += 1) await limiter.consume(bucket, MINUTE, new Date(windowStart + 59_000));
    expect((await limiter.consume(bucket, MINUTE, new Date(windowStart + 59_999))).allowed).toBe(false);
    const next = await limiter.consume(bucket, MINUTE, new Date(windowStart + 60_000));
    expect(next).toEqual({ allowed: true, hits: 1, limit: 5, retryAfterSeconds: 60 });
    expect(await storedRow(bucket)).toEqual({ hits: 1, windowStartedAt: windowStart + 60_000 });
    // A late caller whose clock still reads the old window counts into the newer one, never resets it.
    expect((await limiter.consume(bucket, MINUTE, new Date(windowStart + 59_500))).hits).toBe(2);
    expect(await storedRow(bucket)).toEqual({ hits: 2, windowStartedAt: windowStart + 60_000 });
  });

  it('counts 60 concurrent hits from two connection pools exactly, allowing exactly the limit', async () => {
    const bucket = uniqueBucket('concurrent');
    const rule: RateLimitRule = { limit: 25, windowSeconds: 3600 };
    const now = new Date('2030-06-01T12:30:00.000Z');
    const decisions = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? limiter : otherLimiter).consume(bucket, rule, now)));
    expect(decisions.map((decision) => decision.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(25);
    for (const decision of decisions) expect(decision.allowed).toBe(decision.hits <= 25);
    expect(await storedRow(bucket)).toEqual({ hits: 60, windowStartedAt: new Date('2030-06-01T12:00:00.000Z').getTime() });
  });

  it('refunds one hit at a time, never below zero', async () => {
    const bucket = uniqueBucket();
    const now = new Date('2030-01-01T10:00:00.000Z');
    for (let i = 0; i < 5; i += 1) await limiter.consume(bucket, MINUTE, now);
    await limiter.refund(bucket);
    expect((await storedRow(bucket))?.hits).toBe(4);
    expect((await limiter.consume(bucket, MINUTE, now)).hits).toBe(5);
    for (let i = 0; i < 7; i += 1) await limiter.refund(bucket);
    expect((await storedRow(bucket))?.hits).toBe(0);
    expect((await limiter.consume(bucket, MINUTE, now)).hits).toBe(1);
    await expect(limiter.refund(uniqueBucket())).resolves.toBeUndefined();
  });

  it('forgets a bucket on reset, leaving others alone', async () => {
    const [bucket, neighbour] = [uniqueBucket(), uniqueBucket()];
    const now = new Date('2030-01-01T10:00:00.000Z');
    for (let i = 0; i < 6; i += 1) await limiter.consume(bucket, MINUTE, now);
    await limiter.consume(neighbour, MINUTE, now);
    await limiter.reset(bucket);
    expect(await storedRow(bucket)).toBeNull();
    expect((await limiter.consume(bucket, MINUTE, now)).hits).toBe(1);
    expect((await storedRow(neighbour))?.hits).toBe(1);
  });

  it('prunes buckets whose window started before the given instant and answers how many', async () => {
    // Windows long past, so no other test's buckets fall into the pruned range.
    const old = [uniqueBucket(), uniqueBucket(), uniqueBucket()];
    const recent = uniqueBucket();
    for (const bucket of old) await limiter.consume(bucket, MINUTE, new Date('1990-01-01T00:00:30.000Z'));
    await limiter.consume(recent, MINUTE, new Date('1990-01-01T00:05:30.000Z'));
    expect(await limiter.pruneStartedBefore(new Date('1990-01-01T00:05:00.000Z'))).toBe(3);
    for (const bucket of old) expect(await storedRow(bucket)).toBeNull();
    expect(await storedRow(recent)).not.toBeNull();
    expect(await limiter.pruneStartedBefore(new Date('1990-01-01T00:05:00.000Z'))).toBe(0);
    expect(await limiter.pruneStartedBefore(new Date('1990-01-01T00:05:00.001Z'))).toBe(1);
  });

  it('stores only the SHA-256 of the bucket name, never the email or address in it', async () => {
    const email = `victim-${randomUUID().slice(0, 8)}@example.test`;
    const bucket = `login:tenant:account:${email}`;
    await limiter.consume(bucket, MINUTE, new Date());
    const connection = orm.em.fork().getConnection();
    expect(await connection.execute('select 1 from rate_limit_buckets where bucket = ?', [sha256(bucket)])).toHaveLength(1);
    expect(await connection.execute('select 1 from rate_limit_buckets where bucket like ?', [`%${email.split('@')[0]}%`])).toHaveLength(0);
    expect(await connection.execute('select 1 from rate_limit_buckets where bucket = ?', [bucket])).toHaveLength(0);
  });

  it('counts hits made inside a transaction that rolls back', async () => {
    const bucket = uniqueBucket();
    const now = new Date('2030-01-01T10:00:00.000Z');
    await expect(
      new MikroOrmTransactionRunner(orm).run(async () => {
        await limiter.consume(bucket, MINUTE, now);
        throw new Error('wrong password');
      }),
    ).rejects.toThrow('wrong password');
    expect((await storedRow(bucket))?.hits).toBe(1);
  });
});
