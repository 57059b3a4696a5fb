// Scenario: provider webhook deliveries — the service's per-organization webhook URLs against a
// bare Koa INSERT … ON CONFLICT DO NOTHING (servers/webhook-baseline-server.ts), with the same
// mixed bodies, in the same run — and how long the stored events then take to be projected.
//
// Every request is a new event (webhook-payloads.ts), so what is measured is sustained *accepted*
// deliveries: after each target the stored rows are counted against the 2xx answers.
//
// Projection: the service stores the event and enqueues its pg-boss job in one transaction and
// answers; a worker projects it later. After the load stops, the events stored during the measured
// window are followed (bounded by DRAIN_TIMEOUT_MS) until none is still `received`, then their
// `received_at` → `projected_at` is read from the service's database. The sample payloads name
// campaigns no organization holds, so the events end `ignored` ("unknown campaign") or `projected`
// for the types with no local effect (opened, clicked): the projection's lookups and its
// transaction are paid, not the writes into campaign state. The projection queue's poll interval
// (WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS) bounds how soon an idle worker sees a job; one service
// runs per interval in BENCH_WEBHOOK_POLL_INTERVALS (default: the production default, 0.5 s).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { loadConfig } from '../../infrastructure/config/config.js';
import { activeOrganizationWithAdmin } from '../harness/bench-tenant.js';
import type { ChildServer } from '../harness/child-server.js';
import { failures, measure, measureWithWindow } from '../harness/measure.js';
import type { MeasuredWindow, Measurement, Target } from '../harness/measure.js';
import type { ProjectionSummary } from '../harness/projection-summary.js';
import { compare } from '../harness/report.js';
import type { Comparison } from '../harness/report.js';
import type { ScenarioContext, ScenarioOutcome } from '../harness/scenario.js';
import { EMPTY_OUTCOME } from '../harness/scenario.js';
import { serviceRequest, stringField } from '../harness/service-request.js';
import { loginSuperAdmin } from '../harness/super-admin-session.js';
import type { ServiceServerParameters } from '../servers/service-server.js';
import type { WebhookBaselineServerParameters } from '../servers/webhook-baseline-server.js';
import { loadWebhookPayloadMix, WEBHOOK_PROVIDERS } from './webhook-payloads.js';
import type { WebhookPayloadMix, WebhookProvider } from './webhook-payloads.js';

/**
 * How long the events of a window may take to be projected once the load stops. Generous for a
 * queue that keeps pace; a queue that does not is reported (with what was left) instead of waited
 * for — at its production defaults the projection's pace is far below the ingestion's (README).
 */
const DRAIN_TIMEOUT_MS = 120_000;
const DRAIN_POLL_MS = 100;

export async function runWebhookIngestionScenario(context: ScenarioContext): Promise<ScenarioOutcome> {
  const { settings, log } = context;
  const measurements: Measurement[] = [];
  const comparisons: Comparison[] = [];
  const projections: ProjectionSummary[] = [];

  log('webhook-ingestion: starting the baseline (bare Koa, INSERT … ON CONFLICT DO NOTHING)');
  const baselineDatabaseUrl = await context.database.createDatabase('oex_bench_webhook_baseline');
  const baselineServer = await context.startChild('webhook-baseline', new URL('../servers/webhook-baseline-server.ts', import.meta.url), {
    databaseUrl: baselineDatabaseUrl,
    poolMax: context.poolMax,
  } satisfies WebhookBaselineServerParameters);
  let baseline: Measurement;
  try {
    const mix = await loadWebhookPayloadMix('baseline');
    const samples = mix.samplesPerProvider;
    log(`webhook-ingestion: the mix cycles through ${samples.smartlead} Smartlead, ${samples.instantly} Instantly and ${samples.heyreach} HeyReach samples`);
    const target = mixedTarget('webhook-baseline', baselineServer.url, mix, (provider) => `/baseline/webhooks/${provider}`);
    log(`measuring ${target.name}: POST /baseline/webhooks/{provider}, one INSERT … ON CONFLICT DO NOTHING`);
    baseline = await measure(target, settings);
    const stored = await countRows(baselineDatabaseUrl, 'SELECT count(*)::int AS count FROM bench_webhook_events');
    const storedProblem = storedCountProblem(baseline, stored, settings.connections);
    // The floor must be what it claims (one new row per answer), or every ratio against it is wrong.
    if (storedProblem) throw new Error(`webhook-baseline: ${storedProblem}`);
    measurements.push(baseline);
  } finally {
    await baselineServer.stop();
  }

  for (const pollIntervalSeconds of settings.webhookPollIntervalsSeconds) {
    const { measurement, projection } = await measureService(context, pollIntervalSeconds);
    measurements.push(measurement);
    comparisons.push(compare(measurement, baseline));
    projections.push(projection);
  }
  return { ...EMPTY_OUTCOME, measurements, comparisons, projections };
}

