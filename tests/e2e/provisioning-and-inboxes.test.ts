import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapabilityConnections } from '../../application/outreach/capability-connections.js';
import { CapabilityNotConnectedError, CapabilityNotEntitledError } from '../../domain/entitlements/entitlement-errors.js';
import { TOKENS } from '../../infrastructure/container/tokens.js';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import type { JournalEntry } from '../../infrastructure/simulators/kit/simulator-server.js';
import { SANDBOX_SMARTLEAD_CLIENT_ID, startProviderSimulators, type ProviderSimulators } from '../../infrastructure/simulators/provider-simulators.js';
import { PROVIDER_IDS, PROVIDER_NAMES_HIDDEN_FROM_TENANTS } from '../support/catalogue-ids.js';
import { grantEntitlement } from '../support/entitlement-fixture.js';
import { httpClient, type HttpClient, type HttpResponse, type RequestOptions } from '../support/http-client.js';
import { contractProblems } from '../support/reference-contract.js';
import { createSuperAdmin, loginSuperAdmin, type SuperAdminCredentials } from '../support/super-admin-fixture.js';
import {
  createCompanyAsSuperAdmin,
  createOrganization,
  createUserAsSuperAdmin,
  loginTenant,
  type TenantOrganization,
  type TenantUserCredentials,
} from '../support/tenant-fixture.js';
import { startTestServer } from '../support/test-server.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

/**
 * Provisioning, inbox sync and the inbox listings over HTTP, with the engine pointed at the three
 * provider simulators. The server logs at its most verbose into `logLines` for the whole file, and
 * every answer is kept, so the last test can search everything this file made happen for provider
 * keys and (where tenants or org admins read it) provider names.
 */

interface ErrorBody {
  detail: string;
  code: string;
  errors: { loc: (string | number)[]; msg: string; type: string }[];
}

interface ProvisionBody {
  company_id: string;
  org_id: string;
  capability: string;
  provider: string;
  entitlement_status: string;
  provisioning_state: string;
  smartlead_client_id?: number | null;
  last_error: string | null;
  updated_at: string;
}

interface SyncBody {
  company_id: string;
  synced_count: number;
  skipped_count: number;
  smartlead_client_id?: number | null;
  updated_at: string;
  warnings: string[];
}

interface InboxBody {
  id: string;
  company_id: string;
  provider_id: string;
  external_account_id: string;
  email: string;
  display_name: string | null;
  status: string;
  status_reason: string | null;
  warmup_enabled: boolean | null;
  updated_at: string;
}

interface LinkedInAccountBody {
  id: string;
  company_id: string;
  provider_id: string;
  external_account_id: string;
  display_name: string | null;
  email: string | null;
  profile_url: string | null;
  status: string;
  status_reason: string | null;
  updated_at: string;
}

interface EntitlementBody {
  id: string;
  company_id: string;
  status: string;
  provisioning_state: string;
  last_error: string | null;
}

interface AuditEventBody {
  action: string;
  outcome: string;
  target_id: string | null;
  detail: Record<string, unknown>;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EMAIL = '/api/internal/provisioning/email-outreach';
const LINKEDIN = '/api/internal/provisioning/linkedin-outreach';
const CREDENTIALS_REJECTED =
  "Email outreach could not authenticate with its service. A platform administrator must update the organization's credentials.";
const TEMPORARILY_UNAVAILABLE = 'Email outreach is temporarily unavailable. Try again shortly.';
/** Keys the simulators refuse; they must not leak any more than the accepted ones. */
const WRONG_SMARTLEAD_KEY = `rejected-email-key-${randomUUID()}`;
const WRONG_HEYREACH_KEY = `rejected-linkedin-key-${randomUUID()}`;

const logLines: string[] = [];
const tenantAnswers: { label: string; text: string }[] = [];
const superAdminAnswers: { label: string; text: string }[] = [];

let simulators: ProviderSimulators;
let server: RunningServer;
let request: HttpClient;
let superAdmin: SuperAdminCredentials;
let saToken: string;
/** The main organization, with the keys every simulator accepts. */
let orgA: TenantOrganization;
let orgAAdmin: TenantUserCredentials;
let adminA: string;
/** Another organization, whose admin must never see org A's companies. */
let orgB: TenantOrganization;
let adminB: string;
/** Organizations created by tests of their own, whose audit trails the secrecy test reads too. */
const auditedOrgs: { org: TenantOrganization; adminToken: string }[] = [];

/** Companies the later tests reuse. */
const companies = { smartlead: '', instantly: '', heyreach: '' };

function remember(store: { label: string; text: string }[], label: string, response: HttpResponse<unknown>): void {
  store.push({ label, text: JSON.stringify({ headers: Object.fromEntries(response.headers), body: response.body }) });
}

async function asTenant<T = unknown>(token: string, method: string, path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<HttpResponse<T>> {
  const response = await request<T>(method, path, { ...options, token });
  remember(tenantAnswers, `${method} ${path}`, response);
  return response;
}

async function asSuperAdmin<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResponse<T>> {
  const response = await request<T>(method, path, { token: saToken, ...(body === undefined ? {} : { body }) });
  remember(superAdminAnswers, `${method} ${path}`, response);
  return response;
}

const provisionEmail = (companyId: string, body: Record<string, unknown> = {}) => asSuperAdmin<ProvisionBody & ErrorBody>('POST', `${EMAIL}/${companyId}`, body);
const emailStatus = (companyId: string) => asSuperAdmin<ProvisionBody & ErrorBody>('GET', `${EMAIL}/${companyId}/status`);
const syncInboxes = (companyId: string) => asSuperAdmin<SyncBody & ErrorBody>('POST', `${EMAIL}/${companyId}/sync-inboxes`);
const provisionLinkedIn = (companyId: string, body: Record<string, unknown> = {}) => asSuperAdmin<ProvisionBody & ErrorBody>('POST', `${LINKEDIN}/${companyId}`, body);
const linkedInStatus = (companyId: string) => asSuperAdmin<ProvisionBody & ErrorBody>('GET', `${LINKEDIN}/${companyId}/status`);
const syncLinkedIn = (companyId: string) => asSuperAdmin<SyncBody & ErrorBody>('POST', `${LINKEDIN}/${companyId}/sync-accounts`);

async function setKey(orgId: string, provider: 'smartlead' | 'instantly' | 'heyreach', apiKey: string): Promise<void> {
  const response = await asSuperAdmin('PUT', `/api/super-admin/organizations/${orgId}/provider-config`, { provider_slug: provider, config: { api_key: apiKey } });
  expect(response.status).toBe(200);
}

async function newCompany(orgId = orgA.id): Promise<string> {
  return (await createCompanyAsSuperAdmin(request, saToken, orgId)).id;
}

/** How many requests each simulator has received so far. */
function journalSizes() {
  return { smartlead: simulators.smartlead.journal.length, instantly: simulators.instantly.journal.length, heyreach: simulators.heyreach.server.journal.length };
}

/** The entries a simulator journaled since `before` (a length from journalSizes). */
function since(journal: readonly JournalEntry[], before: number): JournalEntry[] {
  return journal.slice(before);
}

async function inboxesOf(token: string, query: string): Promise<HttpResponse<InboxBody[] & ErrorBody>> {
  return asTenant<InboxBody[] & ErrorBody>(token, 'GET', `/api/inboxes/${query}`);
}

async function entitlementOf(companyId: string, token = adminA): Promise<EntitlementBody> {
  const response = await asTenant<EntitlementBody[]>(token, 'GET', `/api/entitlements/?company_id=${companyId}`);
  expect(response.status).toBe(200);
  expect(response.body).toHaveLength(1);
  return response.body[0]!;
}

async function organizationWithAdmin(): Promise<{ org: TenantOrganization; adminToken: string }> {
  const org = await createOrganization(request, saToken);
  const adminToken = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, org.id));
  const entry = { org, adminToken };
  auditedOrgs.push(entry);
  return entry;
}

