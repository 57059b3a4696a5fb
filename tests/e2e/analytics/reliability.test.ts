import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeSql } from '../../../adapters/persistence/shared/execute-sql.js';
import { TOKENS } from '../../../infrastructure/container/tokens.js';
import type { RunningServer } from '../../../infrastructure/server/start-server.js';
import { PROVIDER_IDS, PROVIDER_NAMES_HIDDEN_FROM_TENANTS, type SeededProviderSlug } from '../../support/catalogue-ids.js';
import { httpClient, type HttpClient } from '../../support/http-client.js';
import { referenceResponseProblems } from '../../support/reference-contract.js';
import { createSuperAdmin, loginSuperAdmin } from '../../support/super-admin-fixture.js';
import { createCompanyAsSuperAdmin, createOrganization, createUserAsSuperAdmin, loginTenant } from '../../support/tenant-fixture.js';
import { startTestServer } from '../../support/test-server.js';

/**
 * Webhook reliability through the whole app: who reads which events, per capability, within a
 * received-time window, and that no provider is ever named in the answer.
 */

const PATH = '/api/analytics/reliability';

interface Counts {
  events_total: number;
  replayed_events_total: number;
  replay_count_total: number;
  errors_total: number;
}

interface ReliabilityBody extends Counts {
  company_id: string | null;
  by_provider: (Counts & { provider_slug: string })[];
  from_ts: string | null;
  to_ts: string | null;
  updated_at: string;
}

interface ErrorBody {
  code: string;
  detail: string;
}

type EventStatus = 'received' | 'projected' | 'ignored' | 'failed' | 'dead_letter';

let server: RunningServer;
let request: HttpClient;
let orm: MikroORM;
let superAdminToken: string;

/** Org A: companies A1 and A2, with an org admin, A1's admin and member, and A2's admin. */
const a = { orgId: '', company1: '', company2: '', orgAdmin: '', company1Admin: '', company1Member: '', company2Admin: '' };
/** Org B: one company and its org admin. */
const b = { orgId: '', company: '', orgAdmin: '' };

async function storeEvent(provider: SeededProviderSlug, orgId: string | null, companyId: string | null, status: EventStatus, replayCount = 0, receivedAt = '2031-05-10T12:00:00.000Z') {
  await executeSql(
    orm,
    `insert into webhook_events (id, provider_id, event_key, org_id, company_id, provider_event_type, canonical_type, status,
                                 payload, event, replay_count, last_replay_at, received_at, updated_at)
     values (?, ?, ?, ?, ?, 'EMAIL_REPLY', 'message.replied', ?, '{}'::jsonb, '{}'::jsonb, ?, ?, ?, ?)`,
    [randomUUID(), PROVIDER_IDS[provider], `e2e-${randomUUID()}`, orgId, companyId, status, replayCount, replayCount > 0 ? receivedAt : null, receivedAt, receivedAt],
    'run',
  );
}

async function tenantUser(orgId: string, role: 'org_admin' | 'company_admin' | 'company_member', companyId?: string): Promise<string> {
  return loginTenant(request, await createUserAsSuperAdmin(request, superAdminToken, orgId, { role, ...(companyId ? { companyId } : {}) }));
}