/** One service with the given poll interval: its ingestion under load, then its projection. */
async function measureService(context: ScenarioContext, pollIntervalSeconds: number): Promise<{ measurement: Measurement; projection: ProjectionSummary }> {
  const { settings, log } = context;
  const label = `poll ${pollIntervalSeconds}s`;
  const databaseUrl = await context.database.createDatabase(`oex_bench_webhooks_${String(pollIntervalSeconds).replace('.', '_')}`);
  const superAdmin = { email: 'bench-admin@example.com', password: randomBytes(18).toString('base64url') };
  const environment = { WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS: String(pollIntervalSeconds) };
  // What the child's loadConfig makes of the same variables: the worker count is the default.
  const jobs = loadConfig({ NODE_ENV: 'development', DATABASE_URL: databaseUrl, ...environment }).jobs;

  log(`webhook-ingestion: starting a service with WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS=${jobs.webhookProjectionPollIntervalSeconds}, JOBS_CONCURRENCY=${jobs.concurrency}`);
  const service: ChildServer = await context.startChild(`webhook-service-${label}`, new URL('../servers/service-server.ts', import.meta.url), {
    databaseUrl,
    poolMax: context.poolMax,
    jwtSecret: randomBytes(48).toString('base64url'),
    superAdmin,
    // A credential key of its own, as production has (and no dev-key warning in the output).
    environment: { ...environment, CREDENTIAL_KEYS: `bench:${randomBytes(32).toString('base64')}` },
    // Failed projections and errors reach stderr, so a failure here can be told apart.
    logLevel: 'warn',
  } satisfies ServiceServerParameters);
  try {
    const superAdminToken = await loginSuperAdmin(service.url, superAdmin.email, superAdmin.password);
    const organization = await activeOrganizationWithAdmin(service.url, superAdminToken, `bench-webhooks-${String(pollIntervalSeconds).replace('.', '-')}`);
    const urlPaths = await issueEndpoints(service.url, superAdminToken, organization.orgId);

    const mix = await loadWebhookPayloadMix(`service-${label.replace(/\W+/g, '')}`);
    const target = mixedTarget(`webhook-ingest[${label}]`, service.url, mix, (provider) => urlPaths[provider]);
    log(`measuring ${target.name}: POST /api/webhooks/{provider}/{endpoint_token}, the organization's three URLs`);
    const { measurement, window } = await measureWithWindow(target, settings);

    log(`webhook-ingestion: following the window's events until projected (at most ${DRAIN_TIMEOUT_MS / 1000} s)`);
    const projection = await followProjections(databaseUrl, window, `webhook-projection[${label}]`, jobs);
    const stored = await countRows(databaseUrl, 'SELECT count(*)::int AS count FROM webhook_events');
    const storedProblem = storedCountProblem(measurement, stored, settings.connections);
    return { measurement, projection: storedProblem ? { ...projection, failures: [...projection.failures, storedProblem] } : projection };
  } finally {
    await service.stop();
  }
}

/** One URL per provider for the organization, issued the way a super-admin does it. */
async function issueEndpoints(serviceUrl: string, superAdminToken: string, orgId: string): Promise<Record<WebhookProvider, string>> {
  const paths = {} as Record<WebhookProvider, string>;
  for (const provider of WEBHOOK_PROVIDERS) {
    const issued = await serviceRequest(serviceUrl, 'POST', `/api/super-admin/organizations/${orgId}/webhook-endpoints`, {
      token: superAdminToken,
      body: { provider_slug: provider },
      expect: [201],
    });
    paths[provider] = stringField(issued, 'url_path');
  }
  return paths;
}

function mixedTarget(name: string, url: string, mix: WebhookPayloadMix, pathFor: (provider: WebhookProvider) => string): Target {
  return {
    name,
    url,
    method: 'POST',
    path: pathFor('smartlead'),
    pathOf: (n) => pathFor(mix.providerOf(n)),
    body: (n) => mix.bodyOf(n),
  };
}

/**
 * Every 2xx answer must have stored a new row. Requests still in flight when autocannon stops a
 * window may be stored without their answer being counted: up to one per connection and window.
 */
