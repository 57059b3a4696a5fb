import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../infrastructure/server/start-server.js';
import { httpClient, type HttpClient } from '../../support/http-client.js';
import { createSuperAdmin, loginSuperAdmin } from '../../support/super-admin-fixture.js';
import { createOrganization, type TenantOrganization } from '../../support/tenant-fixture.js';
import { startTestServer } from '../../support/test-server.js';
import { workerDatabaseUrl } from '../../support/worker-database-url.js';

/**
 * Provider deliveries over HTTP: authenticated by a per-organization URL token or, on the shared
 * URL, by the deployment's secret; stored exactly once before the 2xx; refused (and audited,
 * nothing stored) when they prove nothing.
 */

type Provider = 'smartlead' | 'instantly' | 'heyreach';

interface Receipt {
  status: 'accepted' | 'duplicate';
  event_key: string;
}

interface EndpointBody {
  id: string;
  provider_slug: string;
  status: string;
  url_path: string;
}

const SAMPLES = path.resolve(import.meta.dirname, '../../fixtures/webhook-samples');
const SIGNING_SECRET = 'smartlead-signing-secret-for-tests';
const INSTANTLY_SECRET = 'instantly-shared-secret-for-tests';

let server: RunningServer;
let request: HttpClient;
let saToken: string;
let db: pg.Client;
let orgA: TenantOrganization;
let orgB: TenantOrganization;
const urlsOfA: Partial<Record<Provider, string>> = {};

function samplesOf(provider: Provider): { name: string; body: string }[] {
  return readdirSync(path.join(SAMPLES, provider))
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ name: file, body: readFileSync(path.join(SAMPLES, provider, file), 'utf8') }));
}

/** Posts the body byte for byte, as a provider does. */
function deliver(url: string, body: string, headers: Record<string, string> = {}) {
  return request<Receipt & { code?: string }>('POST', url, { rawBody: body, headers: { 'content-type': 'application/json', ...headers } });
}

async function issue(orgId: string, provider: Provider): Promise<EndpointBody> {
  const issued = await request<EndpointBody>('POST', `/api/super-admin/organizations/${orgId}/webhook-endpoints`, { token: saToken, body: { provider_slug: provider } });
  expect(issued.status).toBe(201);
  return issued.body;
}

async function storedEvents(
  where: string,
  params: unknown[],
): Promise<{ org_id: string | null; endpoint_id: string | null; status: string; canonical_type: string; event_key: string }[]> {
  return (await db.query(`select org_id, endpoint_id, status, canonical_type, event_key from webhook_events where ${where}`, params)).rows;
}

beforeAll(async () => {
  // Enqueue-only: these tests read events as stored, before any worker projects them (projection has its own files).
  server = await startTestServer({ SMARTLEAD_WEBHOOK_SIGNING_SECRET: SIGNING_SECRET, INSTANTLY_WEBHOOK_SECRET: INSTANTLY_SECRET, JOBS_ENABLED: 'false' });
  request = httpClient(server.url);
  saToken = await loginSuperAdmin(request, await createSuperAdmin(server));
  db = new pg.Client({ connectionString: workerDatabaseUrl() });
  await db.connect();
  orgA = await createOrganization(request, saToken);
  orgB = await createOrganization(request, saToken);
  for (const provider of ['smartlead', 'instantly', 'heyreach'] as const) urlsOfA[provider] = (await issue(orgA.id, provider)).url_path;
});

afterAll(async () => {
  await db?.end();
  await server?.close();
});

