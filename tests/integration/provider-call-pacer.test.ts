import { createHash, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARRIVAL_JITTER_MS, gcraParameters, PostgresProviderCallPacer } from '../../adapters/persistence/outreach/postgres-provider-call-pacer.js';
import type { PacingRule } from '../../application/outreach/provider-call-pacer.port.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

let orm: MikroORM;
let otherOrm: MikroORM;
let pacer: PostgresProviderCallPacer;

beforeAll(async () => {
  // Two ORM instances, two pools: as close to two engine processes as one test gets.
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 8 }));
  otherOrm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 8 }));
  // No jitter allowance: the schedule's arithmetic is what most of these tests check.
  pacer = new PostgresProviderCallPacer(orm, 0);
});

afterAll(async () => {
  await orm?.close();
  await otherOrm?.close();
});

const RULE: PacingRule = { limit: 5, windowMs: 1_000, burst: 2 };

/** When each reserved call may start, on this process's clock. */
async function reserveStarts(reserve: () => Promise<number>): Promise<number> {
  const wait = await reserve();
  return Date.now() + wait;
}

/** The most calls any window of `windowMs` holds, wherever it starts (windows start at a call). */
function busiestWindow(starts: readonly number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let j = i;
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j += 1;
    busiest = Math.max(busiest, j - i);
  }
  return busiest;
}

describe('PostgresProviderCallPacer', () => {
  it('lets a burst through at once, then spaces calls by the emission interval', async () => {
    const key = `smartlead:key:${randomUUID()}`;
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) waits.push(await pacer.reserve(key, RULE));
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    const { emissionIntervalMs } = gcraParameters(RULE);
    expect(emissionIntervalMs).toBe(250);
    // Each later call waits one interval more than the one before (less the few ms that passed).
    for (let i = 2; i < 5; i += 1) {
      expect(waits[i]).toBeGreaterThan((i - 2) * emissionIntervalMs);
      expect(waits[i]).toBeLessThanOrEqual((i - 1) * emissionIntervalMs);
    }
  });

  it('never schedules more than the limit into any window, with two pools reserving concurrently', async () => {
    // As in production: the default allowance absorbs the time each answer takes to come back.
    const production = [new PostgresProviderCallPacer(orm), new PostgresProviderCallPacer(otherOrm)];
    const key = `smartlead:key:${randomUUID()}`;
    const reservations = Array.from({ length: 60 }, (_, index) => reserveStarts(() => production[index % 2]!.reserve(key, RULE)));
    const starts = await Promise.all(reservations);
    expect(busiestWindow(starts, RULE.windowMs)).toBeLessThanOrEqual(RULE.limit);
    // Two at once, then one per (1000 + 250) / 4 ms: 60 calls span at least 58 intervals less the burst.
    const { emissionIntervalMs } = gcraParameters(RULE, DEFAULT_ARRIVAL_JITTER_MS);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(58 * emissionIntervalMs - emissionIntervalMs - 50);
  });

  it('keeps separate schedules per account', async () => {
    const first = `instantly:workspace:${randomUUID()}`;
    const second = `instantly:workspace:${randomUUID()}`;
    for (let i = 0; i < 4; i += 1) await pacer.reserve(first, RULE);
    expect(await pacer.reserve(second, RULE)).toBe(0);
  });

  it('stores only a hash of the account key', async () => {
    const secret = `sk-${randomUUID()}`;
    const key = `heyreach:key:${secret}`;
    await pacer.reserve(key, RULE);
    const rows = await orm.em.fork().getConnection().execute('select pacing_key from provider_call_pacing');
    const stored = rows.map((row) => row['pacing_key'] as string);
    expect(stored).toContain(createHash('sha256').update(key, 'utf8').digest('hex'));
    expect(stored.some((value) => value.includes(secret))).toBe(false);
  });

  it('stretches the schedule by the arrival jitter allowance, so lateness up to it stays within the limit', () => {
    const rule: PacingRule = { limit: 20, windowMs: 1_000, burst: 2 };
    const { emissionIntervalMs } = gcraParameters(rule, 250);
    // Calls k and k+limit are at least window + allowance apart, whatever happened in between.
    expect((rule.limit - rule.burst + 1) * emissionIntervalMs).toBeCloseTo(rule.windowMs + 250, 6);
  });

  it('caps a burst at the limit and keeps every window within it', () => {
    const rule: PacingRule = { limit: 60, windowMs: 60_000, burst: 5 };
    const { emissionIntervalMs, burstToleranceMs } = gcraParameters(rule);
    // burst + (window / T) − 1 = limit: the worst window holds exactly the limit.
    expect(5 + rule.windowMs / emissionIntervalMs - 1).toBeCloseTo(rule.limit, 6);
    expect(burstToleranceMs).toBeCloseTo(4 * emissionIntervalMs, 6);
    expect(gcraParameters({ limit: 3, windowMs: 1_000, burst: 10 }).burstToleranceMs).toBeCloseTo(2 * (1_000 / 1), 6);
  });
});
