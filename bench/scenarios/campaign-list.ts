// Scenario: campaign list pages on a large database against the same pages on a small one, in the
// same run — the evidence that a page's latency does not grow with the tables.
//
// Two services, each on a database of its own, each with one active organization and its admin
// (created through the API), then seeded with SQL (campaign-list-seed.ts):
//
//   large: 1,000 companies, 10 campaigns each (10,000), 100 leads each (1,000,000 campaign_leads)
//   small:    10 companies, 10 campaigns each    (100), 100 leads each     (10,000 campaign_leads)
//
// The same five requests are loaded on each (the org admin's token; PAGE_LIMIT rows a page):
//
//   campaigns-company    GET /api/campaigns/?company_id=…            one company's campaigns (10)
//   campaigns-all-first  GET /api/campaigns/?all_companies=true      the organization's first page
//   campaigns-all-middle … &after=<cursor half-way down the list>   a page in the middle
//   campaigns-all-deep   … &after=<cursor two pages before the end>  a page near the end
//   campaign-leads-first GET /api/campaigns/{id}/leads               a campaign's first page of leads
//
// Every pair reads `…@large/…@small`: a latency ratio near 1 means the page costs the same
// whatever the size of the tables. Each query shape is also run once under EXPLAIN (ANALYZE,
// BUFFERS) on both databases, from the SQL the repositories actually send.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MikroOrmCampaignRepository } from '../../adapters/persistence/outreach/mikro-orm-campaign.repository.js';
import { PostgresCampaignLeadRepository } from '../../adapters/persistence/outreach/postgres-campaign-lead.repository.js';
import { encodeKeysetCursor } from '../../adapters/persistence/shared/keyset-cursor.js';
import { activeOrganizationWithAdmin } from '../harness/bench-tenant.js';
import type { BenchOrganization } from '../harness/bench-tenant.js';
import type { ChildServer } from '../harness/child-server.js';
import { measureAlternating } from '../harness/measure.js';
import type { Measurement, Target } from '../harness/measure.js';
import { explainQueryShapes } from '../harness/query-plans.js';
import type { QueryPlanSummary, QueryShape } from '../harness/query-plans.js';
import { compare } from '../harness/report.js';
import type { Comparison } from '../harness/report.js';
import type { ScenarioContext, ScenarioOutcome } from '../harness/scenario.js';
import { EMPTY_OUTCOME } from '../harness/scenario.js';
import type { SeedSummary } from '../harness/seed-summary.js';
import { serviceRequest } from '../harness/service-request.js';
import { loginSuperAdmin } from '../harness/super-admin-session.js';
import type { ServiceServerParameters } from '../servers/service-server.js';
import { seedCampaignList } from './campaign-list-seed.js';
import type { ListSeedShape } from './campaign-list-seed.js';

/** Rows a page: small enough that the small database still has a page two pages before its end. */
export const PAGE_LIMIT = 25;

const SIZES = {
  small: { companies: 10, campaignsPerCompany: 10, leadsPerCampaign: 100 },
  large: { companies: 1_000, campaignsPerCompany: 10, leadsPerCampaign: 100 },
} as const satisfies Record<string, ListSeedShape>;

type Size = keyof typeof SIZES;

/** One seeded service and what its requests need: ids and cursors read from its database. */
interface ListWorld {
  readonly size: Size;
  readonly serviceUrl: string;
  readonly databaseUrl: string;
  readonly organization: BenchOrganization;
  readonly seed: SeedSummary;
  /** The middle company of the organization, by creation. */
  readonly companyId: string;
  /** Half-way down the organization's list. */
  readonly middlePage: string;
  /** Two pages before the end of the organization's list. */
  readonly deepPage: string;
  /** The most recently created campaign (its leads). */
  readonly campaignId: string;
}

/** A request of the scenario, the same on both databases, and what a correct answer holds. */
interface ListRequest {
  readonly name: string;
  path(world: ListWorld): string;
  readonly expectedRows: number;
  /** Whether the answer must carry X-Next-Cursor. */
  readonly hasNextPage: boolean;
  /** The repository call the request ends in, for EXPLAIN. */
  query(world: ListWorld): QueryShape['run'];
}

