import autocannon from 'autocannon';
import type { Result } from 'autocannon';

/** One thing to load: an HTTP endpoint and how to build each request. */
export interface Target {
  /** Row label in the report and key in the JSON results. */
  readonly name: string;
  /** Origin, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Body of the n-th request (n = 1, 2, ... across warm-up and measurement), so every request can
   * carry unique values, e.g. a slug that must not collide.
   */
  readonly body?: (n: number) => string;
}

export interface MeasureOptions {
  readonly durationSeconds: number;
  /** Load applied first and thrown away (0: none). Its failures still count as failures. */
  readonly warmupSeconds: number;
  readonly connections: number;
}

export interface Measurement {
  readonly target: string;
  /** Mean of the per-second request counts over the measured window. */
  readonly requestsPerSecond: number;
  /**
   * Latency percentiles of the 2xx responses, milliseconds, from every response time autocannon
   * reports (its own histogram rounds to whole milliseconds, too coarse for a fast baseline).
   */
  readonly p50: number;
  readonly p99: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
  /** Responses received during the measured window. */
  readonly requests: number;
  readonly durationSeconds: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly warmup: { readonly requests: number; readonly errors: number; readonly non2xx: number } | undefined;
  /** The first non-2xx answer seen (warm-up included), to tell what went wrong. */
  readonly firstFailure: { readonly status: number; readonly body: string } | undefined;
}

/** Loads the target with autocannon: optional warm-up, then the measured window. */
export async function measure(target: Target, options: MeasureOptions): Promise<Measurement> {
  let sequence = 0;
  let firstFailure: Measurement['firstFailure'];

  const run = async (seconds: number): Promise<{ result: Result; latencies: Float64Array }> => {
    const latencies: number[] = [];
    const instance = autocannon({
      url: target.url,
      connections: options.connections,
      duration: seconds,
      requests: [
        {
          method: target.method,
          path: target.path,
          headers: { ...(target.body ? { 'content-type': 'application/json' } : {}), ...target.headers },
          ...(target.body ? { setupRequest: (request) => ({ ...request, body: target.body?.(++sequence) }) } : {}),
          onResponse: (status, body) => {
            if ((status < 200 || status > 299) && !firstFailure) firstFailure = { status, body: body.slice(0, 500) };
          },
        },
      ],
    });
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status <= 299) latencies.push(responseTime);
    });
    return { result: await instance, latencies: Float64Array.from(latencies).sort() };
  };

  const warmup = options.warmupSeconds > 0 ? (await run(options.warmupSeconds)).result : undefined;
  const { result, latencies } = await run(options.durationSeconds);
  return {
    target: target.name,
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: result.errors,
    non2xx: result.non2xx,
    requests: result.requests.total,
    durationSeconds: result.duration,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)])),
    warmup: warmup && { requests: warmup.requests.total, errors: warmup.errors, non2xx: warmup.non2xx },
    firstFailure,
  };
}

/** Requests that did not end in a 2xx, warm-up included. */
export function failures(measurement: Measurement): number {
  const warmup = measurement.warmup ? measurement.warmup.errors + measurement.warmup.non2xx : 0;
  return measurement.errors + measurement.non2xx + warmup;
}

/** Nearest-rank percentile of ascending values; NaN when there are none. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}
