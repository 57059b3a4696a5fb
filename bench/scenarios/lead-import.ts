// Scenario: 10,000 leads into a campaign through the API, against the provider simulators, and the
// same rows by a plain multi-row INSERT (lead-insert-baseline.ts), in the same run.
//
// Per provider and run, a fresh campaign is created through the API (created at the simulator
// too), then one POST /api/campaigns/{id}/leads carries the 10,000 leads. Timed from the parent:
//
// - accept: until the 202 — JSON parsing, validation of every lead, the set-based insert that
//   skips suppressed and known addresses, the import row, the audit row and the job enqueued, in
//   one transaction;
// - complete: until GET …/lead-imports/{job_id} first reports `completed` (polled every
//   POLL_INTERVAL_MS), every lead handed to the simulator.
//
// The import's own timestamps split the rest: queue wait (created_at → started_at: the commit and
// pg-boss picking the job up; its poll interval is the production default, JOBS_POLL_INTERVAL_SECONDS
// = 2) and push (started_at → finished_at: reading pending leads in chunks, the provider calls,
// marking each chunk synced). The simulator is then asked how many leads the campaign holds.
//
// Each Smartlead run gets a fresh simulator (a new process on the same port, so the service's
// SMARTLEAD_BASE_URL still points at it) and a fresh organization connected to it: the simulator
// finds each uploaded lead by scanning every lead it holds, so its own cost grows with every import
// before, and later runs would measure that rather than the engine; a fresh simulator numbers its
// campaigns from the start again, and a new organization keeps those ids from meeting the previous
// runs' (campaigns_external_key is unique per organization and provider). The Instantly simulator's
// per-call cost stays small: one organization and one simulator serve all its runs.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { SMARTLEAD_API_PREFIX } from '../../infrastructure/simulators/smartlead/smartlead-api-routes.js';
import { compareBatches, summarizeBatch } from '../harness/batch-measure.js';
import type { BatchComparison, BatchMeasurement } from '../harness/batch-measure.js';
import { activeOrganizationWithAdmin, connectedEmailCompany } from '../harness/bench-tenant.js';
import type { EmailProviderAccess } from '../harness/bench-tenant.js';
import type { ChildServer } from '../harness/child-server.js';
import type { ScenarioContext, ScenarioOutcome } from '../harness/scenario.js';
import { EMPTY_OUTCOME } from '../harness/scenario.js';
import { serviceRequest } from '../harness/service-request.js';
import type { ImportProvider } from '../harness/settings.js';
import { loginSuperAdmin } from '../harness/super-admin-session.js';
import type { InstantlySimulatorServerParameters } from '../servers/instantly-simulator-server.js';
import type { ServiceServerParameters } from '../servers/service-server.js';
import type { SmartleadSimulatorServerParameters } from '../servers/smartlead-simulator-server.js';
import { benchLeads } from './bench-leads.js';
import type { BenchLead } from './bench-leads.js';
import { BASELINE_ROWS_PER_STATEMENT, insertLeadsPlainly, openLeadInsertBaseline } from './lead-insert-baseline.js';

/** The most leads one request may carry (MAX_LEADS_PER_REQUEST). */
export const LEAD_IMPORT_ROWS = 10_000;

const POLL_INTERVAL_MS = 50;
const COMPLETION_TIMEOUT_MS = 300_000;
const SMARTLEAD_CLIENT_ID = 4242;

/**
 * Pacing so generous the engine's limiter never makes a call wait (the simulators have their
 * limits off too): what is measured is the work, not a provider's rate limit. One attempt per
 * call: a failed call fails the import's attempt, visibly, instead of hiding in a retry.
 */
const UNPACED_PROVIDERS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['SMARTLEAD', 'INSTANTLY'].flatMap((provider) => [
      [`${provider}_RATE_LIMIT`, '100000'],
      [`${provider}_RATE_WINDOW_MS`, '1000'],
      [`${provider}_RATE_BURST`, '100000'],
    ]),
  ),
  PROVIDER_MAX_ATTEMPTS: '1',
  PROVIDER_ARRIVAL_JITTER_MS: '0',
};

/** What the parent measured of one import, and the import as last reported. */
interface ImportRun {
  readonly acceptMs: number;
  readonly completeMs: number;
  readonly queueWaitMs: number;
  readonly pushMs: number;
  readonly failures: readonly string[];
}

/** The tenant a run imports as: an org admin and a company connected to the provider. */
interface ImportTenant {
  readonly token: string;
  readonly orgId: string;
  readonly companyId: string;
}

