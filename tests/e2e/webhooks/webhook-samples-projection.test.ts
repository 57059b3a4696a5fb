import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SMARTLEAD_CLIENT_ID } from '../../../infrastructure/simulators/provider-simulators.js';
import { connectedEmailCompany, startEmailOutreachWorld, type ConnectedCompany, type EmailOutreachWorld } from '../../support/email-outreach-fixture.js';
import { workerDatabaseUrl } from '../../support/worker-database-url.js';

/**
 * Every reference sample, delivered in file order (so a reply arrives before its send) to an
 * organization whose campaign holds the leads the samples name, then projected by the worker:
 * the final status of each event and the resulting local state are asserted.
 */

const SAMPLES = path.resolve(import.meta.dirname, '../../fixtures/webhook-samples');
const DANA = 'dana.reyes@northwind.io';
const JORDAN = 'jordan.miles@contoso.com';
const OLD_CONTACT = 'old.contact@northwind.io';
/** The sending inbox the account-error samples name. */
const SAM = 'sam@acme-outbound.com';

/** What becomes of each sample: projected into local state, or kept ignored (and why, in short). */
const EXPECTED: Readonly<Record<'smartlead' | 'instantly', Readonly<Record<string, string>>>> = {
  smartlead: {
    'CAMPAIGN_STATUS_CHANGED.json': 'projected',
    'EMAIL_ACCOUNT_DISCONNECTED.json': 'projected',
    'EMAIL_BOUNCE.json': 'projected',
    'EMAIL_LINK_CLICK.json': 'projected',
    'EMAIL_OPEN.json': 'projected',
    'EMAIL_REPLY.json': 'projected',
    'EMAIL_SENT.json': 'projected',
    'FIRST_EMAIL_SENT.json': 'projected',
    'LEAD_UNSUBSCRIBED.json': 'projected',
    'MANUAL_STEP_REACHED.json': 'ignored: no local state',
    'UNTRACKED_REPLIES.json': 'ignored: the event names no campaign',
  },
  instantly: {
    'account_error.json': 'projected',
    // A DRAFTED campaign cannot be COMPLETED: the state machine wins over the report.
    'campaign_completed.json': 'ignored: the campaign is DRAFTED',
    'custom_label_example.json': 'projected',
    'email_bounced.json': 'projected',
    'email_opened.json': 'projected',
    'email_sent.json': 'projected',
    'lead_closed.json': 'projected',
    'lead_interested.json': 'projected',
    'lead_meeting_completed.json': 'projected',
    'lead_neutral.json': 'projected',
    'lead_no_show.json': 'projected',
    'lead_not_interested.json': 'projected',
    'lead_out_of_office.json': 'projected',
    'lead_unsubscribed.json': 'projected',
    'lead_wrong_person.json': 'projected',
    'link_clicked.json': 'projected',
    'reply_received.json': 'projected',
  },
};

let world: EmailOutreachWorld;
let db: pg.Client;

beforeAll(async () => {
  world = await startEmailOutreachWorld({ JOBS_POLL_INTERVAL_SECONDS: '0.5' });
  db = new pg.Client({ connectionString: workerDatabaseUrl() });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await world?.close();
});