const ALL = `/api/campaigns/?all_companies=true&limit=${PAGE_LIMIT}`;

const REQUESTS: readonly ListRequest[] = [
  {
    name: 'campaigns-company',
    path: (world) => `/api/campaigns/?company_id=${world.companyId}&limit=${PAGE_LIMIT}`,
    expectedRows: SIZES.small.campaignsPerCompany,
    hasNextPage: false,
    query: (world) => (orm) => new MikroOrmCampaignRepository(orm).list(world.organization.orgId, { scope: { kind: 'company', companyId: world.companyId } }, { limit: PAGE_LIMIT }),
  },
  {
    name: 'campaigns-all-first',
    path: () => ALL,
    expectedRows: PAGE_LIMIT,
    hasNextPage: true,
    query: (world) => (orm) => new MikroOrmCampaignRepository(orm).list(world.organization.orgId, { scope: { kind: 'organization' } }, { limit: PAGE_LIMIT }),
  },
  {
    name: 'campaigns-all-middle',
    path: (world) => `${ALL}&after=${world.middlePage}`,
    expectedRows: PAGE_LIMIT,
    hasNextPage: true,
    query: (world) => (orm) =>
      new MikroOrmCampaignRepository(orm).list(world.organization.orgId, { scope: { kind: 'organization' } }, { limit: PAGE_LIMIT, after: world.middlePage }),
  },
  {
    name: 'campaigns-all-deep',
    path: (world) => `${ALL}&after=${world.deepPage}`,
    expectedRows: PAGE_LIMIT,
    hasNextPage: true,
    query: (world) => (orm) =>
      new MikroOrmCampaignRepository(orm).list(world.organization.orgId, { scope: { kind: 'organization' } }, { limit: PAGE_LIMIT, after: world.deepPage }),
  },
  {
    name: 'campaign-leads-first',
    path: (world) => `/api/campaigns/${world.campaignId}/leads?limit=${PAGE_LIMIT}`,
    expectedRows: PAGE_LIMIT,
    hasNextPage: true,
    query: (world) => (orm) => new PostgresCampaignLeadRepository(orm).list(world.organization.orgId, world.campaignId, {}, { limit: PAGE_LIMIT }),
  },
];