interface ProviderWorld {
  readonly provider: ImportProvider;
  /** The tenant for a run, its simulator ready (a fresh one where the last run's state would skew it). */
  tenantFor(run: number): Promise<ImportTenant>;
  /** How many leads the simulator holds for a campaign, asked with the provider's own API. */
  leadsAtProvider(externalCampaignId: string): Promise<number>;
}

export async function runLeadImportScenario(context: ScenarioContext): Promise<ScenarioOutcome> {
  const { settings, log } = context;
  const [serviceDatabaseUrl, baselineDatabaseUrl] = await Promise.all([
    context.database.createDatabase('oex_bench_import'),
    context.database.createDatabase('oex_bench_import_baseline'),
  ]);
  const keys = { instantly: `bench-${randomBytes(12).toString('hex')}`, smartlead: `bench-${randomBytes(12).toString('hex')}` };
  const superAdmin = { email: 'bench-admin@example.com', password: randomBytes(18).toString('base64url') };

  log('lead-import: starting the Instantly and Smartlead simulators (limits off) and a service pointed at them');
  const children: ChildServer[] = [];
  try {
    const startSmartlead = (port: number): Promise<ChildServer> =>
      context.startChild('smartlead-simulator-import', new URL('../servers/smartlead-simulator-server.ts', import.meta.url), {
        apiKey: keys.smartlead,
        emailAccounts: 2,
        clientId: SMARTLEAD_CLIENT_ID,
        port,
      } satisfies SmartleadSimulatorServerParameters);
    const [instantly, firstSmartlead] = await Promise.all([
      context.startChild('instantly-simulator', new URL('../servers/instantly-simulator-server.ts', import.meta.url), {
        apiKey: keys.instantly,
      } satisfies InstantlySimulatorServerParameters),
      startSmartlead(0),
    ]);
    children.push(instantly, firstSmartlead);
    let smartlead = firstSmartlead;
    const freshSmartlead = async (): Promise<void> => {
      await smartlead.stop();
      smartlead = await startSmartlead(Number(new URL(firstSmartlead.url).port));
      children.push(smartlead);
    };
    const service = await context.startChild('import-service', new URL('../servers/service-server.ts', import.meta.url), {
      databaseUrl: serviceDatabaseUrl,
      poolMax: context.poolMax,
      jwtSecret: randomBytes(48).toString('base64url'),
      superAdmin,
      environment: {
        ...UNPACED_PROVIDERS,
        INSTANTLY_BASE_URL: instantly.url,
        SMARTLEAD_BASE_URL: `${smartlead.url}${SMARTLEAD_API_PREFIX}`,
        // A key of its own, as production has: provider keys are sealed, and no dev-key warning.
        CREDENTIAL_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      },
      // Failed job attempts and provider trouble reach stderr, so a failure here can be told apart.
      logLevel: 'warn',
    } satisfies ServiceServerParameters);
    children.push(service);

    const superAdminToken = await loginSuperAdmin(service.url, superAdmin.email, superAdmin.password);
    const newTenant = async (slug: string, access: EmailProviderAccess): Promise<ImportTenant> => {
      const organization = await activeOrganizationWithAdmin(service.url, superAdminToken, slug);
      const companyId = await connectedEmailCompany(service.url, superAdminToken, organization.orgId, access);
      return { token: organization.orgAdminToken, orgId: organization.orgId, companyId };
    };
    const worlds = settings.importProviders.map((provider): ProviderWorld => {
      if (provider === 'instantly') {
        let tenant: Promise<ImportTenant> | undefined;
        return {
          provider,
          tenantFor: () => (tenant ??= newTenant('bench-import-instantly', { slug: 'instantly', apiKey: keys.instantly })),
          leadsAtProvider: instantlyLeadCount(instantly.url, keys.instantly),
        };
      }
      return {
        provider,
        tenantFor: async (run) => {
          if (run > 1) await freshSmartlead();
          return newTenant(`bench-import-smartlead-${run}`, { slug: 'smartlead', apiKey: keys.smartlead, clientId: SMARTLEAD_CLIENT_ID });
        },
        leadsAtProvider: smartleadLeadCount(firstSmartlead.url, keys.smartlead),
      };
    });

    const baseline = await openLeadInsertBaseline(baselineDatabaseUrl);
    try {
      return await measureImports(context, service.url, worlds, baseline);
    } finally {
      await baseline.end();
    }
  } finally {
    // Not left idling beside the next scenario; the exit clean-up would find them stopped.
    await Promise.all(children.map((child) => child.stop()));
  }
}