async function finalStatusOf(eventKey: string, orgId: string): Promise<{ status: string; reason: string | null }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await db.query<{ status: string; reason: string | null }>('select status, reason from webhook_events where event_key = $1 and org_id = $2', [
      eventKey,
      orgId,
    ]);
    if (rows[0] && rows[0].status !== 'received' && rows[0].status !== 'failed') return rows[0];
    if (Date.now() > deadline) throw new Error(`event ${eventKey} not projected in time: ${JSON.stringify(rows[0])}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function summary(outcome: { status: string; reason: string | null }): string {
  if (outcome.status !== 'ignored') return outcome.status;
  const reason = outcome.reason ?? '';
  if (reason.startsWith('no local state')) return 'ignored: no local state';
  if (reason.startsWith('the campaign is')) return `ignored: ${reason.split(';')[0]}`;
  return `ignored: ${reason}`;
}

describe('every heyreach sample', () => {
  // LinkedIn campaigns are not stored locally yet: every HeyReach event is kept, visibly ignored,
  // with the reason, and changes nothing.
  it('is stored once and kept ignored with its reason', async () => {
    const company = await connectedEmailCompany(world, 'instantly');
    const url = (
      await world.request<{ url_path: string }>('POST', `/api/super-admin/organizations/${company.org.id}/webhook-endpoints`, {
        token: world.superAdminToken,
        body: { provider_slug: 'heyreach' },
      })
    ).body.url_path;
    const outcomes: Record<string, string> = {};
    for (const file of readdirSync(path.join(SAMPLES, 'heyreach')).filter((name) => name.endsWith('.json')).sort()) {
      const receipt = await world.request<{ event_key: string }>('POST', url, { rawBody: readFileSync(path.join(SAMPLES, 'heyreach', file), 'utf8'), headers: { 'content-type': 'application/json' } });
      expect([file, receipt.status]).toEqual([file, 200]);
      outcomes[file] = (await finalStatusOf(receipt.body.event_key, company.org.id)).status;
    }
    expect(Object.keys(outcomes)).toHaveLength(11);
    expect(new Set(Object.values(outcomes))).toEqual(new Set(['ignored']));
    const changed = await db.query('select count(*)::int as n from campaign_messages where org_id = $1', [company.org.id]);
    expect(changed.rows).toEqual([{ n: 0 }]);
  });
});

describe.each(['smartlead', 'instantly'] as const)('every %s sample', (provider) => {
  it('is projected into local state or kept ignored with its reason', async () => {
    const company = await connectedEmailCompany(world, provider);
    const token = company.companyAdminToken;
    const campaign = (await world.request<{ id: string; external_campaign_id: string }>('POST', '/api/campaigns/', { token, body: { name: 'Samples' } })).body;
    await world.request('POST', `/api/campaigns/${campaign.id}/leads`, { token, body: { leads: [DANA, JORDAN, OLD_CONTACT].map((email) => ({ email })) } });
    const url = (
      await world.request<{ url_path: string }>('POST', `/api/super-admin/organizations/${company.org.id}/webhook-endpoints`, {
        token: world.superAdminToken,
        body: { provider_slug: provider },
      })
    ).body.url_path;
    const externalId = provider === 'smartlead' ? Number(campaign.external_campaign_id) : campaign.external_campaign_id;
    const samInboxId = await syncedInboxOf(company, SAM);

    const outcomes: Record<string, string> = {};
    for (const file of readdirSync(path.join(SAMPLES, provider)).filter((name) => name.endsWith('.json')).sort()) {
      const body = JSON.parse(readFileSync(path.join(SAMPLES, provider, file), 'utf8')) as Record<string, unknown>;
      if (body['campaign_id'] !== undefined && body['campaign_id'] !== null) body['campaign_id'] = externalId;
      if (isAccountError(body)) {
        // The inbox was synced just now: an error from the sample's past is stale (a test of its own); report it as new.
        body[provider === 'smartlead' ? 'event_timestamp' : 'timestamp'] = new Date().toISOString();
        if (provider === 'smartlead') body['email_account_id'] = Number(samInboxId.externalAccountId);
      }
      const receipt = await world.request<{ event_key: string }>('POST', url, { rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      expect([file, receipt.status]).toEqual([file, 200]);
      outcomes[file] = summary(await finalStatusOf(receipt.body.event_key, company.org.id));
    }

    expect(outcomes).toEqual(EXPECTED[provider]);
    const leads = await world.request<{ email: string; status: string; category: string | null }[]>('GET', `/api/campaigns/${campaign.id}/leads`, { token });
    const byEmail = Object.fromEntries(leads.body.map((lead) => [lead.email, lead]));
    // The reply arrived before its send (file order): the lead stays replied.
    expect(byEmail[DANA]!.status).toBe('replied');
    expect(byEmail[JORDAN]!.status).toBe('unsubscribed');
    expect(byEmail[OLD_CONTACT]!.status).toBe('bounced');
    if (provider === 'instantly') expect(byEmail[DANA]!.category).toBe('Wrong Person');
    const replies = await world.request<unknown[]>('GET', `/api/campaigns/${campaign.id}/replies`, { token });
    expect(replies.body).toHaveLength(1);
    const suppressed = await db.query<{ email: string; reason: string }>('select email, reason from company_suppressions where company_id = $1 order by email', [company.companyId]);
    expect(suppressed.rows).toEqual([
      { email: JORDAN, reason: 'unsubscribed' },
      { email: OLD_CONTACT, reason: 'hard_bounce' },
    ]);
    if (provider === 'smartlead') {
      expect((await world.request<{ status: string }>('GET', `/api/campaigns/${campaign.id}`, { token })).body.status).toBe('ACTIVE');
    }
    const inboxes = await world.request<{ email: string; status: string; status_reason: string | null }[]>('GET', '/api/inboxes/', { token });
    expect(inboxes.body.map((inbox) => [inbox.email, inbox.status, inbox.status_reason]).sort()).toEqual(
      [
        [SAM, 'inactive', provider === 'smartlead' ? 'connection error reported: Invalid login: 535-5.7.8 Username and Password not accepted' : 'connection error reported'],
        ...(provider === 'smartlead' ? ['alex@sandbox-sender.test', 'blair@sandbox-sender.test'] : ['dana@sandbox-instantly.test', 'eli@sandbox-instantly.test']).map((email) => [email, 'active', null]),
      ].sort(),
    );
  });
});

function isAccountError(body: Record<string, unknown>): boolean {
  return body['event_type'] === 'EMAIL_ACCOUNT_DISCONNECTED' || body['event_type'] === 'account_error';
}

/**
 * Gives the company's provider account an inbox at `email` and syncs the company's inboxes, as
 * an operator would: the inbox an account-error sample names then exists locally.
 */
async function syncedInboxOf(company: ConnectedCompany, email: string): Promise<{ externalAccountId: string }> {
  const { simulators } = world;
  if (company.provider === 'smartlead') {
    if (!simulators.smartlead.state.emailAccounts.some((account) => account.fromEmail === email)) {
      simulators.smartlead.state.addEmailAccount({ fromEmail: email, fromName: 'Sam Ortiz', clientId: SANDBOX_SMARTLEAD_CLIENT_ID });
    }
  } else if (!simulators.instantly.state.accounts.some((account) => account.email === email)) {
    simulators.instantly.state.addAccount(simulators.instantly.state.defaultWorkspace.id, { email, first_name: 'Sam', last_name: 'Ortiz' });
  }
  const synced = await world.request('POST', `/api/internal/provisioning/email-outreach/${company.companyId}/sync-inboxes`, { token: world.superAdminToken });
  expect(synced.status, JSON.stringify(synced.body)).toBe(200);
  const inboxes = await world.request<{ email: string; external_account_id: string; status: string }[]>('GET', '/api/inboxes/', { token: company.companyAdminToken });
  const inbox = inboxes.body.find((candidate) => candidate.email === email);
  expect(inbox?.status).toBe('active');
  return { externalAccountId: inbox!.external_account_id };
}