describe('webhook ingestion', () => {
  it.each(['smartlead', 'instantly', 'heyreach'] as const)('stores every %s sample once, attributed to the organization of the URL', async (provider) => {
    const samples = samplesOf(provider);
    const keys: string[] = [];
    for (const sample of samples) {
      const receipt = await deliver(urlsOfA[provider]!, sample.body);
      expect([sample.name, receipt.status, receipt.body]).toEqual([sample.name, 200, { status: 'accepted', event_key: expect.any(String) }]);
      keys.push(receipt.body.event_key);
    }
    expect(new Set(keys).size).toBe(samples.length);
    const stored = await storedEvents(`org_id = $1 and event_key = any($2)`, [orgA.id, keys]);
    expect(stored).toHaveLength(samples.length);
    expect(new Set(stored.map((event) => event.status))).toEqual(new Set(['received']));
    expect(stored.filter((event) => event.endpoint_id === null)).toEqual([]);
  });

  it('answers a redelivery 200 duplicate and changes nothing; 100 concurrent copies store one event', async () => {
    const [sample] = samplesOf('instantly').filter((candidate) => candidate.name === 'reply_received.json');
    const body = sample!.body;
    // An organization of its own, which has never seen this event.
    const org = await createOrganization(request, saToken);
    const url = (await issue(org.id, 'instantly')).url_path;
    const answers = await Promise.all(Array.from({ length: 100 }, () => deliver(url, body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 100 }, () => 200));
    const outcomes = answers.map((answer) => answer.body.status);
    expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(99);
    expect(await storedEvents(`org_id = $1 and event_key = $2`, [org.id, answers[0]!.body.event_key])).toHaveLength(1);
    expect((await deliver(url, body)).body.status).toBe('duplicate');
  });

  it("keeps organizations apart: the same event sent to org B's URL is org B's own event", async () => {
    const [sample] = samplesOf('smartlead').filter((candidate) => candidate.name === 'EMAIL_REPLY.json');
    const urlOfB = (await issue(orgB.id, 'smartlead')).url_path;
    const forA = await deliver(urlsOfA.smartlead!, sample!.body);
    const forB = await deliver(urlOfB, sample!.body);
    expect(forA.body).toMatchObject({ status: 'duplicate' });
    expect(forB.body).toMatchObject({ status: 'accepted', event_key: forA.body.event_key });
    const stored = await storedEvents(`event_key = $1 and org_id = any($2)`, [forA.body.event_key, [orgA.id, orgB.id]]);
    expect(stored.map((event) => event.org_id).sort()).toEqual([orgA.id, orgB.id].sort());
  });

  it('refuses an unknown or revoked token with 401, audits it and stores nothing', async () => {
    const [sample] = samplesOf('heyreach');
    const before = Number((await db.query('select count(*) from webhook_events')).rows[0].count);
    const unknown = await deliver('/api/webhooks/heyreach/oex_notarealtokennotarealtokennotarealtoken1234', sample!.body);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: 'webhook_unauthenticated' });

    const endpoint = await issue(orgA.id, 'heyreach');
    const revoked = await request<EndpointBody>('DELETE', `/api/super-admin/organizations/${orgA.id}/webhook-endpoints/${endpoint.id}`, { token: saToken });
    expect(revoked.body.status).toBe('revoked');
    expect((await deliver(endpoint.url_path, sample!.body)).status).toBe(401);
    // A token of another provider's URL does not open this one.
    expect((await deliver(urlsOfA.smartlead!.replace('/smartlead/', '/heyreach/'), sample!.body)).status).toBe(401);
    // The token is judged before the body: one that does not parse is refused as unauthenticated, not malformed.
    expect((await deliver(endpoint.url_path, '[1, 2, 3]')).status).toBe(401);

    expect(Number((await db.query('select count(*) from webhook_events')).rows[0].count)).toBe(before);
    const audit = await request<{ action: string; outcome: string; detail: Record<string, unknown> }[]>('GET', '/api/super-admin/audit-events?action=webhook.receive', { token: saToken });
    expect(audit.body.length).toBeGreaterThanOrEqual(4);
    expect(audit.body[0]).toMatchObject({ outcome: 'failure', detail: { provider_slug: 'heyreach', reason: 'unknown_or_revoked_token' } });
    // Listing shows the endpoints, never a token.
    const listed = await request<EndpointBody[]>('GET', `/api/super-admin/organizations/${orgA.id}/webhook-endpoints`, { token: saToken });
    expect(JSON.stringify(listed.body)).not.toContain('oex_');
    expect(listed.body.find((found) => found.id === endpoint.id)?.status).toBe('revoked');
  });

  it("authenticates the shared URL with the deployment's secret, and keeps what no organization claims as ignored", async () => {
    const [sample] = samplesOf('smartlead').filter((candidate) => candidate.name === 'EMAIL_OPEN.json');
    const body = sample!.body;
    const signature = `sha256=${createHmac('sha256', SIGNING_SECRET).update(body).digest('hex')}`;
    const signed = await deliver('/api/webhooks/smartlead', body, { 'x-smartlead-signature': signature });
    expect(signed.status).toBe(200);
    const [stored] = await storedEvents(`org_id is null and event_key = $1`, [signed.body.event_key]);
    expect(stored).toMatchObject({ status: 'ignored' });

    expect((await deliver('/api/webhooks/smartlead', body, { 'x-smartlead-signature': `sha256=${'0'.repeat(64)}` })).status).toBe(401);
    expect((await deliver('/api/webhooks/smartlead', body.replace('EMAIL_OPEN', 'EMAIL_SENT'), { 'x-smartlead-signature': signature })).status).toBe(401);
    const [instantly] = samplesOf('instantly');
    expect((await deliver('/api/webhooks/instantly', instantly!.body, { 'x-webhook-secret': 'wrong-secret-wrong-secret' })).status).toBe(401);
    // No secret configured for HeyReach's shared URL: nothing gets in there.
    const [heyreach] = samplesOf('heyreach');
    expect((await deliver('/api/webhooks/heyreach', heyreach!.body)).status).toBe(401);
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    const notJson = await deliver(urlsOfA.instantly!, '{"event_type": ');
    expect(notJson.status).toBe(400);
    const notObject = await deliver(urlsOfA.instantly!, '[1, 2, 3]');
    expect(notObject.status).toBe(400);
    expect(notObject.body).toMatchObject({ code: 'malformed_webhook' });
  });
});

