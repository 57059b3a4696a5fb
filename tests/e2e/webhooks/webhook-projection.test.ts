import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SMARTLEAD_CLIENT_ID } from '../../../infrastructure/simulators/provider-simulators.js';
import { connectedEmailCompany, startEmailOutreachWorld, type ConnectedCompany, type EmailOutreachWorld } from '../../support/email-outreach-fixture.js';
import { freshDatabase } from '../../support/fresh-database.js';
import { httpClient } from '../../support/http-client.js';
import { createSuperAdmin, loginSuperAdmin } from '../../support/super-admin-fixture.js';
import { createOrganization } from '../../support/tenant-fixture.js';
import { startTestServer } from '../../support/test-server.js';
import { workerDatabaseUrl } from '../../support/worker-database-url.js';

/**
 * Stored webhook events projected by the pg-boss worker into the organization's campaigns, leads,
 * messages and suppression list: in order or not, once however often delivered, never across
 * organizations, and after a restart when the process died before projecting.
 */

const SAMPLES = path.resolve(import.meta.dirname, '../../fixtures/webhook-samples');
/** Addresses the reference samples name. */
const DANA = 'dana.reyes@northwind.io';
const JORDAN = 'jordan.miles@contoso.com';
const OLD_CONTACT = 'old.contact@northwind.io';
/** The deployment's Smartlead `secret_key`, which authenticates deliveries on the shared URL. */
const SMARTLEAD_SECRET_KEY = 'smartlead-secret-key-for-projection-tests';

interface CampaignBody {
  id: string;
  status: string;
  external_campaign_id: string;
}

interface LeadBody {
  id: string;
  email: string;
  status: string;
  category: string | null;
}

let world: EmailOutreachWorld;
let db: pg.Client;

beforeAll(async () => {
  world = await startEmailOutreachWorld({ JOBS_POLL_INTERVAL_SECONDS: '0.5', SMARTLEAD_WEBHOOK_SECRET_KEY: SMARTLEAD_SECRET_KEY });
  db = new pg.Client({ connectionString: workerDatabaseUrl() });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await world?.close();
});

/** A reference sample with its campaign id pointed at one of ours, and any field overridden. */
function sample(file: string, campaignId: string | number, overrides: Record<string, unknown> = {}): string {
  const body = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...body, campaign_id: campaignId, ...overrides });
}

async function endpointOf(orgId: string, provider: 'smartlead' | 'instantly'): Promise<string> {
  const issued = await world.request<{ url_path: string }>('POST', `/api/super-admin/organizations/${orgId}/webhook-endpoints`, {
    token: world.superAdminToken,
    body: { provider_slug: provider },
  });
  orgOfUrl.set(issued.body.url_path, orgId);
  return issued.body.url_path;
}

/** Delivers and waits until the worker has dealt with the event; answers its final row. */
async function deliverAndProject(url: string, body: string): Promise<{ status: string; reason: string | null }> {
  const receipt = await world.request<{ status: string; event_key: string }>('POST', url, { rawBody: body, headers: { 'content-type': 'application/json' } });
  expect(receipt.status).toBe(200);
  return waitForProjection(db, receipt.body.event_key, orgOfUrl.get(url)!);
}

/** Which organization each issued URL belongs to: event keys are only unique per organization. */
const orgOfUrl = new Map<string, string>();

