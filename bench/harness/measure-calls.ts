// A closed-loop measurer for operations that are not HTTP endpoints of ours (autocannon only loads
// a URL): `connections` workers each make one call, wait for it, make the next, for the warm-up and
// then for the measured window, and every call's latency is recorded. The result has the shape
// autocannon's `measure` answers, so the report, the ratios and latest.json treat both alike.
import { performance } from 'node:perf_hooks';
import type { Measurement, MeasureOptions } from './measure.js';

/** One operation to repeat, e.g. a provider call through the engine, or the bare request under it. */
export interface CallTarget {
  /** Row label in the report and key in the JSON results. */
  readonly name: string;
  /** What one call does, for the progress log (no secrets). */
  readonly description: string;
  /**
   * One call: resolves when it succeeded, throws when it did not. A thrown error carrying a
   * numeric `httpStatus` or `status` (a ProviderCallError, a CallRefused) counts as non-2xx;
   * anything else (connection failure, timeout, malformed answer) as an error.
   */
  call(): Promise<void>;
}

/** A call the other side answered with a non-2xx status. */
export class CallRefused extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(body);
    this.name = 'CallRefused';
  }
}

interface Window {
  /** Calls finished, succeeded or not. */
  readonly calls: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly seconds: number;
  /** Milliseconds of the successful calls, ascending. */
  readonly latencies: Float64Array;
  readonly statusCodes: Record<string, number>;
}

/** Loads the target with `connections` concurrent callers: optional warm-up, then the measured window. */
export async function measureCalls(target: CallTarget, options: MeasureOptions): Promise<Measurement> {
  let firstFailure: Measurement['firstFailure'];

  const run = async (seconds: number): Promise<Window> => {
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    let calls = 0;
    let errors = 0;
    let non2xx = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const worker = async (): Promise<void> => {
      // A call started before the deadline is waited for and counted, as autocannon counts the
      // responses to requests it sent within its duration.
      while (performance.now() < deadline) {
        const before = performance.now();
        try {
          await target.call();
          latencies.push(performance.now() - before);
          statusCodes['2xx'] = (statusCodes['2xx'] ?? 0) + 1;
        } catch (error) {
          const status = statusOf(error);
          if (status === null) errors += 1;
          else non2xx += 1;
          const key = status === null ? 'error' : String(status);
          statusCodes[key] = (statusCodes[key] ?? 0) + 1;
          // Status 0: the call failed without an HTTP status (connection, timeout, bad answer).
          firstFailure ??= { status: status ?? 0, body: describe(error).slice(0, 500) };
        }
        calls += 1;
      }
    };
    await Promise.all(Array.from({ length: options.connections }, worker));
    const elapsed = (performance.now() - started) / 1000;
    return { calls, errors, non2xx, seconds: elapsed, latencies: Float64Array.from(latencies).sort(), statusCodes };
  };

  const warmup = options.warmupSeconds > 0 ? await run(options.warmupSeconds) : undefined;
  const measured = await run(options.durationSeconds);
  return {
    target: target.name,
    // Calls finished per second of the window, which a closed loop makes the same as the mean
    // of per-second counts (autocannon's figure) up to the last, partly counted second.
    requestsPerSecond: measured.seconds > 0 ? measured.calls / measured.seconds : 0,
    p50: percentile(measured.latencies, 50),
    p99: percentile(measured.latencies, 99),
    errors: measured.errors,
    non2xx: measured.non2xx,
    requests: measured.calls,
    durationSeconds: Math.round(measured.seconds * 100) / 100,
    statusCodes: measured.statusCodes,
    warmup: warmup && { requests: warmup.calls, errors: warmup.errors, non2xx: warmup.non2xx },
    firstFailure,
  };
}

/** The HTTP status a failed call got, or null when it got none (or none is known). */
function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = 'httpStatus' in error ? error.httpStatus : 'status' in error ? error.status : null;
  return typeof candidate === 'number' ? candidate : null;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const kind = 'kind' in error && typeof error.kind === 'string' ? ` (${error.kind})` : '';
  return `${error.name}${kind}: ${error.message}`;
}

/** Nearest-rank percentile of ascending values; NaN when there are none (as in measure.ts). */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}