async function measureImports(context: ScenarioContext, serviceUrl: string, worlds: readonly ProviderWorld[], baseline: pg.Client): Promise<ScenarioOutcome> {
  const { settings, log } = context;
  const baselineRuns: number[] = [];
  const baselineFailures: string[] = [];
  const batches: BatchMeasurement[] = [];
  const batchComparisons: BatchComparison[] = [];
  const perProvider: { world: ProviderWorld; runs: ImportRun[] }[] = worlds.map((world) => ({ world, runs: [] }));

  for (const entry of perProvider) {
    const { world } = entry;
    for (let run = 1; run <= settings.importRuns; run += 1) {
      const leads = benchLeads(`${world.provider}-run-${run}`, LEAD_IMPORT_ROWS);
      let tenant: ImportTenant;
      try {
        tenant = await world.tenantFor(run);
      } catch (error) {
        log(`lead-import: ${world.provider} run ${run} FAILED to set up: ${describe(error)}`);
        entry.runs.push(failedRun(`set-up: ${describe(error)}`));
        continue;
      }
      log(`lead-import: ${world.provider} run ${run}/${settings.importRuns}: ${LEAD_IMPORT_ROWS} leads through the API`);
      const imported = await importOnce(serviceUrl, world, tenant, `Bench import ${world.provider} ${run}`, leads).catch((error: unknown) =>
        failedRun(describe(error)),
      );
      for (const failure of imported.failures) log(`lead-import: ${world.provider} run ${run} FAILED: ${failure}`);
      entry.runs.push(imported);

      // The floor, right after, under the same conditions: the same rows into a new campaign.
      try {
        const campaign = { orgId: tenant.orgId, companyId: tenant.companyId, campaignId: randomUUID(), importJobId: randomUUID() };
        baselineRuns.push(await insertLeadsPlainly(baseline, campaign, leads));
      } catch (error) {
        baselineFailures.push(describe(error));
      }
    }
  }

  const baselineBatch = summarizeBatch(
    'lead-insert-baseline',
    `${LEAD_IMPORT_ROWS} rows by multi-row INSERT (${BASELINE_ROWS_PER_STATEMENT} per statement, one transaction) via pg into a campaign_leads-shaped table`,
    LEAD_IMPORT_ROWS,
    baselineRuns,
    baselineFailures,
  );
  batches.push(baselineBatch);
  for (const { world, runs } of perProvider) {
    const succeeded = runs.filter((run) => run.failures.length === 0);
    const failures = runs.flatMap((run, index) => run.failures.map((failure) => `run ${index + 1}: ${failure}`));
    const label = (what: string): string => `lead-import-${what}[${world.provider}]`;
    const accept = summarizeBatch(
      label('accept'),
      `POST /api/campaigns/{id}/leads with ${LEAD_IMPORT_ROWS} leads until its 202`,
      LEAD_IMPORT_ROWS,
      succeeded.map((run) => run.acceptMs),
      failures,
    );
    const complete = summarizeBatch(
      label('complete'),
      `from the POST until the import reports completed, all ${LEAD_IMPORT_ROWS} handed to the ${world.provider} simulator`,
      LEAD_IMPORT_ROWS,
      succeeded.map((run) => run.completeMs),
    );
    const queueWait = summarizeBatch(label('queue-wait'), 'import created_at → started_at (commit, pg-boss pick-up)', null, succeeded.map((run) => run.queueWaitMs));
    const push = summarizeBatch(label('push'), 'import started_at → finished_at (pending leads read, provider calls, marked synced)', LEAD_IMPORT_ROWS, succeeded.map((run) => run.pushMs));
    batches.push(accept, complete, queueWait, push);
    batchComparisons.push(compareBatches(accept, baselineBatch), compareBatches(complete, baselineBatch));
  }
  return { ...EMPTY_OUTCOME, batches, batchComparisons };
}

