/** How long and how hard each target is loaded; overridable from the environment. */
export interface BenchSettings {
  /** Measured seconds per target. */
  readonly durationSeconds: number;
  /** Seconds of load per target before measuring, not counted. */
  readonly warmupSeconds: number;
  /** Concurrent keep-alive connections. */
  readonly connections: number;
}

export function readSettings(environment: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    durationSeconds: positiveInteger(environment, 'BENCH_DURATION_S', 10, 1),
    warmupSeconds: positiveInteger(environment, 'BENCH_WARMUP_S', 2, 0),
    connections: positiveInteger(environment, 'BENCH_CONNECTIONS', 10, 1),
  };
}

function positiveInteger(environment: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = environment[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  }
  return value;
}
