import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PacingRule, ProviderCallPacer } from '../../../application/outreach/provider-call-pacer.port.js';

interface ReservationRow {
  readonly wait_ms: number | string;
}

/**
 * A generic cell rate algorithm (GCRA) schedule in `provider_call_pacing`, one row per provider
 * account, shared by every process of the engine.
 *
 * The row holds the theoretical arrival time (TAT) of the next call. A reservation moves it one
 * emission interval T forward, and the call may start at max(now, TAT − T − τ), where τ lets
 * `burst` calls through back to back. T is chosen as window / (limit − burst + 1) so that no
 * window of `windowMs` ever holds more than `limit` calls, bursts included.
 *
 * A call reaches the provider some time after its slot: the reservation's answer travels back,
 * timers fire late on a busy event loop. When an early call is late and a later one is not, the
 * two arrive closer than planned. `arrivalJitterMs` stretches the window the schedule is built
 * for by that much, so lateness up to it never puts more than `limit` arrivals in a window.
 *
 * The clock is the database's, so processes with skewed clocks still agree. Statements run
 * outside any caller transaction: a reservation is spent even when the caller's work rolls back,
 * which errs on the side of the provider's limit.
 */
export class PostgresProviderCallPacer implements ProviderCallPacer {
  constructor(
    private readonly orm: MikroORM,
    private readonly arrivalJitterMs = DEFAULT_ARRIVAL_JITTER_MS,
  ) {}

  get lateSlotToleranceMs(): number {
    return this.arrivalJitterMs;
  }

  async reserve(pacingKey: string, rule: PacingRule): Promise<number> {
    const { emissionIntervalMs, burstToleranceMs } = gcraParameters(rule, this.arrivalJitterMs);
    const rows = (await this.orm.em.getConnection().execute(
      `with c as (select clock_timestamp() as now)
       insert into provider_call_pacing as p (pacing_key, theoretical_arrival_at)
       select ?, c.now + ? * interval '1 millisecond' from c
       on conflict (pacing_key) do update set
         theoretical_arrival_at = greatest(p.theoretical_arrival_at, (select now from c)) + ? * interval '1 millisecond'
       returning greatest(0, extract(epoch from (p.theoretical_arrival_at - (select now from c))) * 1000 - ? - ?) as wait_ms`,
      [hashPacingKey(pacingKey), emissionIntervalMs, emissionIntervalMs, emissionIntervalMs, burstToleranceMs],
      'all',
    )) as ReservationRow[];
    const row = rows[0];
    if (!row) throw new Error('pacing upsert returned no row');
    return Math.ceil(Number(row.wait_ms));
  }
}

/** Lateness absorbed by default: a quarter second, negligible against per-minute provider windows. */
export const DEFAULT_ARRIVAL_JITTER_MS = 250;

/** T and τ of the algorithm for a rule; exported for the tests that reason about the bound. */
export function gcraParameters(rule: PacingRule, arrivalJitterMs = 0): { emissionIntervalMs: number; burstToleranceMs: number } {
  const burst = Math.max(1, Math.min(rule.burst, rule.limit));
  const emissionIntervalMs = (rule.windowMs + arrivalJitterMs) / (rule.limit - burst + 1);
  return { emissionIntervalMs, burstToleranceMs: (burst - 1) * emissionIntervalMs };
}

/** Pacing keys are built from credentials; only a one-way hash of them is stored. */
function hashPacingKey(pacingKey: string): string {
  return createHash('sha256').update(pacingKey, 'utf8').digest('hex');
}