async function read(token: string, query = ''): Promise<ReliabilityBody> {
  const response = await request<ReliabilityBody>('GET', `${PATH}${query}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(referenceResponseProblems('GET', PATH, 200, response.body)).toEqual([]);
  expect(JSON.stringify(response.body)).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
  return response.body;
}

function counts(events: number, replayed: number, replays: number, errors: number): Counts {
  return { events_total: events, replayed_events_total: replayed, replay_count_total: replays, errors_total: errors };
}

function byCapability(body: ReliabilityBody): Record<string, Counts> {
  return Object.fromEntries(body.by_provider.map(({ provider_slug, ...rest }) => [provider_slug, rest]));
}

beforeAll(async () => {
  server = await startTestServer();
  request = httpClient(server.url);
  orm = server.application.container.get<MikroORM>(TOKENS.Orm);
  superAdminToken = await loginSuperAdmin(request, await createSuperAdmin(server));

  a.orgId = (await createOrganization(request, superAdminToken)).id;
  a.company1 = (await createCompanyAsSuperAdmin(request, superAdminToken, a.orgId)).id;
  a.company2 = (await createCompanyAsSuperAdmin(request, superAdminToken, a.orgId)).id;
  a.orgAdmin = await tenantUser(a.orgId, 'org_admin');
  a.company1Admin = await tenantUser(a.orgId, 'company_admin', a.company1);
  a.company1Member = await tenantUser(a.orgId, 'company_member', a.company1);
  a.company2Admin = await tenantUser(a.orgId, 'company_admin', a.company2);
  b.orgId = (await createOrganization(request, superAdminToken)).id;
  b.company = (await createCompanyAsSuperAdmin(request, superAdminToken, b.orgId)).id;
  b.orgAdmin = await tenantUser(b.orgId, 'org_admin');

  // Company A1: two email providers and LinkedIn, one replay-heavy dead letter.
  await storeEvent('smartlead', a.orgId, a.company1, 'projected', 2);
  await storeEvent('instantly', a.orgId, a.company1, 'failed');
  await storeEvent('heyreach', a.orgId, a.company1, 'dead_letter', 3, '2031-06-20T08:00:00.000Z');
  // Company A2.
  await storeEvent('smartlead', a.orgId, a.company2, 'ignored', 1, '2031-04-01T00:00:00.000Z');
  // Org A, no company yet: organization-wide reads only.
  await storeEvent('instantly', a.orgId, null, 'received');
  // Org B, and a delivery that matched no organization: never in org A's figures.
  await storeEvent('smartlead', b.orgId, b.company, 'failed', 5);
  await storeEvent('heyreach', null, null, 'dead_letter');
});

afterAll(async () => {
  await server?.close();
});

describe('GET /api/analytics/reliability', () => {
  it("answers an org admin with the whole organization's events, per capability, zeros included", async () => {
    const body = await read(a.orgAdmin);

    expect(body.company_id).toBeNull();
    expect(counts(body.events_total, body.replayed_events_total, body.replay_count_total, body.errors_total)).toEqual(counts(5, 3, 6, 2));
    expect(body.by_provider.map((item) => item.provider_slug)).toEqual(['email_outreach', 'linkedin_outreach']);
    expect(byCapability(body)).toEqual({ email_outreach: counts(4, 2, 3, 1), linkedin_outreach: counts(1, 1, 3, 1) });
    expect(body.from_ts).toBeNull();
    expect(body.to_ts).toBeNull();
    expect(Number.isNaN(Date.parse(body.updated_at))).toBe(false);
  });

  it('narrows an org admin to one company with company_id', async () => {
    const company1 = await read(a.orgAdmin, `?company_id=${a.company1}`);
    const company2 = await read(a.orgAdmin, `?company_id=${a.company2}`);

    expect(company1.company_id).toBe(a.company1);
    expect(byCapability(company1)).toEqual({ email_outreach: counts(2, 1, 2, 1), linkedin_outreach: counts(1, 1, 3, 1) });
    expect(company2.company_id).toBe(a.company2);
    expect(byCapability(company2)).toEqual({ email_outreach: counts(1, 1, 1, 0), linkedin_outreach: counts(0, 0, 0, 0) });
  });

  it('pins company users, members included, to their own company', async () => {
    for (const token of [a.company1Admin, a.company1Member]) {
      const body = await read(token);
      expect(body.company_id).toBe(a.company1);
      expect(counts(body.events_total, body.replayed_events_total, body.replay_count_total, body.errors_total)).toEqual(counts(3, 2, 5, 2));
    }
    expect((await read(a.company1Member, `?company_id=${a.company1}`)).company_id).toBe(a.company1);
    const company2 = await read(a.company2Admin);
    expect(company2.company_id).toBe(a.company2);
    expect(company2.events_total).toBe(1);
  });

  it("answers 404 for a company the caller may not see: a sibling company, another organization's, or none", async () => {
    const cases: [string, string][] = [
      [a.company1Member, a.company2],
      [a.company2Admin, a.company1],
      [a.orgAdmin, b.company],
      [b.orgAdmin, a.company1],
      [a.orgAdmin, randomUUID()],
    ];
    for (const [token, companyId] of cases) {
      const response = await request<ErrorBody>('GET', `${PATH}?company_id=${companyId}`, { token });
      expect(response.status, companyId).toBe(404);
      expect(response.body.code).toBe('company_not_found');
    }
  });

  it("keeps organizations apart: org B's admin sees only org B's events", async () => {
    const body = await read(b.orgAdmin);

    expect(byCapability(body)).toEqual({ email_outreach: counts(1, 1, 5, 1), linkedin_outreach: counts(0, 0, 0, 0) });
  });

  it('filters by capability through provider_slug and by received time through from_ts/to_ts', async () => {
    const linkedin = await read(a.orgAdmin, '?provider_slug=linkedin_outreach');
    expect(linkedin.by_provider).toEqual([{ provider_slug: 'linkedin_outreach', ...counts(1, 1, 3, 1) }]);
    expect(linkedin.events_total).toBe(1);

    const from = '2031-05-01T00:00:00.000Z';
    const to = '2031-06-20T08:00:00.000Z';
    const may = await read(a.orgAdmin, `?from_ts=${encodeURIComponent(from)}&to_ts=${encodeURIComponent(to)}`);
    // from_ts inclusive, to_ts exclusive: A2's April event and A1's LinkedIn event at exactly to_ts are out.
    expect(byCapability(may)).toEqual({ email_outreach: counts(3, 1, 2, 1), linkedin_outreach: counts(0, 0, 0, 0) });
    expect(may.from_ts).toBe(from);
    expect(may.to_ts).toBe(to);

    const offset = await read(a.company1Member, `?provider_slug=linkedin_outreach&from_ts=${encodeURIComponent('2031-06-20T10:00:00+02:00')}`);
    expect(offset.from_ts).toBe('2031-06-20T08:00:00.000Z');
    expect(offset.events_total).toBe(1);
  });

  it('answers 422 for a provider name, an unknown capability, a malformed or reversed window, or an unknown parameter', async () => {
    const queries = [
      '?provider_slug=smartlead',
      '?provider_slug=heyreach',
      '?provider_slug=sms_outreach',
      '?from_ts=yesterday',
      `?from_ts=${encodeURIComponent('2031-06-01T00:00:00Z')}&to_ts=${encodeURIComponent('2031-05-01T00:00:00Z')}`,
      '?company_id=not-a-uuid',
      '?all_companies=true',
    ];
    for (const query of queries) {
      const response = await request<ErrorBody>('GET', `${PATH}${query}`, { token: a.orgAdmin });
      expect(response.status, query).toBe(422);
      expect(JSON.stringify(response.body)).not.toMatch(/select|webhook_events/i);
    }
  });

  it('answers 401 without credentials', async () => {
    expect((await request('GET', PATH)).status).toBe(401);
  });
});