describe('refused deliveries from one address', () => {
  let limited: RunningServer;
  let limitedRequest: HttpClient;

  beforeAll(async () => {
    // Its own address (through a trusted proxy header): other files' refusals from 127.0.0.1 share the worker database.
    limited = await startTestServer({ WEBHOOK_REFUSALS_PER_ADDRESS: '3', WEBHOOK_REFUSAL_WINDOW_SECONDS: '60', TRUST_PROXY: 'true', JOBS_ENABLED: 'false' });
    limitedRequest = httpClient(limited.url);
  });

  afterAll(async () => {
    await limited?.close();
  });

  it('are audited up to the limit, then answered 429 unaudited; authenticated deliveries from it still pass', async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const from = { 'content-type': 'application/json', 'x-forwarded-for': address };
    const body = samplesOf('instantly')[0]!.body;
    const refusalsAudited = async () => Number((await db.query(`select count(*) from audit_events where action = 'webhook.receive'`)).rows[0].count);
    const before = await refusalsAudited();

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push((await limitedRequest('POST', `/api/webhooks/instantly/oex_${'x'.repeat(43)}`, { rawBody: body, headers: from })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(await refusalsAudited()).toBe(before + 3);
    const limitedAnswer = await limitedRequest<{ code: string }>('POST', '/api/webhooks/instantly', { rawBody: body, headers: from });
    expect(limitedAnswer.status).toBe(429);
    expect(limitedAnswer.body.code).toBe('too_many_refused_deliveries');
    expect(Number(limitedAnswer.headers.get('retry-after'))).toBeGreaterThan(0);

    const fresh = JSON.stringify({ ...(JSON.parse(body) as object), timestamp: new Date().toISOString() });
    const accepted = await limitedRequest<Receipt>('POST', urlsOfA.instantly!, { rawBody: fresh, headers: from });
    expect([accepted.status, accepted.body.status]).toEqual([200, 'accepted']);
  });
});

