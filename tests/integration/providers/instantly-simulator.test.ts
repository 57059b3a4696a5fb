import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createInstantlySimulator,
  INSTANTLY_SIM_API_KEY,
  type InstantlySimulator,
  type InstantlySimulatorOptions,
} from '../../../infrastructure/simulators/instantly/instantly-simulator.js';

const KEY = INSTANTLY_SIM_API_KEY;
const VALID_SCHEDULE = {
  schedules: [{ name: 'Weekdays', timing: { from: '09:00', to: '17:00' }, days: { '1': true, '2': true, '3': true, '4': true, '5': true }, timezone: 'America/Detroit' }],
};

let sim: InstantlySimulator;

async function start(options: InstantlySimulatorOptions = {}): Promise<void> {
  sim = createInstantlySimulator(options);
  await sim.listen();
}

afterEach(async () => {
  await sim.close();
});

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

async function call(method: string, path: string, options: { body?: unknown; key?: string | null; headers?: Record<string, string> } = {}): Promise<Answer> {
  const key = options.key === undefined ? KEY : options.key;
  const response = await fetch(sim.url + path, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function errorBody(status: number, error: string) {
  return { statusCode: status, error, message: expect.any(String) };
}

describe('authentication and plan', () => {
  beforeEach(() => start());

  it('refuses a missing key, a wrong key and a key in the query string with 401 in Instantly’s error shape', async () => {
    for (const answer of [
      await call('GET', '/api/v2/accounts', { key: null }),
      await call('GET', '/api/v2/accounts', { key: 'wrong' }),
      await call('GET', `/api/v2/accounts?api_key=${KEY}`, { key: null }),
      await call('GET', '/api/v2/accounts', { key: null, headers: { 'x-api-key': KEY } }),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(errorBody(401, 'Unauthorized'));
    }
    expect(sim.journal.map((entry) => entry.outcome)).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized']);
  });

  it('answers 402 to a workspace without a paid plan', async () => {
    sim.state.defaultWorkspace.paidPlan = false;

    const answer = await call('GET', '/api/v2/accounts');

    expect(answer.status).toBe(402);
    expect(answer.body).toEqual({ statusCode: 402, error: 'Payment Required', message: 'Workspace does not have an active paid plan' });
  });

  it('answers an unknown route with 404 in Instantly’s shape', async () => {
    const answer = await call('GET', '/api/v2/nothing-here');

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(errorBody(404, 'Not Found'));
  });
});

describe('rate limits', () => {
  it('defaults to 6,000 per minute, 100 per second, and 20 per minute for the emails endpoint', async () => {
    await start();
    const results: number[] = [];
    for (let index = 0; index < 21; index += 1) results.push((await call('GET', '/api/v2/emails')).status);

    expect(results.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(results[20]).toBe(429);
    expect((await call('GET', '/api/v2/accounts')).status).toBe(200);
  });

  it('limits each workspace per minute across all its keys, with 429, Retry-After and Instantly’s body', async () => {
    await start({ workspaces: [{ apiKeys: ['key-a', 'key-b'] }, { apiKeys: ['key-c'] }], rateLimit: { limit: 2, windowMs: 60_000 } });

    await call('GET', '/api/v2/accounts', { key: 'key-a' });
    await call('GET', '/api/v2/accounts', { key: 'key-b' });
    const limited = await call('GET', '/api/v2/accounts', { key: 'key-a' });

    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(limited.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' });
    expect((await call('GET', '/api/v2/accounts', { key: 'key-c' })).status).toBe(200);
  });

  it('limits each workspace per second as well', async () => {
    await start({ perSecondLimit: { limit: 2, windowMs: 1_000 } });

    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await call('GET', '/api/v2/accounts')).status);

    expect(statuses).toEqual([200, 200, 429]);
  });

  it('limits the emails endpoint on its own, leaving the rest of the workspace free', async () => {
    await start({ emailsRateLimit: { limit: 1, windowMs: 60_000 } });

    expect((await call('GET', '/api/v2/emails')).status).toBe(200);
    const limited = await call('GET', '/api/v2/emails');

    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect((await call('GET', '/api/v2/accounts')).status).toBe(200);
  });
});

describe('campaigns', () => {
  beforeEach(() => start());

  it('creates a Draft (status 0) with a UUIDv7 id', async () => {
    const answer = await call('POST', '/api/v2/campaigns', { body: { name: 'Q1', campaign_schedule: VALID_SCHEDULE } });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'Q1', status: 0, campaign_schedule: VALID_SCHEDULE, organization: sim.state.defaultWorkspace.id });
    expect((answer.body as { id: string }).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each(['America/New_York', 'Europe/London', 'UTC'])('refuses %s, which is not in Instantly’s timezone enum', async (timezone) => {
    const schedule = { schedules: [{ ...VALID_SCHEDULE.schedules[0], timezone }] };

    const answer = await call('POST', '/api/v2/campaigns', { body: { name: 'Q1', campaign_schedule: schedule } });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'body/campaign_schedule/schedules/0/timezone must be equal to one of the allowed values' });
  });

  it.each([
    [{ name: 'No schedule' }, "body must have required property 'campaign_schedule'"],
    [{ campaign_schedule: VALID_SCHEDULE }, "body must have required property 'name'"],
    [{ name: 'Extra', campaign_schedule: VALID_SCHEDULE, status: 1 }, 'body must NOT have additional properties'],
    [{ name: 'Bad time', campaign_schedule: { schedules: [{ ...VALID_SCHEDULE.schedules[0], timing: { from: '9', to: '17:00' } }] } }, expect.stringContaining('timing/from')],
  ])('refuses an invalid create body: %j', async (body, message) => {
    const answer = await call('POST', '/api/v2/campaigns', { body });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
  });

  it('moves a campaign Draft → Active → Paused → Active, and refuses both on a completed one', async () => {
    const { id } = sim.state.addCampaign(sim.state.defaultWorkspace.id, { name: 'Flow' });

    const statuses = [];
    for (const action of ['activate', 'pause', 'activate']) statuses.push(((await call('POST', `/api/v2/campaigns/${id}/${action}`)).body as { status: number }).status);
    sim.state.setCampaignStatus(id, 3);
    const refused = await call('POST', `/api/v2/campaigns/${id}/activate`);

    expect(statuses).toEqual([1, 2, 1]);
    expect(refused.status).toBe(400);
    expect(sim.state.campaign(id).status).toBe(3);
  });

  it('hides another workspace’s campaign (404) and refuses an id that is not a UUID (400)', async () => {
    await sim.close();
    await start({ workspaces: [{ apiKeys: [KEY] }, { apiKeys: ['other'] }] });
    const theirs = sim.state.addCampaign(sim.state.workspaceIdForKey('other')!, { name: 'Theirs' });

    expect((await call('GET', `/api/v2/campaigns/${theirs.id}`)).status).toBe(404);
    expect(await call('GET', '/api/v2/campaigns/42')).toMatchObject({ status: 400, body: { message: 'params/id must match format "uuid"' } });
  });

  it('lists the workspace’s campaigns in creation order, at most 100 a page, each as GET …/{id} answers it', async () => {
    await sim.close();
    await start({ workspaces: [{ apiKeys: [KEY] }, { apiKeys: ['other'] }] });
    sim.state.addCampaign(sim.state.workspaceIdForKey('other')!, { name: 'Theirs' });
    const mine = Array.from({ length: 102 }, (_, index) => sim.state.addCampaign(sim.state.workspaceIdForKey(KEY)!, { name: `Mine ${index}` }));

    const tooBig = await call('GET', '/api/v2/campaigns?limit=101');
    const first = (await call('GET', '/api/v2/campaigns?limit=100')).body as { items: { id: string }[]; next_starting_after?: string };
    const second = (await call('GET', `/api/v2/campaigns?limit=100&starting_after=${first.next_starting_after}`)).body as { items: { id: string }[]; next_starting_after?: string };

    expect(tooBig).toMatchObject({ status: 400, body: { message: 'querystring/limit must be <= 100' } });
    expect([...first.items, ...second.items].map((campaign) => campaign.id)).toEqual(mine.map((campaign) => campaign.id));
    expect(first.next_starting_after).toBe(mine[99]!.id);
    expect(second.next_starting_after).toBeUndefined();
    expect(second.items[0]).toEqual((await call('GET', `/api/v2/campaigns/${mine[100]!.id}`)).body);
  });

  it('accepts a sequence edit on an active campaign, and a PATCH email_list replaces the senders', async () => {
    const { id } = sim.state.addCampaign(sim.state.defaultWorkspace.id, { name: 'Live', status: 1, email_list: ['a@acme.io'] });
    const steps = [{ type: 'email', delay: 2, variants: [{ subject: 'Hi', body: 'There' }] }];

    const edited = await call('PATCH', `/api/v2/campaigns/${id}`, { body: { sequences: [{ steps }] } });
    await call('PATCH', `/api/v2/campaigns/${id}`, { body: { email_list: ['b@acme.io'] } });

    expect(edited.status).toBe(200);
    expect(sim.state.campaign(id).sequences).toEqual([{ steps }]);
    expect(sim.state.campaign(id).email_list).toEqual(['b@acme.io']);
  });

  it('refuses a step without its required fields', async () => {
    const { id } = sim.state.addCampaign(sim.state.defaultWorkspace.id, { name: 'Bad' });

    const answer = await call('PATCH', `/api/v2/campaigns/${id}`, { body: { sequences: [{ steps: [{ type: 'email', variants: [] }] }] } });

    expect(answer).toMatchObject({ status: 400, body: { message: "body/sequences/0/steps/0 must have required property 'delay'" } });
  });

  it('answers analytics as a bare array, empty for an unknown id', async () => {
    const { id } = sim.state.addCampaign(sim.state.defaultWorkspace.id, { name: 'Stats' });

    const known = await call('GET', `/api/v2/campaigns/analytics?id=${id}`);
    const unknown = await call('GET', '/api/v2/campaigns/analytics?id=019a0000-0000-7000-8000-000000000000');

    expect(known.body).toEqual([expect.objectContaining({ campaign_id: id, campaign_name: 'Stats', emails_sent_count: 0, open_count_unique: 0 })]);
    expect(unknown.body).toEqual([]);
  });
});

describe('leads', () => {
  let campaignId: string;
  beforeEach(async () => {
    await start();
    campaignId = sim.state.addCampaign(sim.state.defaultWorkspace.id, { name: 'Leads' }).id;
  });

  const leads = (count: number) => Array.from({ length: count }, (_, index) => ({ email: `l${index}@x.io` }));

  it('refuses more than 1,000 leads per call, and none', async () => {
    const tooMany = await call('POST', '/api/v2/leads/add', { body: { campaign_id: campaignId, leads: leads(1_001) } });
    const none = await call('POST', '/api/v2/leads/add', { body: { campaign_id: campaignId, leads: [] } });

    expect(tooMany.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'body/leads must NOT have more than 1000 items' });
    expect(none.status).toBe(400);
    expect(sim.state.leadsOf(campaignId)).toEqual([]);
  });

  it('takes campaign_id XOR list_id, and no object as a custom-variable value', async () => {
    const both = await call('POST', '/api/v2/leads/add', { body: { campaign_id: campaignId, list_id: campaignId, leads: leads(1) } });
    const objectValue = await call('POST', '/api/v2/leads/add', { body: { campaign_id: campaignId, leads: [{ email: 'a@x.io', custom_variables: { nested: { a: 1 } } }] } });

    expect(both.status).toBe(400);
    expect(objectValue.status).toBe(400);
  });

  it('adds leads to a draft campaign and counts the ones it skips', async () => {
    sim.state.addLead(campaignId, { email: 'here@x.io' });
    sim.state.block(sim.state.defaultWorkspace.id, 'gone@x.io');

    const answer = await call('POST', '/api/v2/leads/add', {
      body: {
        campaign_id: campaignId,
        skip_if_in_campaign: true,
        leads: [{ email: 'new@x.io', first_name: 'New' }, { email: 'here@x.io' }, { email: 'gone@x.io' }, { email: 'nope' }, { first_name: 'No email' }, { email: 'NEW@x.io' }],
      },
    });

    expect(answer.body).toEqual({
      status: 'success',
      total_sent: 6,
      leads_uploaded: 1,
      in_blocklist: 1,
      blocklist_used: true,
      duplicated_leads: 0,
      skipped_count: 1,
      invalid_email_count: 1,
      incomplete_count: 1,
      duplicate_email_count: 1,
      remaining_in_plan: expect.any(Number),
      created_leads: [{ index: 0, id: sim.state.lead(campaignId, 'new@x.io').id, email: 'new@x.io', first_name: 'New', last_name: null, phone: null }],
    });
    expect(sim.state.campaign(campaignId).status).toBe(0);
  });

  it('counts a lead already in the campaign as duplicated without skip_if_in_campaign, and never adds it twice', async () => {
    sim.state.addLead(campaignId, { email: 'here@x.io' });

    const answer = await call('POST', '/api/v2/leads/add', { body: { campaign_id: campaignId, leads: [{ email: 'here@x.io' }] } });

    expect(answer.body).toMatchObject({ leads_uploaded: 0, duplicated_leads: 1, skipped_count: 0 });
    expect(sim.state.leadsOf(campaignId)).toHaveLength(1);
  });

  it('lists at most 100 leads a page with a cursor, carried even by a full last page', async () => {
    for (let index = 0; index < 100; index += 1) sim.state.addLead(campaignId, { email: `p${index}@x.io` });

    const tooBig = await call('POST', '/api/v2/leads/list', { body: { campaign: campaignId, limit: 101 } });
    const first = (await call('POST', '/api/v2/leads/list', { body: { campaign: campaignId, limit: 100 } })).body as { items: unknown[]; next_starting_after?: string };
    const after = (await call('POST', '/api/v2/leads/list', { body: { campaign: campaignId, limit: 100, starting_after: first.next_starting_after } })).body;

    expect(tooBig).toMatchObject({ status: 400, body: { message: 'body/limit must be <= 100' } });
    expect(first.items).toHaveLength(100);
    expect(first.next_starting_after).toBe(sim.state.lead(campaignId, 'p99@x.io').id);
    expect(after).toEqual({ items: [] });
  });

  it('blocks an address for the whole workspace, and a domain for all its addresses', async () => {
    const other = sim.state.addCampaign(sim.state.defaultWorkspace.id, { name: 'Other' });
    sim.state.addLead(campaignId, { email: 'a@blocked.io' });
    sim.state.addLead(other.id, { email: 'b@blocked.io' });
    sim.state.addLead(other.id, { email: 'c@fine.io' });

    const entry = await call('POST', '/api/v2/block-lists-entries', { body: { bl_value: 'blocked.io' } });

    expect(entry.body).toMatchObject({ bl_value: 'blocked.io', is_domain: true, organization_id: sim.state.defaultWorkspace.id });
    expect([...sim.state.leadsOf(campaignId), ...sim.state.leadsOf(other.id)].map((lead) => [lead.email, lead.status])).toEqual([
      ['a@blocked.io', -2],
      ['b@blocked.io', -2],
      ['c@fine.io', 1],
    ]);
  });

  it('lists a lead’s emails newest first, filtered by campaign and lead', async () => {
    sim.state.addLead(campaignId, { email: 'dana@x.io' });
    sim.state.addLead(campaignId, { email: 'lee@x.io' });
    const first = sim.state.recordSentEmail(campaignId, 'dana@x.io');
    const reply = sim.state.recordReply(campaignId, 'dana@x.io');
    sim.state.recordSentEmail(campaignId, 'lee@x.io');

    const answer = (await call('GET', `/api/v2/emails?campaign_id=${campaignId}&lead=dana%40x.io`)).body as { items: { id: string; ue_type: number; thread_id: string }[] };

    expect(answer.items.map((email) => [email.id, email.ue_type])).toEqual([
      [reply.id, 2],
      [first.id, 1],
    ]);
    expect(new Set(answer.items.map((email) => email.thread_id)).size).toBe(1);
  });
});

describe('faults', () => {
  beforeEach(() => start());

  it('plays injected 5xx and malformed answers before serving again', async () => {
    sim.injectFault({ kind: 'status', status: 503 });
    sim.injectFault({ kind: 'malformed', text: '{not json' });

    expect((await call('GET', '/api/v2/accounts')).status).toBe(503);
    const malformed = await fetch(`${sim.url}/api/v2/accounts`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(await malformed.text()).toBe('{not json');
    expect((await call('GET', '/api/v2/accounts')).status).toBe(200);
  });
});

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/**
 * Key sets of the reference payloads (shared/reference/webhook-samples/instantly/*.json, providers.md
 * §8), copied here so the suite runs from this repository alone. The samples' leads carry first and
 * last name, company, title, website, personalization and one custom variable (icebreaker); the
 * bounced and unsubscribed samples' leads carry only name and company.
 */
const ENVELOPE = ['timestamp', 'event_type', 'workspace', 'campaign_id', 'campaign_name'];
const FULL_LEAD = ['firstName', 'lastName', 'companyName', 'jobTitle', 'website', 'personalization', 'icebreaker'];
const SHORT_LEAD = ['firstName', 'lastName', 'companyName'];
const POSITION = ['step', 'variant', 'is_first'];
const SAMPLE_KEYS: Readonly<Record<string, { readonly lead: 'full' | 'short' | null; readonly keys: readonly string[] }>> = {
  email_sent: { lead: 'full', keys: [...ENVELOPE, 'lead_email', 'email_account', ...POSITION, 'email_id', 'email_subject', 'email_text', 'email_html', ...FULL_LEAD] },
  reply_received: {
    lead: 'full',
    keys: [...ENVELOPE, 'lead_email', 'email_account', 'unibox_url', ...POSITION, 'email_id', 'reply_text_snippet', 'reply_subject', 'reply_text', 'reply_html', ...FULL_LEAD],
  },
  email_opened: { lead: 'full', keys: [...ENVELOPE, 'lead_email', 'email_account', ...POSITION, ...FULL_LEAD] },
  link_clicked: { lead: 'full', keys: [...ENVELOPE, 'lead_email', 'email_account', ...POSITION, ...FULL_LEAD] },
  email_bounced: { lead: 'short', keys: [...ENVELOPE, 'lead_email', 'email_account', ...POSITION, ...SHORT_LEAD] },
  lead_unsubscribed: { lead: 'short', keys: [...ENVELOPE, 'lead_email', 'email_account', ...SHORT_LEAD] },
  lead_interested: { lead: 'full', keys: [...ENVELOPE, 'lead_email', 'email_account', ...FULL_LEAD] },
  lead_meeting_completed: { lead: 'full', keys: [...ENVELOPE, 'lead_email', 'email_account', ...FULL_LEAD] },
  'Asked to circle back': { lead: 'full', keys: [...ENVELOPE, 'lead_email', 'email_account', ...FULL_LEAD] },
  account_error: { lead: null, keys: [...ENVELOPE, 'email_account'] },
  campaign_completed: { lead: null, keys: ENVELOPE },
};

describe('webhooks', () => {
  let receiver: Server;
  let receiverUrl: string;
  let received: Received[];
  let campaignId: string;

  beforeEach(async () => {
    await start({ workspaces: [{ apiKeys: [KEY], accounts: [{ email: 'sam@acme-outbound.com' }] }] });
    received = [];
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/instantly`;
    const campaign = sim.state.addCampaign(sim.state.defaultWorkspace.id, {
      name: 'Acme | SaaS CFOs | Q1',
      status: 1,
      email_list: ['sam@acme-outbound.com'],
      sequences: [{ steps: [{ type: 'email', delay: 2, delay_unit: 'days', variants: [{ subject: "Northwind's month-end close", body: 'Hi Dana,<br/><br/>Quick question' }] }] }],
    });
    campaignId = campaign.id;
    sim.state.addLead(campaignId, {
      email: 'dana.reyes@northwind.io',
      first_name: 'Dana',
      last_name: 'Reyes',
      company_name: 'Northwind',
      job_title: 'VP Finance',
      website: 'northwind.io',
      personalization: 'Saw the ERP migration post',
      custom_variables: { icebreaker: 'Saw the ERP migration post' },
    });
    sim.state.addLead(campaignId, { email: 'lee.park@northwind.io', first_name: 'Lee', last_name: 'Park', company_name: 'Northwind' });
  });

  afterEach(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it.each(Object.entries(SAMPLE_KEYS))('posts %s with exactly the keys of the reference sample', async (eventType, sample) => {
    const leadEmail = sample.lead === 'full' ? 'dana.reyes@northwind.io' : sample.lead === 'short' ? 'lee.park@northwind.io' : undefined;

    const outcome = await sim.deliverWebhook(receiverUrl, eventType, { campaignId, ...(leadEmail ? { leadEmail } : {}) });

    expect(outcome.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(Object.keys(received[0]!.body).sort()).toEqual([...sample.keys].sort());
    expect(received[0]!.body).toMatchObject({
      event_type: eventType,
      workspace: sim.state.defaultWorkspace.id,
      campaign_id: campaignId,
      campaign_name: 'Acme | SaaS CFOs | Q1',
    });
    expect(received[0]!.headers['content-type']).toBe('application/json');
  });

  it('builds a sent-email payload from the state: the recorded email, step 1, the sender', async () => {
    const email = sim.state.recordSentEmail(campaignId, 'dana.reyes@northwind.io');

    await sim.deliverWebhook(receiverUrl, 'email_sent', { campaignId, leadEmail: 'dana.reyes@northwind.io' });

    expect(received[0]!.body).toMatchObject({
      lead_email: 'dana.reyes@northwind.io',
      email_account: 'sam@acme-outbound.com',
      step: 1,
      variant: 1,
      is_first: true,
      email_id: email.id,
      email_subject: "Northwind's month-end close",
      email_html: 'Hi Dana,<br/><br/>Quick question',
      email_text: 'Hi Dana,\n\nQuick question',
      firstName: 'Dana',
      icebreaker: 'Saw the ERP migration post',
    });
  });

  it('records a reply it announces, so the thread and the statistics agree with the webhook', async () => {
    await sim.deliverWebhook(receiverUrl, 'reply_received', { campaignId, leadEmail: 'dana.reyes@northwind.io' });

    const thread = sim.state.emailsOf(campaignId, 'dana.reyes@northwind.io');
    expect(thread.map((email) => email.ue_type)).toEqual([1, 2]);
    expect(received[0]!.body['email_id']).toBe(thread[1]!.id);
    expect(sim.state.analytics(campaignId)).toMatchObject({ emails_sent_count: 1, reply_count_unique: 1 });
  });

  it('applies bounces and unsubscribes to the lead', async () => {
    await sim.deliverWebhook(receiverUrl, 'email_bounced', { campaignId, leadEmail: 'lee.park@northwind.io' });
    await sim.deliverWebhook(receiverUrl, 'lead_unsubscribed', { campaignId, leadEmail: 'dana.reyes@northwind.io' });

    expect(sim.state.lead(campaignId, 'lee.park@northwind.io').status).toBe(-1);
    expect(sim.state.lead(campaignId, 'dana.reyes@northwind.io').status).toBe(-2);
  });

  it('carries the subscription’s custom headers and no signature: Instantly does not sign', async () => {
    await sim.deliverWebhook(receiverUrl, 'lead_interested', { campaignId, leadEmail: 'dana.reyes@northwind.io', headers: { 'x-shared-secret': 's3cret' } });

    const headers = received[0]!.headers;
    expect(headers['x-shared-secret']).toBe('s3cret');
    expect(Object.keys(headers).filter((name) => /signature|hmac/i.test(name))).toEqual([]);
  });

  it('delivers through the control route as well', async () => {
    const answer = await call('POST', '/__sim/instantly/webhooks', {
      key: null,
      body: { url: receiverUrl, event_type: 'link_clicked', campaign_id: campaignId, lead_email: 'dana.reyes@northwind.io', headers: { 'x-shared-secret': 'abc' } },
    });

    expect(answer).toMatchObject({ status: 200, body: { status: 200, error: null, payload: { event_type: 'link_clicked' } } });
    expect(received[0]!.headers['x-shared-secret']).toBe('abc');
    expect(sim.state.lead(campaignId, 'dana.reyes@northwind.io').email_click_count).toBe(1);
  });

  it('seeds accounts, emails and campaign statuses through control routes', async () => {
    const account = await call('POST', '/__sim/instantly/accounts', { key: null, body: { email: 'kim@acme-outbound.com', status: 2 } });
    const email = await call('POST', '/__sim/instantly/emails', { key: null, body: { campaign_id: campaignId, lead_email: 'lee.park@northwind.io', ue_type: 2, subject: 'Re: hi' } });
    const status = await call('POST', `/__sim/instantly/campaigns/${campaignId}/status`, { key: null, body: { status: -2 } });
    const invalid = await call('POST', '/__sim/instantly/emails', { key: null, body: { campaign_id: campaignId } });

    expect(account).toMatchObject({ status: 200, body: { email: 'kim@acme-outbound.com', status: 2 } });
    expect(email).toMatchObject({ status: 200, body: { lead: 'lee.park@northwind.io', ue_type: 2, subject: 'Re: hi' } });
    expect(status).toMatchObject({ status: 200, body: { status: -2 } });
    expect(invalid.status).toBe(400);
  });
});