const PROVIDER_ENV_PREFIXES = ['SMARTLEAD', 'INSTANTLY', 'HEYREACH'] as const;

beforeAll(async () => {
  simulators = await startProviderSimulators();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  // Generous paces so this file's few calls never wait; retries fast, and only two attempts.
  const paces = Object.fromEntries(
    PROVIDER_ENV_PREFIXES.flatMap((provider) => [
      [`${provider}_RATE_LIMIT`, '100000'],
      [`${provider}_RATE_WINDOW_MS`, '60000'],
      [`${provider}_RATE_BURST`, '1000'],
    ]),
  );
  server = await startTestServer(
    {
      ...simulators.environment,
      ...paces,
      LOG_LEVEL: 'trace',
      PROVIDER_MAX_ATTEMPTS: '2',
      PROVIDER_BACKOFF_BASE_MS: '1',
      PROVIDER_BACKOFF_MAX_MS: '5',
      PROVIDER_ARRIVAL_JITTER_MS: '0',
    },
    { logger: pino({ level: 'trace' }, sink) },
  );
  request = httpClient(server.url);
  superAdmin = await createSuperAdmin(server);
  saToken = await loginSuperAdmin(request, superAdmin);

  orgA = await createOrganization(request, saToken);
  orgAAdmin = await createUserAsSuperAdmin(request, saToken, orgA.id);
  adminA = await loginTenant(request, orgAAdmin);
  auditedOrgs.push({ org: orgA, adminToken: adminA });
  orgB = await createOrganization(request, saToken);
  adminB = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, orgB.id));
  auditedOrgs.push({ org: orgB, adminToken: adminB });

  await setKey(orgA.id, 'smartlead', simulators.apiKeys.smartlead);
  await setKey(orgA.id, 'instantly', simulators.apiKeys.instantly);
  await setKey(orgA.id, 'heyreach', simulators.apiKeys.heyreach);
});

afterAll(async () => {
  await server?.close();
  await simulators?.close();
});