async function waitForProjection(client: pg.Client, eventKey: string, orgId: string): Promise<{ status: string; reason: string | null }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await client.query<{ status: string; reason: string | null }>(
      `select status, reason from webhook_events where event_key = $1 and org_id = $2`,
      [eventKey, orgId],
    );
    if (rows[0] && rows[0].status !== 'received' && rows[0].status !== 'failed') return rows[0];
    if (Date.now() > deadline) throw new Error(`event ${eventKey} was not projected in time: ${JSON.stringify(rows[0])}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function campaignWithLeads(company: ConnectedCompany, emails: string[]): Promise<CampaignBody> {
  const token = company.companyAdminToken;
  const campaign = (await world.request<CampaignBody>('POST', '/api/campaigns/', { token, body: { name: 'Projected' } })).body;
  const imported = await world.request('POST', `/api/campaigns/${campaign.id}/leads`, { token, body: { leads: emails.map((email) => ({ email })) } });
  expect(imported.status).toBe(200);
  return campaign;
}

async function leadsOf(company: ConnectedCompany, campaignId: string): Promise<Record<string, LeadBody>> {
  const leads = await world.request<LeadBody[]>('GET', `/api/campaigns/${campaignId}/leads`, { token: company.companyAdminToken });
  return Object.fromEntries(leads.body.map((lead) => [lead.email, lead]));
}

describe('webhook projection', () => {
  it('projects Smartlead sends, replies, unsubscribes and campaign status into local state, never moving a lead back', async () => {
    const company = await connectedEmailCompany(world, 'smartlead');
    const campaign = await campaignWithLeads(company, [DANA, JORDAN]);
    const url = await endpointOf(company.org.id, 'smartlead');
    const externalId = Number(campaign.external_campaign_id);

    expect(await deliverAndProject(url, sample('smartlead/EMAIL_SENT.json', externalId))).toMatchObject({ status: 'projected' });
    expect((await leadsOf(company, campaign.id))[DANA]!.status).toBe('contacted');
    expect(await deliverAndProject(url, sample('smartlead/EMAIL_REPLY.json', externalId))).toMatchObject({ status: 'projected' });
    // A send delivered late, after the reply, leaves the lead replied.
    const lateSend = sample('smartlead/EMAIL_SENT.json', externalId, { event_timestamp: '2025-11-21T08:00:00.000Z', stats_id: 'late-send' });
    expect(await deliverAndProject(url, lateSend)).toMatchObject({ status: 'projected' });
    const dana = (await leadsOf(company, campaign.id))[DANA]!;
    expect(dana.status).toBe('replied');

    const thread = await world.request<{ direction: string }[]>('GET', `/api/campaigns/${campaign.id}/replies`, { token: company.companyAdminToken });
    expect(thread.body.map((message) => message.direction)).toEqual(['inbound']);

    expect(await deliverAndProject(url, sample('smartlead/LEAD_UNSUBSCRIBED.json', externalId))).toMatchObject({ status: 'projected' });
    expect((await leadsOf(company, campaign.id))[JORDAN]!.status).toBe('unsubscribed');
    const next = (await world.request<CampaignBody>('POST', '/api/campaigns/', { token: company.companyAdminToken, body: { name: 'Next' } })).body;
    const reimport = await world.request<{ import: { suppressed: number } }>('POST', `/api/campaigns/${next.id}/leads`, {
      token: company.companyAdminToken,
      body: { leads: [{ email: JORDAN }] },
    });
    expect(reimport.body.import.suppressed).toBe(1);

    expect(await deliverAndProject(url, sample('smartlead/CAMPAIGN_STATUS_CHANGED.json', externalId))).toMatchObject({ status: 'projected' });
    expect((await world.request<CampaignBody>('GET', `/api/campaigns/${campaign.id}`, { token: company.companyAdminToken })).body.status).toBe('ACTIVE');
  });

  it('projects Instantly replies, interest labels and hard bounces', async () => {
    const company = await connectedEmailCompany(world, 'instantly');
    const campaign = await campaignWithLeads(company, [DANA, OLD_CONTACT]);
    const url = await endpointOf(company.org.id, 'instantly');

    expect(await deliverAndProject(url, sample('instantly/reply_received.json', campaign.external_campaign_id))).toMatchObject({ status: 'projected' });
    expect(await deliverAndProject(url, sample('instantly/lead_interested.json', campaign.external_campaign_id))).toMatchObject({ status: 'projected' });
    expect(await deliverAndProject(url, sample('instantly/email_bounced.json', campaign.external_campaign_id))).toMatchObject({ status: 'projected' });

    const leads = await leadsOf(company, campaign.id);
    expect(leads[DANA]).toMatchObject({ status: 'replied', category: 'Interested' });
    expect(leads[OLD_CONTACT]!.status).toBe('bounced');
    const suppressed = await db.query(`select reason from company_suppressions where company_id = $1 and email = $2`, [company.companyId, OLD_CONTACT]);
    expect(suppressed.rows).toEqual([{ reason: 'hard_bounce' }]);
  });

  it('makes one state change out of 100 concurrent deliveries of one reply', async () => {
    const company = await connectedEmailCompany(world, 'instantly');
    const campaign = await campaignWithLeads(company, [DANA]);
    const url = await endpointOf(company.org.id, 'instantly');
    const body = sample('instantly/reply_received.json', campaign.external_campaign_id);

    const receipts = await Promise.all(
      Array.from({ length: 100 }, () => world.request<{ status: string; event_key: string }>('POST', url, { rawBody: body, headers: { 'content-type': 'application/json' } })),
    );

    expect(receipts.filter((receipt) => receipt.body.status === 'accepted')).toHaveLength(1);
    expect(await waitForProjection(db, receipts[0]!.body.event_key, company.org.id)).toMatchObject({ status: 'projected' });
    const stored = await db.query(`select projection_attempts from webhook_events where org_id = $1`, [company.org.id]);
    expect(stored.rows).toEqual([{ projection_attempts: 1 }]);
    const replies = await world.request<unknown[]>('GET', `/api/campaigns/${campaign.id}/replies`, { token: company.companyAdminToken });
    expect(replies.body).toHaveLength(1);
    expect((await leadsOf(company, campaign.id))[DANA]!.status).toBe('replied');
  });

  it("never lets an event change another organization's data, whatever ids it carries", async () => {
    const victim = await connectedEmailCompany(world, 'instantly');
    const campaign = await campaignWithLeads(victim, [DANA]);
    const attacker = await createOrganization(world.request, world.superAdminToken);
    const attackerUrl = await endpointOf(attacker.id, 'instantly');

    const projected = await deliverAndProject(attackerUrl, sample('instantly/lead_unsubscribed.json', campaign.external_campaign_id, { lead_email: DANA }));

    expect(projected).toMatchObject({ status: 'ignored', reason: expect.stringContaining('unknown campaign') });
    expect((await leadsOf(victim, campaign.id))[DANA]!.status).toBe('active');
  });

  it('keeps unknown event types and events for unknown campaigns, ignored with their reason', async () => {
    const company = await connectedEmailCompany(world, 'instantly');
    const url = await endpointOf(company.org.id, 'instantly');
    expect(await deliverAndProject(url, sample('instantly/email_opened.json', 'no-such-campaign'))).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('unknown campaign'),
    });
    expect(await deliverAndProject(url, sample('instantly/account_error.json', 'no-such-campaign'))).toMatchObject({
      status: 'ignored',
      reason: 'unknown sending account: no inbox of the organization has this id or address',
    });
    const unknownType = sample('instantly/email_opened.json', 'no-such-campaign', { event_type: 'supersearch_enrichment_completed' });
    expect(await deliverAndProject(url, unknownType)).toMatchObject({ status: 'ignored', reason: 'no local state to change for an event of type unknown' });
  });

  it('projects after a restart what a process stored but never projected', async () => {
    const database = await freshDatabase();
    try {
      const enqueueOnly = await startTestServer({ DATABASE_URL: database.url, JOBS_ENABLED: 'false' });
      const request = httpClient(enqueueOnly.url);
      const saToken = await loginSuperAdmin(request, await createSuperAdmin(enqueueOnly));
      const org = await createOrganization(request, saToken);
      const issued = await request<{ url_path: string }>('POST', `/api/super-admin/organizations/${org.id}/webhook-endpoints`, {
        token: saToken,
        body: { provider_slug: 'smartlead' },
      });
      const receipt = await request<{ event_key: string }>('POST', issued.body.url_path, {
        rawBody: sample('smartlead/EMAIL_OPEN.json', 424242),
        headers: { 'content-type': 'application/json' },
      });
      expect(receipt.status).toBe(200);
      await enqueueOnly.close();

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const stored = await client.query(`select status from webhook_events where event_key = $1`, [receipt.body.event_key]);
        expect(stored.rows).toEqual([{ status: 'received' }]);
        const worker = await startTestServer({ DATABASE_URL: database.url, JOBS_POLL_INTERVAL_SECONDS: '0.5' });
        try {
          expect(await waitForProjection(client, receipt.body.event_key, org.id)).toMatchObject({ status: 'ignored', reason: expect.stringContaining('unknown campaign') });
        } finally {
          await worker.close();
        }
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });

  it('attributes an account error on the shared URL by the inbox it names, and never guesses between organizations', async () => {
    const address = `ops-${randomUUID().slice(0, 8)}@sandbox-sender.test`;
    world.simulators.smartlead.state.addEmailAccount({ fromEmail: address, fromName: 'Ops', clientId: SANDBOX_SMARTLEAD_CLIENT_ID });
    const first = await connectedEmailCompany(world, 'smartlead');
    await syncInboxesOf(first);
    const disconnected = () =>
      JSON.stringify({
        ...(JSON.parse(readFileSync(path.join(SAMPLES, 'smartlead/EMAIL_ACCOUNT_DISCONNECTED.json'), 'utf8')) as object),
        // Named by address only: the simulator's account ids repeat across test files sharing this database.
        email_account_id: null,
        from_email: address,
        event_timestamp: new Date().toISOString(),
        secret_key: SMARTLEAD_SECRET_KEY,
      });
    const deliverShared = async () => {
      const receipt = await world.request<{ event_key: string }>('POST', '/api/webhooks/smartlead', { rawBody: disconnected(), headers: { 'content-type': 'application/json' } });
      expect(receipt.status).toBe(200);
      return receipt.body.event_key;
    };

    expect(await waitForProjection(db, await deliverShared(), first.org.id)).toEqual({ status: 'projected', reason: null });
    const inboxes = await world.request<{ email: string; status: string; status_reason: string | null }[]>('GET', '/api/inboxes/', { token: first.companyAdminToken });
    expect(inboxes.body.find((inbox) => inbox.email === address)).toMatchObject({ status: 'inactive', status_reason: expect.stringMatching(/^connection error reported: Invalid login/) });

    // A second organization syncs the same provider account: the address no longer tells whose it is.
    const second = await connectedEmailCompany(world, 'smartlead');
    await syncInboxesOf(second);
    const ambiguous = await deliverShared();
    const { rows } = await db.query('select org_id, status, reason from webhook_events where event_key = $1', [ambiguous]);
    expect(rows).toEqual([{ org_id: null, status: 'ignored', reason: 'unattributed: no organization holds the campaign or sending account this event names' }]);
  });
});

async function syncInboxesOf(company: ConnectedCompany): Promise<void> {
  const synced = await world.request('POST', `/api/internal/provisioning/email-outreach/${company.companyId}/sync-inboxes`, { token: world.superAdminToken });
  expect(synced.status, JSON.stringify(synced.body)).toBe(200);
}