export async function runCampaignListScenario(context: ScenarioContext): Promise<ScenarioOutcome> {
  const { settings, log } = context;
  const children: ChildServer[] = [];
  try {
    log('campaign-list: starting a service on a small and one on a large database');
    const sizes = Object.keys(SIZES) as Size[];
    const worlds = await Promise.all(
      sizes.map(async (size) => {
        const world = await startWorld(context, size, children);
        log(`campaign-list: ${size} seeded: ${world.seed.companies} companies, ${world.seed.campaigns} campaigns, ${world.seed.leads} leads in ${world.seed.seconds} s`);
        return world;
      }),
    );
    const [small, large] = worlds;
    if (!small || !large) throw new Error('campaign-list: a database was not set up');

    for (const world of worlds) for (const request of REQUESTS) await checkAnswer(world, request);

    const measurements: Measurement[] = [];
    const comparisons: Comparison[] = [];
    const options = { ...settings, durationSeconds: settings.listDurationSeconds };
    for (const request of REQUESTS) {
      const targets = [listTarget(request, small), listTarget(request, large)];
      for (const target of targets) log(`measuring ${target.name}: GET ${target.path}`);
      // Small and large in one-second slices, taken in turn: the machine's other load, which
      // drifts, falls on both alike, and the ratio compares like with like.
      const measured = await measureAlternating(targets, options, settings.listDurationSeconds);
      const [reference, candidate] = measured;
      if (reference && candidate) comparisons.push(compare(candidate, reference));
      measurements.push(...measured);
    }

    log('campaign-list: EXPLAIN (ANALYZE, BUFFERS) of each query shape');
    const queryPlans: QueryPlanSummary[] = [];
    for (const world of [small, large]) {
      const shapes = REQUESTS.map((request) => ({ name: request.name, run: request.query(world) }));
      queryPlans.push(...(await explainQueryShapes(world.databaseUrl, world.size, shapes)));
    }
    return { ...EMPTY_OUTCOME, measurements, comparisons, seeds: worlds.map((world) => world.seed), queryPlans };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

async function startWorld(context: ScenarioContext, size: Size, children: ChildServer[]): Promise<ListWorld> {
  const databaseUrl = await context.database.createDatabase(`oex_bench_list_${size}`);
  const superAdmin = { email: 'bench-admin@example.com', password: randomBytes(18).toString('base64url') };
  const service = await context.startChild(`list-service-${size}`, new URL('../servers/service-server.ts', import.meta.url), {
    databaseUrl,
    poolMax: context.poolMax,
    jwtSecret: randomBytes(48).toString('base64url'),
    superAdmin,
  } satisfies ServiceServerParameters);
  children.push(service);
  const superAdminToken = await loginSuperAdmin(service.url, superAdmin.email, superAdmin.password);
  const organization = await activeOrganizationWithAdmin(service.url, superAdminToken, `bench-list-${size}`);
  const seed = await seedCampaignList(databaseUrl, size, organization.orgId, organization.orgAdminId, SIZES[size]);
  return { size, serviceUrl: service.url, databaseUrl, organization, seed, ...(await positionsOf(databaseUrl, organization.orgId)) };
}

/** Ids and cursors the requests use, read from the seeded database in the lists' own order. */
async function positionsOf(databaseUrl: string, orgId: string): Promise<Pick<ListWorld, 'companyId' | 'middlePage' | 'deepPage' | 'campaignId'>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: companies } = await client.query<{ id: string }>(
      `select id from companies where org_id = $1 and deleted_at is null order by created_at, id
        offset (select count(*) / 2 from companies where org_id = $1 and deleted_at is null) limit 1`,
      [orgId],
    );
    // The row a page ends on is the cursor of the next: the middle row, and the row two pages before the end.
    const { rows: campaigns } = await client.query<{ id: string; created_at: Date; position: string; total: string }>(
      `select id, created_at, position, total from (
         select id, created_at, row_number() over (order by created_at, id) as position, count(*) over () as total
           from campaigns where org_id = $1 and deleted_at is null
       ) as listed
       where position in (total / 2, total - $2, total)`,
      [orgId, 2 * PAGE_LIMIT],
    );
    const at = (position: (row: { position: string; total: string }) => boolean) => {
      const row = campaigns.find(position);
      if (!row) throw new Error('campaign-list: the seeded list is too short for its pages');
      return row;
    };
    const cursorOf = (row: { id: string; created_at: Date }) => encodeKeysetCursor({ createdAt: row.created_at, id: row.id });
    const company = companies[0];
    if (!company) throw new Error('campaign-list: the organization has no company');
    return {
      companyId: company.id,
      middlePage: cursorOf(at((row) => Number(row.position) === Math.floor(Number(row.total) / 2))),
      deepPage: cursorOf(at((row) => Number(row.position) === Number(row.total) - 2 * PAGE_LIMIT)),
      campaignId: at((row) => row.position === row.total).id,
    };
  } finally {
    await client.end();
  }
}

function listTarget(request: ListRequest, world: ListWorld): Target {
  return {
    name: `${request.name}@${world.size}`,
    url: world.serviceUrl,
    method: 'GET',
    path: request.path(world),
    headers: { authorization: `Bearer ${world.organization.orgAdminToken}` },
  };
}

/** One request before loading it: the page must hold the rows it should, or the figures mean nothing. */
async function checkAnswer(world: ListWorld, request: ListRequest): Promise<void> {
  const answer = await serviceRequest(world.serviceUrl, 'GET', request.path(world), { token: world.organization.orgAdminToken, expect: [200] });
  const rows = Array.isArray(answer.body) ? answer.body.length : -1;
  const hasNextPage = answer.headers.get('x-next-cursor') !== null;
  if (rows !== request.expectedRows || hasNextPage !== request.hasNextPage) {
    throw new Error(
      `campaign-list: ${request.name} on the ${world.size} database answered ${rows} rows ${hasNextPage ? 'with' : 'without'} a next cursor; ` +
        `expected ${request.expectedRows} ${request.hasNextPage ? 'with' : 'without'}`,
    );
  }
}