function storedCountProblem(measurement: Measurement, stored: number, connections: number): string | undefined {
  if (failures(measurement) > 0) return undefined; // already a failure, with its first answer shown
  const answered = measurement.requests + (measurement.warmup?.requests ?? 0);
  const windows = measurement.warmup ? 2 : 1;
  if (stored >= answered && stored <= answered + connections * windows) return undefined;
  return `${stored} events stored for ${answered} 2xx answers: some answers were not new events`;
}

async function countRows(databaseUrl: string, sql: string): Promise<number> {
  return withClient(databaseUrl, async (client) => (await client.query<{ count: number }>(sql)).rows[0]?.count ?? 0);
}

/** The measured window's events, from acknowledgement to final state, read from the service's database. */
async function followProjections(
  databaseUrl: string,
  window: MeasuredWindow,
  target: string,
  jobs: { readonly webhookProjectionPollIntervalSeconds: number; readonly concurrency: number },
): Promise<ProjectionSummary> {
  return withClient(databaseUrl, async (client) => {
    const inWindow = 'received_at >= $1 AND received_at <= $2';
    const bounds = [window.startedAt, window.endedAt];
    const pending = async (): Promise<number> =>
      (await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM webhook_events WHERE ${inWindow} AND status = 'received'`, bounds)).rows[0]?.count ?? 0;

    const pendingAtWindowEnd = await pending();
    const waitStarted = Date.now();
    let stillPending = pendingAtWindowEnd;
    while (stillPending > 0 && Date.now() - waitStarted < DRAIN_TIMEOUT_MS) {
      await sleep(DRAIN_POLL_MS);
      stillPending = await pending();
    }

    const { rows } = await client.query<{
      events: number;
      projected: number;
      ignored: number;
      first_received: Date | null;
      last_final: Date | null;
      p50: number | null;
      p99: number | null;
      max: number | null;
    }>(
      `SELECT count(*)::int AS events,
              count(*) FILTER (WHERE status = 'projected')::int AS projected,
              count(*) FILTER (WHERE status = 'ignored')::int AS ignored,
              min(received_at) AS first_received,
              max(projected_at) FILTER (WHERE status IN ('projected', 'ignored')) AS last_final,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY lag_ms) FILTER (WHERE status IN ('projected', 'ignored')) AS p50,
              percentile_disc(0.99) WITHIN GROUP (ORDER BY lag_ms) FILTER (WHERE status IN ('projected', 'ignored')) AS p99,
              max(lag_ms) FILTER (WHERE status IN ('projected', 'ignored')) AS max
         FROM (SELECT status, received_at, projected_at,
                      extract(epoch FROM projected_at - received_at)::float8 * 1000 AS lag_ms
                 FROM webhook_events WHERE ${inWindow}) AS window_events`,
      bounds,
    );
    const row = rows[0];
    if (!row) throw new Error('no answer to the projection summary query');
    const final = row.projected + row.ignored;
    const unfinished = row.events - final;
    const spanSeconds = row.first_received && row.last_final ? (row.last_final.getTime() - row.first_received.getTime()) / 1000 : 0;
    const drainSeconds = stillPending > 0 || !row.last_final ? null : Math.max(0, (row.last_final.getTime() - window.endedAt.getTime()) / 1000);
    const problems: string[] = [];
    if (row.events === 0) problems.push('no event was stored during the measured window');
    if (unfinished > 0) {
      const { rows: byStatus } = await client.query<{ status: string; count: number }>(
        `SELECT status, count(*)::int AS count FROM webhook_events WHERE ${inWindow} AND status NOT IN ('projected', 'ignored') GROUP BY status`,
        bounds,
      );
      problems.push(`${unfinished} of the window's events not projected after ${DRAIN_TIMEOUT_MS / 1000} s: ${byStatus.map((s) => `${s.count} ${s.status}`).join(', ')}`);
    }
    return {
      target,
      pollIntervalSeconds: jobs.webhookProjectionPollIntervalSeconds,
      jobsConcurrency: jobs.concurrency,
      events: row.events,
      projected: row.projected,
      ignored: row.ignored,
      unfinished,
      pendingAtWindowEnd,
      drainSeconds,
      projectionsPerSecond: spanSeconds > 0 ? final / spanSeconds : 0,
      p50Ms: row.p50 ?? Number.NaN,
      p99Ms: row.p99 ?? Number.NaN,
      maxMs: row.max ?? Number.NaN,
      failures: problems,
    };
  });
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
