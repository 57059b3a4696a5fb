import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedEmailCompany, startEmailOutreachWorld, type ConnectedCompany, type EmailOutreachWorld } from '../../support/email-outreach-fixture.js';
import { workerDatabaseUrl } from '../../support/worker-database-url.js';

/**
 * Dead letters and replay: a projection that fails on its last attempt is dead-lettered with its
 * reason, listed for super-admins, and replayed — once the cause is fixed — into exactly the state
 * a first projection would have made, however often it is replayed.
 */

const SAMPLES = path.resolve(import.meta.dirname, '../../fixtures/webhook-samples');
const DANA = 'dana.reyes@northwind.io';

interface EventItem {
  event_key: string;
  engine_status: string;
  status: string;
  replay_count: number;
  reason: string | null;
}

let world: EmailOutreachWorld;
let db: pg.Client;
let company: ConnectedCompany;
let campaignId: string;
let webhookUrl: string;
let eventKey: string;

beforeAll(async () => {
  // No retries: the first failure is the last attempt.
  world = await startEmailOutreachWorld({ JOBS_POLL_INTERVAL_SECONDS: '0.5', WEBHOOK_PROJECTION_RETRY_LIMIT: '0' });
  db = new pg.Client({ connectionString: workerDatabaseUrl() });
  await db.connect();
  company = await connectedEmailCompany(world, 'instantly');
  const campaign = (await world.request<{ id: string; external_campaign_id: string }>('POST', '/api/campaigns/', { token: company.companyAdminToken, body: { name: 'Replay' } })).body;
  campaignId = campaign.id;
  await world.request('POST', `/api/campaigns/${campaign.id}/leads`, { token: company.companyAdminToken, body: { leads: [{ email: DANA }] } });
  webhookUrl = (
    await world.request<{ url_path: string }>('POST', `/api/super-admin/organizations/${company.org.id}/webhook-endpoints`, {
      token: world.superAdminToken,
      body: { provider_slug: 'instantly' },
    })
  ).body.url_path;
  const reply = { ...(JSON.parse(readFileSync(path.join(SAMPLES, 'instantly/reply_received.json'), 'utf8')) as object), campaign_id: campaign.external_campaign_id };

  // The cause: the messages table is out of reach while the reply is projected.
  await db.query('alter table campaign_messages rename to campaign_messages_away');
  try {
    const receipt = await world.request<{ event_key: string }>('POST', webhookUrl, { rawBody: JSON.stringify(reply), headers: { 'content-type': 'application/json' } });
    eventKey = receipt.body.event_key;
    await statusBecomes('dead_letter');
  } finally {
    await db.query('alter table campaign_messages_away rename to campaign_messages');
  }
});

afterAll(async () => {
  await db?.end();
  await world?.close();
});

async function statusBecomes(expected: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    // Scoped to this file's organization: the worker's database holds other files' copies of the sample.
    const { rows } = await db.query<{ status: string }>('select status from webhook_events where event_key = $1 and org_id = $2', [eventKey, company.org.id]);
    if (rows[0]?.status === expected) return;
    if (Date.now() > deadline) throw new Error(`event stayed ${rows[0]?.status}, expected ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const asSuperAdmin = <T>(method: string, url: string, body?: unknown) =>
  world.request<T>(method, url, { token: world.superAdminToken, ...(body === undefined ? {} : { body }) });

async function danaState(): Promise<{ status: string; replies: number }> {
  const leads = await world.request<{ email: string; status: string }[]>('GET', `/api/campaigns/${campaignId}/leads`, { token: company.companyAdminToken });
  const replies = await world.request<unknown[]>('GET', `/api/campaigns/${campaignId}/replies`, { token: company.companyAdminToken });
  return { status: leads.body.find((lead) => lead.email === DANA)!.status, replies: replies.body.length };
}

describe('dead letters and replay', () => {
  it('lists the dead letter with a reason that names the failure but quotes no data', async () => {
    const letters = await asSuperAdmin<EventItem[]>('GET', `/api/webhooks/dead-letters?org_id=${company.org.id}`);
    expect(letters.status).toBe(200);
    const letter = letters.body.find((item) => item.event_key === eventKey);
    expect(letter).toMatchObject({ engine_status: 'dead_letter', status: 'dead_letter', replay_count: 0 });
    expect(letter!.reason).toMatch(/SQLSTATE 42P01/);
    expect(letter!.reason).not.toContain(DANA);
    const detail = await asSuperAdmin<{ payload: Record<string, unknown> }>('GET', `/api/webhooks/dead-letters/${encodeURIComponent(eventKey)}`);
    expect(detail.body.payload['lead_email']).toBe(DANA);
    expect(await danaState()).toEqual({ status: 'active', replies: 0 });
  });

  it('replays the dead letter once the cause is fixed, into the state a first projection makes', async () => {
    const replayed = await asSuperAdmin<{ replayed: number; not_found: number; results: { status: string }[] }>('POST', '/api/webhooks/dead-letters/replay', {
      event_keys: [eventKey, 'no-such-key'],
    });
    expect(replayed.body).toMatchObject({ requested: 2, replayed: 1, not_found: 1 });
    await statusBecomes('projected');
    expect(await danaState()).toEqual({ status: 'replied', replies: 1 });
    expect((await asSuperAdmin('GET', `/api/webhooks/dead-letters/${encodeURIComponent(eventKey)}`)).status).toBe(404);
  });

  it('replays again by key, in bulk and by query without changing the state any further', async () => {
    const one = await asSuperAdmin<{ status: string; replayed_events: number }>('POST', `/api/webhooks/replay/instantly/${encodeURIComponent(eventKey)}`);
    expect(one.body.status).toBe('replayed');
    // Every organization's copy of the key: other test files in this database stored the sample too.
    expect(one.body.replayed_events).toBeGreaterThanOrEqual(1);
    await statusBecomes('projected');
    const bulk = await asSuperAdmin<{ replayed: number; not_found: number }>('POST', '/api/webhooks/replay-bulk', { provider_slug: 'instantly', event_keys: [eventKey, 'missing'] });
    expect(bulk.body).toMatchObject({ replayed: 1, not_found: 1 });
    await statusBecomes('projected');
    const query = await asSuperAdmin<{ matched: number }>('POST', '/api/webhooks/replay-query', { provider_slug: 'instantly', org_id: company.org.id, limit: 10 });
    expect(query.body.matched).toBeGreaterThanOrEqual(1);
    await statusBecomes('projected');

    expect(await danaState()).toEqual({ status: 'replied', replies: 1 });
    const events = await asSuperAdmin<(EventItem & Record<string, unknown>)[]>('GET', `/api/webhooks/events?provider_slug=instantly&org_id=${company.org.id}`);
    const event = events.body.find((item) => item.event_key === eventKey)!;
    expect(event).toMatchObject({ engine_status: 'projected', status: 'processed' });
    expect(event.replay_count).toBeGreaterThanOrEqual(4);
    expect(event).not.toHaveProperty('payload');
    expect((await asSuperAdmin('POST', '/api/webhooks/replay/instantly/never-stored')).status).toBe(404);
  });
});