describe('email outreach through a provider with client accounts (Smartlead simulator)', () => {
  let member: string;
  let strangerMember: string;

  beforeAll(async () => {
    companies.smartlead = await newCompany();
    const otherCompany = await newCompany();
    member = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, orgA.id, { role: 'company_member', companyId: companies.smartlead }));
    strangerMember = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, orgA.id, { role: 'company_member', companyId: otherCompany }));
  });

  it('provisions: one credential check with the key in the query, then connected with the client binding; status reads the same', async () => {
    const before = journalSizes();

    const provisioned = await provisionEmail(companies.smartlead, { provider: 'smartlead', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID });

    expect(provisioned.status).toBe(200);
    expect(provisioned.body).toEqual({
      company_id: companies.smartlead,
      org_id: orgA.id,
      capability: 'email_outreach',
      provider: 'smartlead',
      entitlement_status: 'connected',
      provisioning_state: 'connected',
      smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID,
      last_error: null,
      updated_at: expect.stringMatching(ISO),
    });
    expect(contractProblems('EmailOutreachProvisionResponse', provisioned.body)).toEqual([]);
    const calls = since(simulators.smartlead.journal, before.smartlead);
    expect(calls.map((call) => [call.method, call.path, call.outcome, call.status])).toEqual([['GET', '/api/v1/email-accounts/', 'served', 200]]);
    expect(calls[0]!.query.get('api_key')).toBe(simulators.apiKeys.smartlead);

    const status = await emailStatus(companies.smartlead);
    expect(status.status).toBe(200);
    expect(status.body).toEqual(provisioned.body);
    // Reading the status is local: the simulators heard nothing more.
    expect(journalSizes()).toEqual({ ...before, smartlead: before.smartlead + 1 });
    expect(await entitlementOf(companies.smartlead)).toMatchObject({ status: 'connected', provisioning_state: 'connected', last_error: null });
  });

  it("syncs the client's two inboxes only, asking the provider for that client", async () => {
    const before = journalSizes();

    const synced = await syncInboxes(companies.smartlead);

    expect(synced.status).toBe(200);
    expect(synced.body).toEqual({
      company_id: companies.smartlead,
      synced_count: 2,
      skipped_count: 0,
      smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID,
      updated_at: expect.stringMatching(ISO),
      warnings: [],
    });
    expect(contractProblems('InboxSyncResponse', synced.body)).toEqual([]);
    const calls = since(simulators.smartlead.journal, before.smartlead);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    for (const call of calls) {
      expect([call.method, call.path, call.outcome]).toEqual(['GET', '/api/v1/email-accounts/', 'served']);
      expect(call.query.get('client_id')).toBe(String(SANDBOX_SMARTLEAD_CLIENT_ID));
      expect(call.query.get('api_key')).toBe(simulators.apiKeys.smartlead);
    }
  });

  it('lists the synced inboxes to the org admin who names the company, in the contract shape', async () => {
    const before = journalSizes();
    const response = await inboxesOf(adminA, `?company_id=${companies.smartlead}`);

    expect(response.status).toBe(200);
    const inboxes = [...response.body].sort((a, b) => a.email.localeCompare(b.email));
    expect(inboxes).toEqual([
      {
        id: expect.any(String),
        company_id: companies.smartlead,
        provider_id: PROVIDER_IDS.smartlead,
        external_account_id: expect.stringMatching(/^\d+$/),
        email: 'alex@sandbox-sender.test',
        display_name: 'Alex Sender',
        status: 'active',
        status_reason: null,
        warmup_enabled: true,
        updated_at: expect.stringMatching(ISO),
      },
      {
        id: expect.any(String),
        company_id: companies.smartlead,
        provider_id: PROVIDER_IDS.smartlead,
        external_account_id: expect.stringMatching(/^\d+$/),
        email: 'blair@sandbox-sender.test',
        display_name: 'Blair Sender',
        status: 'active',
        status_reason: null,
        warmup_enabled: true,
        updated_at: expect.stringMatching(ISO),
      },
    ]);
    for (const inbox of inboxes) expect(contractProblems('InboxResponse', inbox)).toEqual([]);
    // The simulator's ids are the external ids; the other client's inbox is nowhere.
    const simulated = simulators.smartlead.state.emailAccounts;
    expect(inboxes.map((inbox) => inbox.external_account_id).sort()).toEqual(
      simulated.filter((account) => account.clientId === SANDBOX_SMARTLEAD_CLIENT_ID).map((account) => String(account.id)).sort(),
    );
    // Listing is served from the engine's copy.
    expect(journalSizes()).toEqual(before);
  });

  it('scopes the list: the company user sees them unasked, another company user and another org get 404, all_companies includes them', async () => {
    const expected = (await inboxesOf(adminA, `?company_id=${companies.smartlead}`)).body.map((inbox) => inbox.id).sort();
    expect(expected).toHaveLength(2);

    const own = await inboxesOf(member, '');
    expect(own.status).toBe(200);
    expect(own.body.map((inbox) => inbox.id).sort()).toEqual(expected);

    const stranger = await inboxesOf(strangerMember, `?company_id=${companies.smartlead}`);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('company_not_found');
    const strangerOwn = await inboxesOf(strangerMember, '');
    expect(strangerOwn.status).toBe(200);
    expect(strangerOwn.body).toEqual([]);
    expect((await inboxesOf(member, '?all_companies=true')).status).toBe(403);

    // So far this is the only company of org A with inboxes.
    const all = await inboxesOf(adminA, '?all_companies=true');
    expect(all.status).toBe(200);
    expect(all.body.map((inbox) => inbox.id).sort()).toEqual(expected);

    // A business rule (DESIGN.md §8: 400), not a schema violation.
    const noScope = await inboxesOf(adminA, '');
    expect(noScope.status).toBe(400);
    expect(noScope.body.code).toBe('company_scope_required');

    const foreign = await inboxesOf(adminB, `?company_id=${companies.smartlead}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('company_not_found');
    const foreignAll = await inboxesOf(adminB, '?all_companies=true');
    expect(foreignAll.status).toBe(200);
    expect(foreignAll.body.filter((inbox) => expected.includes(inbox.id))).toEqual([]);
  });

  it('syncs again idempotently: same rows, no duplicates', async () => {
    const beforeIds = (await inboxesOf(adminA, `?company_id=${companies.smartlead}`)).body.map((inbox) => inbox.id).sort();

    const again = await syncInboxes(companies.smartlead);

    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ synced_count: 2, skipped_count: 0, warnings: [] });
    const after = (await inboxesOf(adminA, `?company_id=${companies.smartlead}`)).body;
    expect(after.map((inbox) => inbox.id).sort()).toEqual(beforeIds);
    expect(after.map((inbox) => inbox.status)).toEqual(['active', 'active']);
  });

  it('leaves inboxes another company of the organization holds where they are, and says so', async () => {
    const sibling = await newCompany();
    expect((await provisionEmail(sibling, { provider: 'smartlead', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID })).status).toBe(200);

    const synced = await syncInboxes(sibling);

    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ synced_count: 0, skipped_count: 2 });
    expect(synced.body.warnings).toEqual([expect.stringMatching(/^2 listed account\(s\) already belong to another company of the organization and were left there: /)]);
    expect((await inboxesOf(adminA, `?company_id=${sibling}`)).body).toEqual([]);
    expect((await inboxesOf(adminA, `?company_id=${companies.smartlead}`)).body).toHaveLength(2);
  });

  it('marks an inbox the provider stopped listing inactive, says so, and reactivates it when it comes back', async () => {
    const blair = simulators.smartlead.state.emailAccounts.find((account) => account.fromEmail === 'blair@sandbox-sender.test')!;
    blair.clientId = SANDBOX_SMARTLEAD_CLIENT_ID + 1;
    try {
      const synced = await syncInboxes(companies.smartlead);

      expect(synced.status).toBe(200);
      expect(synced.body).toMatchObject({ synced_count: 1, skipped_count: 0 });
      expect(synced.body.warnings).toEqual(['1 account(s) are no longer listed by the provider and were marked inactive.']);
      const listed = (await inboxesOf(adminA, `?company_id=${companies.smartlead}`)).body;
      expect(listed.map((inbox) => [inbox.email, inbox.status, inbox.status_reason]).sort()).toEqual([
        ['alex@sandbox-sender.test', 'active', null],
        ['blair@sandbox-sender.test', 'inactive', 'no longer listed for this company at the last sync'],
      ]);
    } finally {
      blair.clientId = SANDBOX_SMARTLEAD_CLIENT_ID;
    }

    const back = await syncInboxes(companies.smartlead);
    expect(back.body).toMatchObject({ synced_count: 2, warnings: [] });
    const listed = (await inboxesOf(adminA, `?company_id=${companies.smartlead}`)).body;
    expect(listed.map((inbox) => [inbox.status, inbox.status_reason])).toEqual([
      ['active', null],
      ['active', null],
    ]);
  });
});

describe('email outreach provisioned without a client id', () => {
  it('verifies the key but stays pending and unconnected; a sync is refused without reaching the provider', async () => {
    const companyId = await newCompany();
    const before = journalSizes();

    const provisioned = await provisionEmail(companyId, { provider: 'smartlead' });

    expect(provisioned.status).toBe(200);
    expect(provisioned.body).toEqual({
      company_id: companyId,
      org_id: orgA.id,
      capability: 'email_outreach',
      provider: 'smartlead',
      entitlement_status: 'entitled',
      provisioning_state: 'pending_client_mapping',
      smartlead_client_id: null,
      last_error: null,
      updated_at: expect.stringMatching(ISO),
    });
    expect(since(simulators.smartlead.journal, before.smartlead).map((call) => call.path)).toEqual(['/api/v1/email-accounts/']);
    expect(await entitlementOf(companyId)).toMatchObject({ status: 'entitled', provisioning_state: 'pending_client_mapping' });

    const afterProvisioning = journalSizes();
    const sync = await syncInboxes(companyId);

    expect(sync.status).toBe(409);
    expect(sync.body).toEqual({ detail: 'Email outreach is not connected for this company.', code: 'capability_not_connected', errors: [] });
    expect(journalSizes()).toEqual(afterProvisioning);
  });
});

describe('email outreach through a provider without clients (Instantly simulator)', () => {
  it('refuses a client id for it, storing nothing and calling nothing', async () => {
    const companyId = await newCompany();
    const before = journalSizes();

    const refused = await provisionEmail(companyId, { provider: 'instantly', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID });

    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('client_mapping_not_supported');
    expect(refused.body.errors).toEqual([{ loc: ['body', 'smartlead_client_id'], msg: 'not supported by this provider', type: 'client_mapping_not_supported' }]);
    expect(journalSizes()).toEqual(before);
    const status = await emailStatus(companyId);
    expect(status.status).toBe(409);
    expect(status.body.code).toBe('capability_not_entitled');
  });

  it('connects with a Bearer credential check, syncs the workspace accounts and lists them', async () => {
    companies.instantly = await newCompany();
    const before = journalSizes();

    const provisioned = await provisionEmail(companies.instantly, { provider: 'instantly' });

    expect(provisioned.status).toBe(200);
    expect(provisioned.body).toEqual({
      company_id: companies.instantly,
      org_id: orgA.id,
      capability: 'email_outreach',
      provider: 'instantly',
      entitlement_status: 'connected',
      provisioning_state: 'connected',
      smartlead_client_id: null,
      last_error: null,
      updated_at: expect.stringMatching(ISO),
    });
    const check = since(simulators.instantly.journal, before.instantly);
    expect(check.map((call) => [call.method, call.path, call.outcome])).toEqual([['GET', '/api/v2/accounts', 'served']]);
    expect(check[0]!.headers['authorization']).toBe(`Bearer ${simulators.apiKeys.instantly}`);
    expect(journalSizes().smartlead).toBe(before.smartlead);

    const synced = await syncInboxes(companies.instantly);
    expect(synced.status).toBe(200);
    expect(synced.body).toEqual({
      company_id: companies.instantly,
      synced_count: 2,
      skipped_count: 0,
      smartlead_client_id: null,
      updated_at: expect.stringMatching(ISO),
      warnings: [],
    });

    const listed = await inboxesOf(adminA, `?company_id=${companies.instantly}`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((inbox) => [inbox.email, inbox.external_account_id, inbox.display_name, inbox.provider_id, inbox.status]).sort()).toEqual([
      ['dana@sandbox-instantly.test', 'dana@sandbox-instantly.test', 'Dana Sender', PROVIDER_IDS.instantly, 'active'],
      ['eli@sandbox-instantly.test', 'eli@sandbox-instantly.test', 'Eli Sender', PROVIDER_IDS.instantly, 'active'],
    ]);
    for (const inbox of listed.body) expect(contractProblems('InboxResponse', inbox)).toEqual([]);
  });
});

describe('LinkedIn outreach (HeyReach simulator)', () => {
  it('provisions with an X-API-KEY check, reads its status, syncs the sender accounts and lists them', async () => {
    companies.heyreach = await newCompany();
    const before = journalSizes();

    const provisioned = await provisionLinkedIn(companies.heyreach, { provider: 'heyreach' });

    expect(provisioned.status).toBe(200);
    expect(provisioned.body).toEqual({
      company_id: companies.heyreach,
      org_id: orgA.id,
      capability: 'linkedin_outreach',
      provider: 'heyreach',
      entitlement_status: 'connected',
      provisioning_state: 'connected',
      last_error: null,
      updated_at: expect.stringMatching(ISO),
    });
    const check = since(simulators.heyreach.server.journal, before.heyreach);
    expect(check.map((call) => [call.method, call.path, call.outcome])).toEqual([['GET', '/api/public/auth/CheckApiKey', 'served']]);
    expect(check[0]!.headers['x-api-key']).toBe(simulators.apiKeys.heyreach);
    expect((await linkedInStatus(companies.heyreach)).body).toEqual(provisioned.body);

    const synced = await syncLinkedIn(companies.heyreach);
    expect(synced.status).toBe(200);
    expect(synced.body).toEqual({ company_id: companies.heyreach, synced_count: 2, skipped_count: 0, updated_at: expect.stringMatching(ISO), warnings: [] });
    expect(since(simulators.heyreach.server.journal, before.heyreach).map((call) => `${call.method} ${call.path}`)).toContain('POST /api/public/li_account/GetAll');

    const listed = await asTenant<LinkedInAccountBody[]>(adminA, 'GET', `/api/linkedin/accounts/?company_id=${companies.heyreach}`);
    expect(listed.status).toBe(200);
    const simulated = simulators.heyreach.workspace.senderAccounts;
    expect([...listed.body].sort((a, b) => a.external_account_id.localeCompare(b.external_account_id))).toEqual(
      [...simulated]
        .sort((a, b) => String(a.id).localeCompare(String(b.id)))
        .map((account) => ({
          id: expect.any(String),
          company_id: companies.heyreach,
          provider_id: PROVIDER_IDS.heyreach,
          external_account_id: String(account.id),
          display_name: `${account.firstName} ${account.lastName}`,
          email: account.emailAddress,
          profile_url: account.profileUrl,
          status: 'active',
          status_reason: null,
          updated_at: expect.stringMatching(ISO),
        })),
    );
    expect(listed.body.map((account) => account.display_name).sort()).toEqual(['Priya Nair', 'Sam Ortiz']);
    // LinkedIn accounts are not email inboxes.
    expect((await inboxesOf(adminA, `?company_id=${companies.heyreach}`)).body).toEqual([]);
  });
});

describe('provider failures during provisioning', () => {
  let failing: { org: TenantOrganization; adminToken: string };
  let companyId: string;

  beforeAll(async () => {
    failing = await organizationWithAdmin();
    companyId = await newCompany(failing.org.id);
  });

  it('answers 502 capability_credentials_rejected for a refused key and records the failure in capability terms', async () => {
    await setKey(failing.org.id, 'smartlead', WRONG_SMARTLEAD_KEY);
    const before = journalSizes();

    const refused = await provisionEmail(companyId, { provider: 'smartlead', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID });

    expect(refused.status).toBe(502);
    expect(refused.body).toEqual({ detail: CREDENTIALS_REJECTED, code: 'capability_credentials_rejected', errors: [] });
    // An authentication failure is terminal: asked once, not retried.
    expect(since(simulators.smartlead.journal, before.smartlead).map((call) => [call.outcome, call.status])).toEqual([['unauthorized', 401]]);

    const status = await emailStatus(companyId);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ provider: 'smartlead', entitlement_status: 'disconnected', provisioning_state: 'failed', last_error: CREDENTIALS_REJECTED });
    expect(status.body.last_error).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
    expect(await entitlementOf(companyId, failing.adminToken)).toMatchObject({ status: 'disconnected', provisioning_state: 'failed', last_error: CREDENTIALS_REJECTED });

    const audit = await asTenant<AuditEventBody[]>(failing.adminToken, 'GET', '/api/audit-events?action=provisioning.email_outreach');
    expect(audit.status).toBe(200);
    expect(audit.body).toEqual([
      expect.objectContaining({
        action: 'provisioning.email_outreach',
        outcome: 'failure',
        target_id: companyId,
        detail: { entitlement_id: expect.any(String), provider_id: PROVIDER_IDS.smartlead, provisioning_state: 'failed', failure_kind: 'auth_rejected' },
      }),
    ]);

    const sizes = journalSizes();
    const sync = await syncInboxes(companyId);
    expect(sync.status).toBe(409);
    expect(sync.body.code).toBe('capability_not_connected');
    expect(journalSizes()).toEqual(sizes);
  });

  it('answers 503 capability_unavailable once retries are exhausted, recorded likewise', async () => {
    await setKey(failing.org.id, 'smartlead', simulators.apiKeys.smartlead);
    simulators.smartlead.injectFault({ kind: 'status', status: 503, times: 2, match: { pathIncludes: '/email-accounts' } });
    const before = journalSizes();

    const unavailable = await provisionEmail(companyId, { provider: 'smartlead', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID });

    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toEqual({ detail: TEMPORARILY_UNAVAILABLE, code: 'capability_unavailable', errors: [] });
    // PROVIDER_MAX_ATTEMPTS=2: both attempts met the injected 503s.
    expect(since(simulators.smartlead.journal, before.smartlead).map((call) => [call.outcome, call.status])).toEqual([
      ['fault', 503],
      ['fault', 503],
    ]);
    expect(simulators.smartlead.faults.pending).toBe(0);
    expect((await emailStatus(companyId)).body).toMatchObject({ entitlement_status: 'disconnected', provisioning_state: 'failed', last_error: TEMPORARILY_UNAVAILABLE });

    const audit = await asTenant<AuditEventBody[]>(failing.adminToken, 'GET', '/api/audit-events?action=provisioning.email_outreach');
    expect(audit.body[0]).toMatchObject({ outcome: 'failure', detail: { provisioning_state: 'failed', failure_kind: 'server_error' } });
  });

  it('connects once the key is right and the provider answers, clearing last_error and keeping the client id of the failed attempts', async () => {
    const provisioned = await provisionEmail(companyId, {});

    expect(provisioned.status).toBe(200);
    expect(provisioned.body).toMatchObject({
      provider: 'smartlead',
      entitlement_status: 'connected',
      provisioning_state: 'connected',
      smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID,
      last_error: null,
    });
    expect(await entitlementOf(companyId, failing.adminToken)).toMatchObject({ status: 'connected', last_error: null });
    const audit = await asTenant<AuditEventBody[]>(failing.adminToken, 'GET', '/api/audit-events?action=provisioning.email_outreach');
    expect(audit.body.map((event) => event.outcome)).toEqual(['success', 'failure', 'failure']);
    // Connected again, the company's sync works.
    expect((await syncInboxes(companyId)).body).toMatchObject({ synced_count: 2 });
  });

  it('names LinkedIn outreach when the LinkedIn key is refused', async () => {
    await setKey(failing.org.id, 'heyreach', WRONG_HEYREACH_KEY);
    const linkedInCompany = await newCompany(failing.org.id);

    const refused = await provisionLinkedIn(linkedInCompany, { provider: 'heyreach' });

    expect(refused.status).toBe(502);
    expect(refused.body.code).toBe('capability_credentials_rejected');
    expect(refused.body.detail).toMatch(/^LinkedIn outreach could not authenticate/);
    const status = await linkedInStatus(linkedInCompany);
    expect(status.body).toMatchObject({ entitlement_status: 'disconnected', provisioning_state: 'failed', last_error: refused.body.detail });
  });
});

describe('provisioning refusals', () => {
  it('answers provider_credentials_missing for an organization without a key, granting nothing', async () => {
    const keyless = await organizationWithAdmin();
    const companyId = await newCompany(keyless.org.id);
    const before = journalSizes();

    const refused = await provisionEmail(companyId, { provider: 'smartlead', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID });

    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('provider_credentials_missing');
    expect(refused.body.detail).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
    expect(journalSizes()).toEqual(before);
    expect((await emailStatus(companyId)).body.code).toBe('capability_not_entitled');
    expect((await asTenant(keyless.adminToken, 'GET', `/api/entitlements/?company_id=${companyId}`)).body).toEqual([]);
  });

  it('answers capability_not_entitled when the company has no entitlement and no provider is named', async () => {
    const companyId = await newCompany();

    for (const response of [await provisionEmail(companyId), await provisionLinkedIn(companyId), await syncInboxes(companyId), await syncLinkedIn(companyId)]) {
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('capability_not_entitled');
    }
    expect((await provisionEmail(companyId)).body.detail).toBe('This company has no email outreach entitlement.');
  });

  it('answers entitlement_provider_mismatch when another provider is named than the entitled one', async () => {
    const companyId = await newCompany();
    await grantEntitlement(server, { orgId: orgA.id, companyId, provider: 'smartlead' });
    const before = journalSizes();

    const refused = await provisionEmail(companyId, { provider: 'instantly' });

    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('entitlement_provider_mismatch');
    expect(journalSizes()).toEqual(before);
    expect(await entitlementOf(companyId)).toMatchObject({ status: 'entitled', provisioning_state: 'pending_client_mapping' });
  });

  it('answers 404 for an unknown company and 422 for a malformed id', async () => {
    const unknown = randomUUID();
    for (const response of [
      await provisionEmail(unknown, { provider: 'smartlead' }),
      await emailStatus(unknown),
      await syncInboxes(unknown),
      await provisionLinkedIn(unknown, { provider: 'heyreach' }),
      await linkedInStatus(unknown),
      await syncLinkedIn(unknown),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('company_not_found');
    }
    expect((await emailStatus('not-a-uuid')).status).toBe(422);
  });

  it('refuses tenant tokens and anonymous callers with 401 on every provisioning route', async () => {
    const before = journalSizes();
    const routes = [
      ['POST', `${EMAIL}/${companies.smartlead}`, { provider: 'smartlead' }],
      ['GET', `${EMAIL}/${companies.smartlead}/status`, undefined],
      ['POST', `${EMAIL}/${companies.smartlead}/sync-inboxes`, undefined],
      ['POST', `${LINKEDIN}/${companies.heyreach}`, { provider: 'heyreach' }],
      ['GET', `${LINKEDIN}/${companies.heyreach}/status`, undefined],
      ['POST', `${LINKEDIN}/${companies.heyreach}/sync-accounts`, undefined],
    ] as const;
    for (const [method, path, body] of routes) {
      const asTenantAdmin = await asTenant<ErrorBody>(adminA, method, path, body === undefined ? {} : { body });
      expect(asTenantAdmin.status, `${method} ${path}`).toBe(401);
      expect(asTenantAdmin.body.code).toBe('authentication_required');
      const anonymous = await request<ErrorBody>(method, path, body === undefined ? {} : { body });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
    }
    expect(journalSizes()).toEqual(before);
  });
});

describe('only a connected entitlement reaches a provider', () => {
  let entitledCompany: string;
  let disconnectedCompany: string;
  let bareCompany: string;
  let connections: CapabilityConnections;

  beforeAll(async () => {
    connections = server.application.container.get<CapabilityConnections>(TOKENS.CapabilityConnections);
    entitledCompany = await newCompany();
    await grantEntitlement(server, { orgId: orgA.id, companyId: entitledCompany, provider: 'instantly' });
    bareCompany = await newCompany();

    disconnectedCompany = await newCompany();
    expect((await provisionEmail(disconnectedCompany, { provider: 'instantly' })).status).toBe(200);
    const entitlement = await entitlementOf(disconnectedCompany);
    const switchedOff = await asTenant<EntitlementBody>(adminA, 'PUT', `/api/entitlements/${entitlement.id}`, { body: { status: 'disconnected' } });
    expect(switchedOff.status).toBe(200);
    expect(switchedOff.body.status).toBe('disconnected');
  });

  it('refuses a sync for an entitled and for a tenant-disconnected company without any provider request', async () => {
    const before = journalSizes();

    for (const companyId of [entitledCompany, disconnectedCompany]) {
      const refused = await syncInboxes(companyId);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({ detail: 'Email outreach is not connected for this company.', code: 'capability_not_connected', errors: [] });
    }

    expect(journalSizes()).toEqual(before);
    expect((await emailStatus(disconnectedCompany)).body).toMatchObject({ entitlement_status: 'disconnected', provisioning_state: 'connected', last_error: null });
    expect((await emailStatus(entitledCompany)).body).toMatchObject({ entitlement_status: 'entitled', provisioning_state: 'pending_client_mapping' });
  });

  it("keeps a tenant's switch-off through re-provisioning: the key is checked, the status stays", async () => {
    const reprovisioned = await provisionEmail(disconnectedCompany, {});
    expect(reprovisioned.status).toBe(200);
    expect(reprovisioned.body).toMatchObject({ entitlement_status: 'disconnected', provisioning_state: 'connected', last_error: null });
    expect((await syncInboxes(disconnectedCompany)).status).toBe(409);
  });

  it('refuses adapters through CapabilityConnections to companies that are not connected', async () => {
    const before = journalSizes();

    await expect(connections.emailOutreach(orgA.id, entitledCompany)).rejects.toBeInstanceOf(CapabilityNotConnectedError);
    await expect(connections.emailOutreach(orgA.id, disconnectedCompany)).rejects.toBeInstanceOf(CapabilityNotConnectedError);
    await expect(connections.emailOutreach(orgA.id, bareCompany)).rejects.toBeInstanceOf(CapabilityNotEntitledError);
    await expect(connections.linkedInOutreach(orgA.id, companies.smartlead)).rejects.toBeInstanceOf(CapabilityNotEntitledError);
    // Another organization cannot borrow org A's connected company.
    await expect(connections.emailOutreach(orgB.id, companies.smartlead)).rejects.toBeInstanceOf(CapabilityNotEntitledError);

    expect(journalSizes()).toEqual(before);
  });

  it("hands a connected company's adapter and connection out, and its credential check reaches the simulator", async () => {
    const email = await connections.emailOutreach(orgA.id, companies.smartlead);
    expect(email.connection).toEqual({ apiKey: simulators.apiKeys.smartlead, workspaceId: null, clientId: String(SANDBOX_SMARTLEAD_CLIENT_ID) });
    expect(email.provider.slug).toBe('smartlead');
    expect(email.entitlement).toMatchObject({ companyId: companies.smartlead, status: 'connected' });

    const before = journalSizes();
    await email.adapter.checkCredentials(email.connection);
    expect(since(simulators.smartlead.journal, before.smartlead).map((call) => [call.method, call.path, call.outcome, call.query.get('api_key')])).toEqual([
      ['GET', '/api/v1/email-accounts/', 'served', simulators.apiKeys.smartlead],
    ]);

    const linkedIn = await connections.linkedInOutreach(orgA.id, companies.heyreach);
    expect(linkedIn.connection).toEqual({ apiKey: simulators.apiKeys.heyreach, workspaceId: null, clientId: null });
    await linkedIn.adapter.checkCredentials(linkedIn.connection);
    expect(since(simulators.heyreach.server.journal, before.heyreach).map((call) => [call.path, call.outcome, call.headers['x-api-key']])).toEqual([
      ['/api/public/auth/CheckApiKey', 'served', simulators.apiKeys.heyreach],
    ]);
  });
});

describe('logging in', () => {
  it('never calls a provider, even for organizations with connected companies', async () => {
    const before = journalSizes();

    const tenantToken = await loginTenant(request, orgAAdmin);
    expect((await request('GET', '/api/auth/me', { token: tenantToken })).status).toBe(200);
    const superAdminToken = await loginSuperAdmin(request, superAdmin);
    expect((await request('GET', '/api/super-admin/me', { token: superAdminToken })).status).toBe(200);
    expect((await request('POST', '/api/auth/login', { body: { email: orgAAdmin.email, password: 'not-the-password' } })).status).toBe(401);

    expect(journalSizes()).toEqual(before);
  });
});

describe('secrecy', () => {
  it('keeps provider keys out of every log line, answer and audit row, and provider names out of the logs and everything tenants read', async () => {
    const keys: Record<string, string> = {
      'email key (clients)': simulators.apiKeys.smartlead,
      'email key (no clients)': simulators.apiKeys.instantly,
      'LinkedIn key': simulators.apiKeys.heyreach,
      'refused email key': WRONG_SMARTLEAD_KEY,
      'refused LinkedIn key': WRONG_HEYREACH_KEY,
    };
    const orgAuditRows: { org: string; rows: AuditEventBody[] }[] = [];
    for (const { org, adminToken } of auditedOrgs) {
      const response = await asTenant<AuditEventBody[]>(adminToken, 'GET', '/api/audit-events?limit=500');
      expect(response.status).toBe(200);
      orgAuditRows.push({ org: org.id, rows: response.body });
    }
    const storedAudit = await auditTableText(auditedOrgs.map(({ org }) => org.id));

    const leaks: string[] = [];
    for (const [name, key] of Object.entries(keys)) {
      for (const line of logLines) if (line.includes(key)) leaks.push(`${name} in log line ${line.slice(0, 160)}`);
      for (const answer of [...tenantAnswers, ...superAdminAnswers]) if (answer.text.includes(key)) leaks.push(`${name} in the answer to ${answer.label}`);
      if (storedAudit.includes(key)) leaks.push(`${name} in the audit table`);
    }
    // Logs are read by operators, yet a provider call failure is logged by capability and operation only.
    for (const line of logLines) if (PROVIDER_NAMES_HIDDEN_FROM_TENANTS.test(line)) leaks.push(`a provider name in log line ${line.slice(0, 160)}`);
    for (const answer of tenantAnswers) {
      if (PROVIDER_NAMES_HIDDEN_FROM_TENANTS.test(withoutSeededAddresses(answer.text))) leaks.push(`a provider name in the tenant answer to ${answer.label}`);
    }
    for (const { org, rows } of orgAuditRows) {
      if (PROVIDER_NAMES_HIDDEN_FROM_TENANTS.test(withoutSeededAddresses(JSON.stringify(rows)))) leaks.push(`a provider name in the audit trail org ${org} reads`);
    }
    expect(leaks).toEqual([]);

    // The search is only meaningful if the run did what it claims: verbose logs, a provider
    // failure, successful syncs, and audit rows of both, all read by tenants.
    expect(logLines.length).toBeGreaterThan(50);
    expect(logLines.some((line) => line.includes('"msg":"provider call failed"'))).toBe(true);
    expect(logLines.some((line) => line.includes('"route":"/api/internal/provisioning/email-outreach/:company_id/sync-inboxes"'))).toBe(true);
    const allRows = orgAuditRows.flatMap(({ rows }) => rows);
    expect(allRows.filter((row) => row.action === 'provisioning.email_outreach' && row.outcome === 'failure').length).toBeGreaterThanOrEqual(2);
    expect(allRows.filter((row) => row.action === 'sender_accounts.sync' && row.outcome === 'success').length).toBeGreaterThanOrEqual(4);
    expect(tenantAnswers.some((answer) => answer.text.includes(CREDENTIALS_REJECTED))).toBe(true);
    expect(tenantAnswers.some((answer) => answer.text.includes('alex@sandbox-sender.test'))).toBe(true);
  });
});

/**
 * The text with the simulators' seeded mailbox addresses blanked out. Those are the customer's own
 * data (one seeded domain happens to be `sandbox-instantly.test`), which tenants are meant to read;
 * everything else must still be free of provider names.
 */
function withoutSeededAddresses(text: string): string {
  const seeded = [
    ...simulators.smartlead.state.emailAccounts.map((account) => account.fromEmail),
    ...simulators.instantly.state.accounts.map((account) => account.email),
    ...simulators.heyreach.workspace.senderAccounts.flatMap((account) => [account.emailAddress, account.profileUrl]),
  ].filter((value): value is string => typeof value === 'string' && value !== '');
  return seeded.reduce((blanked, value) => blanked.split(value).join('<seeded address>'), text);
}

/** Every stored audit row of these organizations, as an auditor with database access would read them. */
async function auditTableText(orgIds: readonly string[]): Promise<string> {
  const client = new pg.Client({ connectionString: workerDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('select * from audit_events where org_id = any($1::uuid[])', [orgIds]);
    expect(rows.length).toBeGreaterThan(10);
    return JSON.stringify(rows);
  } finally {
    await client.end();
  }
}