/** One campaign, one import of the leads, waited for; every discrepancy is a failure of the run. */
async function importOnce(serviceUrl: string, world: ProviderWorld, tenant: ImportTenant, campaignName: string, leads: readonly BenchLead[]): Promise<ImportRun> {
  const asAdmin = { token: tenant.token };
  const created = await serviceRequest(serviceUrl, 'POST', '/api/campaigns/', {
    ...asAdmin,
    body: { name: campaignName, company_id: tenant.companyId },
    expect: [201],
  });
  const campaign = created.body as { id: string; external_campaign_id: string; sync_state: string };
  if (campaign.sync_state !== 'synced') throw new Error(`the new campaign is ${campaign.sync_state}, not synced`);

  // Serialised before the clock starts: the client's own JSON work is not the service's.
  const body = JSON.stringify({ leads });
  const started = performance.now();
  const accepted = await serviceRequest(serviceUrl, 'POST', `/api/campaigns/${campaign.id}/leads`, { ...asAdmin, body, expect: [202] });
  const acceptMs = performance.now() - started;
  const queued = (accepted.body as { import?: ImportState }).import;
  if (!queued) throw new Error('the 202 answer carries no import');
  const failures: string[] = [];
  if (queued.added !== leads.length) failures.push(`the 202 answer reports ${queued.added} added of ${leads.length}`);

  let state = queued;
  let completeMs = Number.NaN;
  while (state.status === 'queued' || state.status === 'running') {
    if (performance.now() - started > COMPLETION_TIMEOUT_MS) throw new Error(`the import was still ${state.status} after ${COMPLETION_TIMEOUT_MS} ms (pushed ${state.pushed})`);
    await sleep(POLL_INTERVAL_MS);
    const polled = await serviceRequest(serviceUrl, 'GET', `/api/campaigns/${campaign.id}/lead-imports/${queued.id}`, { ...asAdmin, expect: [200] });
    state = polled.body as ImportState;
    completeMs = performance.now() - started;
  }
  if (state.status !== 'completed') failures.push(`the import ended ${state.status}: ${state.last_error ?? 'no error recorded'}`);
  if (state.pushed !== leads.length) failures.push(`the import reports ${state.pushed} pushed of ${leads.length}`);
  if (state.rejected_by_provider !== 0) failures.push(`the import reports ${state.rejected_by_provider} rejected by the provider`);
  if (state.attempts_failed !== 0) failures.push(`the import needed ${state.attempts_failed} failed attempt(s): ${state.last_error ?? ''}`);
  const atProvider = await world.leadsAtProvider(campaign.external_campaign_id);
  if (atProvider !== leads.length) failures.push(`the ${world.provider} simulator holds ${atProvider} leads for the campaign, not ${leads.length}`);

  return {
    acceptMs,
    completeMs,
    queueWaitMs: millisecondsBetween(state.created_at, state.started_at),
    pushMs: millisecondsBetween(state.started_at, state.finished_at),
    failures,
  };
}

/** The fields of LeadImportResponse the scenario reads. */
interface ImportState {
  readonly id: string;
  readonly status: 'queued' | 'running' | 'completed' | 'failed';
  readonly added: number;
  readonly pushed: number;
  readonly rejected_by_provider: number;
  readonly attempts_failed: number;
  readonly last_error: string | null;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
}

function failedRun(failure: string): ImportRun {
  return { acceptMs: Number.NaN, completeMs: Number.NaN, queueWaitMs: Number.NaN, pushMs: Number.NaN, failures: [failure] };
}

function millisecondsBetween(from: string | null, to: string | null): number {
  if (from === null || to === null) return Number.NaN;
  return Date.parse(to) - Date.parse(from);
}

/** `GET /api/v2/campaigns/analytics?id=…` answers the campaign's leads_count. */
function instantlyLeadCount(simulatorUrl: string, apiKey: string): (campaignId: string) => Promise<number> {
  return async (campaignId) => {
    const response = await fetch(`${simulatorUrl}/api/v2/campaigns/analytics?id=${encodeURIComponent(campaignId)}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    if (!response.ok) throw new Error(`the Instantly simulator answered ${response.status} for the campaign's analytics`);
    const rows = (await response.json()) as { leads_count?: number }[];
    return rows[0]?.leads_count ?? 0;
  };
}

/** `GET /api/v1/campaigns/{id}/leads?limit=1` answers total_leads (a string, as Smartlead sends it). */
function smartleadLeadCount(simulatorUrl: string, apiKey: string): (campaignId: string) => Promise<number> {
  return async (campaignId) => {
    const url = new URL(`${simulatorUrl}${SMARTLEAD_API_PREFIX}/campaigns/${encodeURIComponent(campaignId)}/leads`);
    url.searchParams.set('api_key', apiKey);
    url.searchParams.set('offset', '0');
    url.searchParams.set('limit', '1');
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the Smartlead simulator answered ${response.status} for the campaign's leads`);
    const page = (await response.json()) as { total_leads?: string | number };
    return Number(page.total_leads ?? 0);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
