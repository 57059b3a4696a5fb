/** How long and how hard each target is loaded; overridable from the environment. */
export interface BenchSettings {
  /** Measured seconds per target. */
  readonly durationSeconds: number;
  /** Seconds of load per target before measuring, not counted. */
  readonly warmupSeconds: number;
  /** Concurrent keep-alive connections. */
  readonly connections: number;
  /**
   * Measured seconds per campaign-list target: ten of them (five requests × two databases), so
   * shorter than the others to keep the run short; a few thousand requests each still.
   */
  readonly listDurationSeconds: number;
  /** Imports of 10,000 leads per provider (a fresh campaign each), and as many baseline INSERTs. */
  readonly importRuns: number;
  /** Providers the lead import runs against, in order. */
  readonly importProviders: readonly ImportProvider[];
  /**
   * Projection-queue poll intervals (WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS) the webhook
   * ingestion runs with, one service each; the production default, 0.5 s, unless told otherwise.
   * It bounds how soon a stored event can be projected.
   */
  readonly webhookPollIntervalsSeconds: readonly number[];
}

export const IMPORT_PROVIDERS = ['instantly', 'smartlead'] as const;
export type ImportProvider = (typeof IMPORT_PROVIDERS)[number];

export function readSettings(environment: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    durationSeconds: positiveInteger(environment, 'BENCH_DURATION_S', 10, 1),
    warmupSeconds: positiveInteger(environment, 'BENCH_WARMUP_S', 2, 0),
    connections: positiveInteger(environment, 'BENCH_CONNECTIONS', 10, 1),
    listDurationSeconds: positiveInteger(environment, 'BENCH_LIST_DURATION_S', 5, 1),
    importRuns: positiveInteger(environment, 'BENCH_IMPORT_RUNS', 3, 1),
    importProviders: importProviders(environment),
    webhookPollIntervalsSeconds: pollIntervals(environment),
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

function importProviders(environment: NodeJS.ProcessEnv): ImportProvider[] {
  const raw = environment['BENCH_IMPORT_PROVIDERS'];
  if (raw === undefined || raw.trim() === '') return [...IMPORT_PROVIDERS];
  const named = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = named.filter((name) => !(IMPORT_PROVIDERS as readonly string[]).includes(name));
  if (unknown.length > 0 || named.length === 0) {
    throw new Error(`BENCH_IMPORT_PROVIDERS must list some of ${IMPORT_PROVIDERS.join(', ')} (got "${raw}")`);
  }
  return IMPORT_PROVIDERS.filter((provider) => named.includes(provider));
}

/** The service accepts 0.5–300 s (WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS). */
function pollIntervals(environment: NodeJS.ProcessEnv): number[] {
  const raw = environment['BENCH_WEBHOOK_POLL_INTERVALS'];
  if (raw === undefined || raw.trim() === '') return [0.5];
  const values = raw.split(',').map((value) => value.trim()).filter(Boolean).map(Number);
  if (values.length === 0 || values.some((value) => !Number.isFinite(value) || value < 0.5 || value > 300)) {
    throw new Error(`BENCH_WEBHOOK_POLL_INTERVALS must list seconds between 0.5 and 300, e.g. "0.5,2" (got "${raw}")`);
  }
  return values;
}
