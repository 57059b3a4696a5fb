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
  /**
   * Path of the n-th request (same n as `body`), when requests go to several paths, e.g. one
   * webhook URL per provider; `path` otherwise.
   */
  readonly pathOf?: (n: number) => string;
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

/** Wall-clock bounds of a measured window, for work the target leaves behind (e.g. queued jobs). */
export interface MeasuredWindow {
  readonly startedAt: Date;
  readonly endedAt: Date;
}

/** Loads the target with autocannon: optional warm-up, then the measured window. */
export async function measure(target: Target, options: MeasureOptions): Promise<Measurement> {
  return (await measureWithWindow(target, options)).measurement;
}

/** `measure`, also telling when the measured window (warm-up excluded) started and ended. */
export async function measureWithWindow(target: Target, options: MeasureOptions): Promise<{ measurement: Measurement; window: MeasuredWindow }> {
  const loader = loaderOf(target, options.connections);
  const warmup = options.warmupSeconds > 0 ? (await loader.window(options.warmupSeconds)).result : undefined;
  const startedAt = new Date();
  const { result, latencies } = await loader.window(options.durationSeconds);
  const endedAt = new Date();
  const measurement: Measurement = {
    target: target.name,
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: result.errors,
    non2xx: result.non2xx,
    requests: result.requests.total,
    durationSeconds: result.duration,
    statusCodes: statusCodesOf(result),
    warmup: warmup && { requests: warmup.requests.total, errors: warmup.errors, non2xx: warmup.non2xx },
    firstFailure: loader.firstFailure(),
  };
  return { measurement, window: { startedAt, endedAt } };
}

/**
 * Loads several targets in turn, each measured window split into `rounds` slices taken round-robin
 * (A B A B …) after a warm-up of each: whatever else the machine does drifts over the run, and
 * alternating spreads that drift over all of them alike instead of loading it onto whichever came
 * last. Each target's figures cover all its slices (requests/s: its responses over its seconds).
 */
export async function measureAlternating(targets: readonly Target[], options: MeasureOptions, rounds: number): Promise<Measurement[]> {
  const loaders = targets.map((target) => loaderOf(target, options.connections));
  const warmups: (Result | undefined)[] = [];
  for (const loader of loaders) warmups.push(options.warmupSeconds > 0 ? (await loader.window(options.warmupSeconds)).result : undefined);
  const slices: { result: Result; latencies: Float64Array }[][] = targets.map(() => []);
  const sliceSeconds = options.durationSeconds / rounds;
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, loader] of loaders.entries()) slices[index]?.push(await loader.window(sliceSeconds));
  }
  return targets.map((target, index) => {
    const taken = slices[index] ?? [];
    const latencies = Float64Array.from(taken.flatMap((slice) => Array.from(slice.latencies))).sort();
    const sum = (of: (result: Result) => number): number => taken.reduce((total, slice) => total + of(slice.result), 0);
    const seconds = sum((result) => result.duration);
    const statusCodes: Record<string, number> = {};
    for (const slice of taken) for (const [code, count] of Object.entries(statusCodesOf(slice.result))) statusCodes[code] = (statusCodes[code] ?? 0) + count;
    const warmup = warmups[index];
    return {
      target: target.name,
      requestsPerSecond: seconds > 0 ? sum((result) => result.requests.total) / seconds : 0,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: sum((result) => result.errors),
      non2xx: sum((result) => result.non2xx),
      requests: sum((result) => result.requests.total),
      durationSeconds: Math.round(seconds * 100) / 100,
      statusCodes,
      warmup: warmup && { requests: warmup.requests.total, errors: warmup.errors, non2xx: warmup.non2xx },
      firstFailure: loaders[index]?.firstFailure(),
    };
  });
}

/** One target's autocannon runs: request numbering and the first failure carry across its windows. */
function loaderOf(target: Target, connections: number) {
  let sequence = 0;
  let firstFailure: Measurement['firstFailure'];
  const window = async (seconds: number): Promise<{ result: Result; latencies: Float64Array }> => {
    const latencies: number[] = [];
    const instance = autocannon({
      url: target.url,
      connections,
      duration: seconds,
      requests: [
        {
          method: target.method,
          path: target.path,
          headers: { ...(target.body ? { 'content-type': 'application/json' } : {}), ...target.headers },
          ...(target.body || target.pathOf
            ? {
                setupRequest: (request) => {
                  const n = ++sequence;
                  return { ...request, path: target.pathOf?.(n) ?? request.path, body: target.body?.(n) };
                },
              }
            : {}),
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
  return { window, firstFailure: () => firstFailure };
}

function statusCodesOf(result: Result): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]));
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
