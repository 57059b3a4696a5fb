import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailLeadInput, EmailSequenceStep } from '../../../application/outreach/email-outreach-provider.port.js';
import { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import { InstantlyEmailOutreachAdapter } from '../../../adapters/providers/instantly/instantly-email-outreach.adapter.js';
import { INSTANTLY_EMAILS_PACING, INSTANTLY_WORKSPACE_PACING } from '../../../adapters/providers/instantly/instantly-pacing.js';
import type { ProviderHttpSettings } from '../../../adapters/providers/http/provider-http-client.js';
import { createInstantlySimulator, type InstantlySimulator, type InstantlySimulatorOptions } from '../../../infrastructure/simulators/instantly/instantly-simulator.js';
import { testProviderHttp, type TestProviderHttp } from '../../support/provider-http.js';

const API_KEY = 'in-live-9c2f4e7a1b8d4c3e';
const WORKSPACE = '019a1c2e-7f3b-7d41-9b2e-5c8d0f1a3e67';
const OTHER_KEY = 'in-other-0d1e2f3a4b5c6d7e';
const connection: ProviderConnection = { apiKey: API_KEY, workspaceId: WORKSPACE, clientId: null };

let sim: InstantlySimulator;
let http: TestProviderHttp;
let adapter: InstantlyEmailOutreachAdapter;

async function start(options: InstantlySimulatorOptions = {}, settings: Partial<ProviderHttpSettings> = {}): Promise<void> {
  sim = createInstantlySimulator({
    workspaces: [
      { id: WORKSPACE, apiKeys: [API_KEY] },
      { apiKeys: [OTHER_KEY] },
    ],
    // Most tests read threads more than 20 times a minute; the emails limit has tests of its own.
    emailsRateLimit: null,
    ...options,
  });
  await sim.listen();
  http = testProviderHttp('email_outreach', sim.url, settings);
  adapter = new InstantlyEmailOutreachAdapter(http.client);
}

afterEach(async () => {
  await sim.close();
});

/** The error a failing call threw; fails the test when the call succeeded. */
async function failure(call: Promise<unknown>): Promise<ProviderCallError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

function apiCalls(method?: string, path?: string) {
  return sim.journal.filter((entry) => entry.path.startsWith('/api/v2/') && (!method || entry.method === method) && (!path || entry.path === path));
}

function leads(count: number, domain = 'prospects.io'): EmailLeadInput[] {
  return Array.from({ length: count }, (_, index) => ({ email: `lead${index}@${domain}`, firstName: `Lead${index}` }));
}

function engineStep(stepNumber: number, delayDays: number, overrides: Partial<EmailSequenceStep> = {}): EmailSequenceStep {
  return { externalId: null, stepNumber, delayDays, subject: stepNumber === 1 ? 'Quick question' : '', body: `Body ${stepNumber}`, variants: [], ...overrides };
}

describe('credentials and sending accounts', () => {
  beforeEach(() => start());

  it('proves a key with one cheap authenticated read', async () => {
    await adapter.checkCredentials(connection);

    expect(apiCalls().map((entry) => [entry.method, entry.path, entry.query.get('limit')])).toEqual([['GET', '/api/v2/accounts', '1']]);
  });

  it('answers a wrong key with a terminal auth_rejected after one attempt', async () => {
    const error = await failure(adapter.checkCredentials({ ...connection, apiKey: 'in-wrong-key' }));

    expect(error).toMatchObject({ kind: 'auth_rejected', httpStatus: 401, attempts: 1, capability: 'email_outreach' });
    expect(error.transient).toBe(false);
  });

  it('answers a workspace without a paid plan (402) as a terminal request_rejected', async () => {
    sim.state.defaultWorkspace.paidPlan = false;

    const error = await failure(adapter.checkCredentials(connection));

    expect(error).toMatchObject({ kind: 'request_rejected', httpStatus: 402 });
    expect(error.transient).toBe(false);
  });

  it('reads every page of accounts, mapping status and warm-up', async () => {
    for (let index = 0; index < 230; index += 1) {
      sim.state.addAccount(WORKSPACE, { email: `sender${String(index).padStart(3, '0')}@acme.io`, first_name: 'Sam', last_name: `No${index}` });
    }
    sim.state.addAccount(WORKSPACE, { email: 'paused@acme.io', status: 2, warmup_status: 0 });
    sim.state.addAccount(sim.state.workspaceIdForKey(OTHER_KEY)!, { email: 'not-ours@elsewhere.io' });

    const accounts = await adapter.listSendingAccounts(connection);

    expect(accounts).toHaveLength(231);
    expect(accounts.find((account) => account.email === 'sender007@acme.io')).toEqual({
      externalId: 'sender007@acme.io',
      email: 'sender007@acme.io',
      displayName: 'Sam No7',
      active: true,
      warmupEnabled: true,
    });
    expect(accounts.find((account) => account.email === 'paused@acme.io')).toMatchObject({ active: false, warmupEnabled: false });
    expect(accounts.some((account) => account.email === 'not-ours@elsewhere.io')).toBe(false);
    const pages = apiCalls('GET', '/api/v2/accounts');
    expect(pages.map((entry) => entry.query.get('starting_after'))).toEqual([null, 'sender098@acme.io', 'sender198@acme.io']);
  });

  it('stops at the empty page Instantly answers after a last page that was exactly full', async () => {
    for (let index = 0; index < 200; index += 1) sim.state.addAccount(WORKSPACE, { email: `s${String(index).padStart(3, '0')}@acme.io` });

    const accounts = await adapter.listSendingAccounts(connection);

    expect(accounts).toHaveLength(200);
    expect(apiCalls('GET', '/api/v2/accounts')).toHaveLength(3);
  });
});

describe('campaigns', () => {
  beforeEach(() => start());

  it('creates a draft with the default sending window in a timezone Instantly accepts', async () => {
    const campaign = await adapter.createCampaign(connection, { name: 'Acme | SaaS CFOs | Q1' });

    expect(campaign).toEqual({ externalId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), name: 'Acme | SaaS CFOs | Q1', status: 'DRAFTED' });
    const stored = sim.state.campaign(campaign.externalId);
    expect(stored.status).toBe(0);
    expect(stored.campaign_schedule).toMatchObject({ schedules: [{ timezone: 'America/Detroit', timing: { from: '09:00', to: '17:00' } }] });
  });

  it('uses the configured sending window', async () => {
    adapter = new InstantlyEmailOutreachAdapter(http.client, { sendingWindow: { timezone: 'Europe/London', from: '08:00', to: '16:30', days: [1, 2, 3, 4] } });

    const campaign = await adapter.createCampaign(connection, { name: 'UK' });

    expect(sim.state.campaign(campaign.externalId).campaign_schedule).toEqual({
      schedules: [
        {
          name: 'Default',
          timing: { from: '08:00', to: '16:30' },
          days: { '0': false, '1': true, '2': true, '3': true, '4': true, '5': false, '6': false },
          timezone: 'Europe/Isle_of_Man',
        },
      ],
    });
  });

  it.each([
    [0, 'DRAFTED'],
    [1, 'ACTIVE'],
    [2, 'PAUSED'],
    [3, 'COMPLETED'],
    [4, 'ACTIVE'],
    [-1, 'PAUSED'],
    [-2, 'PAUSED'],
    [-99, 'PAUSED'],
  ] as const)('reads Instantly status %d as %s', async (instantly, engine) => {
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Status', status: instantly });

    expect(await adapter.getCampaign(connection, id)).toEqual({ externalId: id, name: 'Status', status: engine });
  });

  it('answers a status Instantly does not document as a malformed response', async () => {
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Odd', status: 7 });

    expect(await failure(adapter.getCampaign(connection, id))).toMatchObject({ kind: 'malformed_response' });
  });

  it("answers an unknown campaign, or another workspace's, as not_found", async () => {
    const foreign = sim.state.addCampaign(sim.state.workspaceIdForKey(OTHER_KEY)!, { name: 'Theirs' });

    expect(await failure(adapter.getCampaign(connection, foreign.id))).toMatchObject({ kind: 'not_found', httpStatus: 404 });
    expect(await failure(adapter.getCampaign(connection, '019a0000-0000-7000-8000-000000000000'))).toMatchObject({ kind: 'not_found' });
  });

  it.each([
    ['ACTIVE', 0, 'activate', 1],
    ['PAUSED', 1, 'pause', 2],
    ['STOPPED', 1, 'pause', 2],
    ['ACTIVE', 2, 'activate', 1],
  ] as const)('sets %s on a campaign in status %d with /%s', async (target, from, action, to) => {
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Launch', status: from });

    expect(await adapter.setCampaignStatus(connection, id, target)).toEqual({ supported: true });

    expect(sim.state.campaign(id).status).toBe(to);
    expect(apiCalls('POST').map((entry) => entry.path)).toEqual([`/api/v2/campaigns/${id}/${action}`]);
  });

  it('answers a refused status change as a terminal request_rejected', async () => {
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Done', status: 3 });

    expect(await failure(adapter.setCampaignStatus(connection, id, 'ACTIVE'))).toMatchObject({ kind: 'request_rejected', httpStatus: 400 });
  });
});

describe('findCampaignsByName', () => {
  const NAME = 'Acme | SaaS CFOs | Q1 [oex:c-5d21]';

  beforeEach(() => start());

  it('reads every page of the workspace and answers only exact matches', async () => {
    const matches: string[] = [];
    for (let index = 0; index < 230; index += 1) {
      // Matches on the first, second and third page; near misses and fillers around them.
      if (index === 3 || index === 150) matches.push(sim.state.addCampaign(WORKSPACE, { name: NAME }).id);
      else if (index === 229) matches.push(sim.state.addCampaign(WORKSPACE, { name: NAME, status: 1 }).id);
      else if (index === 4) sim.state.addCampaign(WORKSPACE, { name: NAME.toUpperCase() });
      else if (index === 5) sim.state.addCampaign(WORKSPACE, { name: `${NAME} ` });
      else if (index === 6) sim.state.addCampaign(WORKSPACE, { name: 'Acme | SaaS CFOs | Q1' });
      else sim.state.addCampaign(WORKSPACE, { name: `Filler ${index}` });
    }
    sim.state.addCampaign(sim.state.workspaceIdForKey(OTHER_KEY)!, { name: NAME });

    const found = await adapter.findCampaignsByName(connection, NAME);

    expect(found).toEqual([
      { externalId: matches[0], name: NAME, status: 'DRAFTED' },
      { externalId: matches[1], name: NAME, status: 'DRAFTED' },
      { externalId: matches[2], name: NAME, status: 'ACTIVE' },
    ]);
    const ids = sim.state.campaignsOf(WORKSPACE).map((campaign) => campaign.id);
    const pages = apiCalls('GET', '/api/v2/campaigns');
    expect(pages.map((entry) => [entry.query.get('limit'), entry.query.get('starting_after')])).toEqual([
      ['100', null],
      ['100', ids[99]],
      ['100', ids[199]],
    ]);
    expect(pages.every((entry) => !entry.query.has('search'))).toBe(true);
  });

  it('answers [] for a name that matches nothing', async () => {
    sim.state.addCampaign(WORKSPACE, { name: 'Something else' });

    expect(await adapter.findCampaignsByName(connection, NAME)).toEqual([]);
    expect(apiCalls()).toHaveLength(1);
  });

  it('answers an undocumented status on a matching campaign as a malformed response', async () => {
    sim.state.addCampaign(WORKSPACE, { name: NAME, status: 7 });

    expect(await failure(adapter.findCampaignsByName(connection, NAME))).toMatchObject({ kind: 'malformed_response', operation: 'campaign.find_by_name' });
  });
});

describe('sequences', () => {
  beforeEach(() => start());

  it('saves a sequence and reads it back as saved, delays and variants included', async () => {
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Seq' });
    const steps: EmailSequenceStep[] = [
      engineStep(1, 0, {
        subject: 'Hello {{firstName}}',
        body: 'A body',
        variants: [
          { externalId: null, label: 'A', subject: 'Hello {{firstName}}', body: 'A body', distributionPercent: 100 },
          { externalId: null, label: 'B', subject: 'Hi {{firstName}}', body: 'B body', distributionPercent: 0 },
        ],
      }),
      engineStep(2, 3),
      engineStep(3, 0.5),
    ];

    const saved = await adapter.saveSequence(connection, id, steps);

    expect(saved).toEqual(steps);
    expect(await adapter.getSequence(connection, id)).toEqual(steps);
    expect(sim.state.campaign(id).sequences[0]?.steps.map(({ delay, delay_unit }) => [delay, delay_unit])).toEqual([
      [3, 'days'],
      [12, 'hours'],
      [0, 'days'],
    ]);
    expect(sim.state.campaign(id).sequences[0]?.steps[0]?.variants[1]).toEqual({ subject: 'Hi {{firstName}}', body: 'B body', v_disabled: true });
  });

  it('saves while the campaign is active: Instantly does not refuse it', async () => {
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Live', status: 1 });

    await adapter.saveSequence(connection, id, [engineStep(1, 0)]);

    expect(sim.state.campaign(id).sequences[0]?.steps).toHaveLength(1);
  });

  it('keeps the campaign senders: the PATCH carries no email_list', async () => {
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Senders', email_list: ['sam@acme.io', 'kim@acme.io'] });

    await adapter.saveSequence(connection, id, [engineStep(1, 0)]);

    expect(sim.state.campaign(id).email_list).toEqual(['sam@acme.io', 'kim@acme.io']);
  });

  it('reads the sequence back when the PATCH answer leaves it out', async () => {
    const { id } = sim.state.addCampaign(WORKSPACE, {
      name: 'Terse',
      sequences: [{ steps: [{ type: 'email', delay: 0, delay_unit: 'days', variants: [{ subject: 'Quick question', body: 'Body 1' }] }] }],
    });
    sim.injectFault({ kind: 'malformed', text: JSON.stringify({ id, name: 'Terse', status: 0 }), match: { method: 'PATCH' } });

    const saved = await adapter.saveSequence(connection, id, [engineStep(1, 0)]);

    expect(saved).toEqual([engineStep(1, 0)]);
    expect(apiCalls().map((entry) => entry.method)).toEqual(['PATCH', 'GET']);
  });

  it('reads a campaign without a sequence as no steps', async () => {
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Empty' });

    expect(await adapter.getSequence(connection, id)).toEqual([]);
  });
});

describe('leads', () => {
  let campaignId: string;
  beforeEach(async () => {
    await start();
    campaignId = sim.state.addCampaign(WORKSPACE, { name: 'Leads' }).id;
  });

  it('adds 2,500 leads in batches of 1,000, 1,000 and 500 and sums the outcome', async () => {
    const outcome = await adapter.addLeads(connection, campaignId, leads(2_500));

    const batches = apiCalls('POST', '/api/v2/leads/add').map((entry) => (entry.body as { leads: unknown[] }).leads.length);
    expect(batches).toEqual([1_000, 1_000, 500]);
    expect(outcome).toMatchObject({ submitted: 2_500, added: 2_500, alreadyPresent: 0, rejected: 0 });
    expect(outcome.created).toHaveLength(2_500);
    expect(outcome.created[1_234]).toEqual({ email: 'lead1234@prospects.io', externalId: sim.state.lead(campaignId, 'lead1234@prospects.io').id });
    expect(sim.state.leadsOf(campaignId)).toHaveLength(2_500);
  });

  it('reports present, blocked, invalid and repeated leads as Instantly counts them', async () => {
    sim.state.addLead(campaignId, { email: 'known@prospects.io' });
    sim.state.block(WORKSPACE, 'blocked.io');

    const outcome = await adapter.addLeads(connection, campaignId, [
      { email: 'new@prospects.io' },
      { email: 'known@prospects.io' },
      { email: 'ceo@blocked.io' },
      { email: 'not-an-address' },
      { email: 'new@prospects.io' },
    ]);

    expect(outcome).toEqual({
      submitted: 5,
      added: 1,
      alreadyPresent: 2,
      rejected: 2,
      created: [{ email: 'new@prospects.io', externalId: sim.state.lead(campaignId, 'new@prospects.io').id }],
    });
  });

  it('stores the LinkedIn URL and custom fields as custom variables', async () => {
    await adapter.addLeads(connection, campaignId, [
      { email: 'dana@northwind.io', firstName: 'Dana', title: 'VP Finance', linkedinUrl: 'https://www.linkedin.com/in/dana', customFields: { icebreaker: 'ERP post' } },
    ]);

    const lead = sim.state.lead(campaignId, 'dana@northwind.io');
    expect(lead).toMatchObject({ first_name: 'Dana', job_title: 'VP Finance', payload: { linkedinUrl: 'https://www.linkedin.com/in/dana', icebreaker: 'ERP post' } });
  });

  it('adds nothing and calls nothing for no leads', async () => {
    expect(await adapter.addLeads(connection, campaignId, [])).toEqual({ submitted: 0, added: 0, alreadyPresent: 0, rejected: 0, created: [] });
    expect(apiCalls()).toEqual([]);
  });

  it('lists leads page by page with their status', async () => {
    for (let index = 0; index < 150; index += 1) sim.state.addLead(campaignId, { email: `p${index}@x.io`, first_name: `P${index}`, company_name: 'X' });
    sim.state.recordBounce(campaignId, 'p3@x.io');
    sim.state.recordUnsubscribe(campaignId, 'p120@x.io');

    const first = await adapter.listLeads(connection, campaignId, { cursor: null, limit: 100 });
    const second = await adapter.listLeads(connection, campaignId, { cursor: first.nextCursor, limit: 100 });

    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toBe(sim.state.lead(campaignId, 'p99@x.io').id);
    expect(second.items).toHaveLength(50);
    expect(second.nextCursor).toBeNull();
    expect(first.items[3]).toEqual({ externalId: sim.state.lead(campaignId, 'p3@x.io').id, email: 'p3@x.io', firstName: 'P3', lastName: null, companyName: 'X', status: 'bounced' });
    expect(second.items.find((lead) => lead.email === 'p120@x.io')?.status).toBe('unsubscribed');
    expect(new Set([...first.items, ...second.items].map((lead) => lead.email)).size).toBe(150);
  });

  it('asks for at most 100 leads a page, whatever the caller asks for', async () => {
    await adapter.listLeads(connection, campaignId, { cursor: null, limit: 500 });

    expect(apiCalls('POST', '/api/v2/leads/list').map((entry) => (entry.body as { limit: number }).limit)).toEqual([100]);
  });

  it('ends the list at the empty page after a full last page', async () => {
    for (let index = 0; index < 100; index += 1) sim.state.addLead(campaignId, { email: `q${index}@x.io` });

    const first = await adapter.listLeads(connection, campaignId, { cursor: null, limit: 100 });
    const after = await adapter.listLeads(connection, campaignId, { cursor: first.nextCursor, limit: 100 });

    expect(first.nextCursor).not.toBeNull();
    expect(after).toEqual({ items: [], nextCursor: null });
  });

  it.each(['pauseLead', 'resumeLead'] as const)('answers %s as unsupported without calling Instantly', async (operation) => {
    const lead = sim.state.addLead(campaignId, { email: 'stay@x.io' });

    const outcome = await adapter[operation](connection, campaignId, { externalId: lead.id, email: lead.email });

    expect(outcome).toEqual({ supported: false, operation: operation === 'pauseLead' ? 'pause_lead' : 'resume_lead' });
    expect(sim.journal).toEqual([]);
    expect(sim.state.lead(campaignId, 'stay@x.io').status).toBe(1);
  });

  it('unsubscribes through the workspace block list, which reaches every campaign of the workspace', async () => {
    const other = sim.state.addCampaign(WORKSPACE, { name: 'Other' });
    sim.state.addLead(campaignId, { email: 'leave@x.io' });
    sim.state.addLead(other.id, { email: 'leave@x.io' });

    expect(await adapter.unsubscribeLead(connection, campaignId, { externalId: null, email: 'leave@x.io' })).toEqual({ supported: true });

    expect(sim.state.blockList.map((entry) => entry.bl_value)).toEqual(['leave@x.io']);
    const [listed] = (await adapter.listLeads(connection, campaignId, { cursor: null, limit: 10 })).items;
    expect(listed?.status).toBe('unsubscribed');
    expect(sim.state.lead(other.id, 'leave@x.io').status).toBe(-2);
  });
});

describe('messages and statistics', () => {
  let campaignId: string;
  beforeEach(async () => {
    await start();
    sim.state.addAccount(WORKSPACE, { email: 'sam@acme.io' });
    campaignId = sim.state.addCampaign(WORKSPACE, { name: 'Threads', status: 1, email_list: ['sam@acme.io'] }).id;
    sim.state.addLead(campaignId, { email: 'dana@northwind.io' });
    sim.state.addLead(campaignId, { email: 'lee@northwind.io' });
  });

  it('reads the whole thread over several pages, oldest first, without scheduled emails', async () => {
    const base = Date.UTC(2025, 10, 18, 9);
    // Recorded newest first, so the order of the result comes from the dates, not from storage.
    for (let index = 129; index >= 0; index -= 1) {
      sim.state.recordEmail(campaignId, 'dana@northwind.io', { ueType: index % 2 === 0 ? 1 : 2, step: 1, at: new Date(base + index * 60_000), subject: `m${index}` });
    }
    sim.state.recordEmail(campaignId, 'dana@northwind.io', { ueType: 4, at: new Date(base + 999 * 60_000), subject: 'later' });
    sim.state.recordSentEmail(campaignId, 'lee@northwind.io', { subject: 'not this lead' });

    const messages = await adapter.listLeadMessages(connection, campaignId, { externalId: null, email: 'dana@northwind.io' });

    expect(messages.map((message) => message.subject)).toEqual(Array.from({ length: 130 }, (_, index) => `m${index}`));
    expect(messages[0]).toMatchObject({ direction: 'outbound', fromAddress: 'sam@acme.io', toAddress: 'dana@northwind.io', stepNumber: 1 });
    expect(messages[1]).toMatchObject({ direction: 'inbound', fromAddress: 'dana@northwind.io', stepNumber: null });
    expect(new Set(messages.map((message) => message.externalId)).size).toBe(130);
    expect(apiCalls('GET', '/api/v2/emails').map((entry) => entry.query.get('starting_after') === null)).toEqual([true, false]);
  });

  it('paces thread reads under their own key, apart from the workspace', async () => {
    sim.state.recordSentEmail(campaignId, 'dana@northwind.io');

    await adapter.getCampaign(connection, campaignId);
    await adapter.listLeadMessages(connection, campaignId, { externalId: null, email: 'dana@northwind.io' });

    expect(http.pacer.reservations.map((entry) => entry.pacingKey)).toEqual([`instantly:workspace:${WORKSPACE}`, `instantly:workspace:${WORKSPACE}:emails`]);
  });

  it('sends thread reads through the emails client when one is given', async () => {
    const emails = testProviderHttp('email_outreach', sim.url, { pacing: INSTANTLY_EMAILS_PACING });
    const main = testProviderHttp('email_outreach', sim.url, { pacing: INSTANTLY_WORKSPACE_PACING });
    adapter = new InstantlyEmailOutreachAdapter(main.client, { emailsHttp: emails.client });

    await adapter.listLeadMessages(connection, campaignId, { externalId: null, email: 'dana@northwind.io' });
    await adapter.getCampaign(connection, campaignId);

    expect(emails.pacer.reservations).toEqual([{ pacingKey: `instantly:workspace:${WORKSPACE}:emails`, rule: INSTANTLY_EMAILS_PACING }]);
    expect(main.pacer.reservations).toEqual([{ pacingKey: `instantly:workspace:${WORKSPACE}`, rule: INSTANTLY_WORKSPACE_PACING }]);
  });

  it('meets the 20-per-minute limit of the emails endpoint as rate_limited, while other calls still pass', async () => {
    sim.setEmailsRateLimit({ limit: 1, windowMs: 60_000 });
    await adapter.listLeadMessages(connection, campaignId, { externalId: null, email: 'dana@northwind.io' });

    const error = await failure(adapter.listLeadMessages(connection, campaignId, { externalId: null, email: 'dana@northwind.io' }));

    expect(error).toMatchObject({ kind: 'rate_limited', httpStatus: 429, attempts: 4 });
    expect(error.transient).toBe(true);
    expect(Math.min(...http.timing.sleeps)).toBeGreaterThanOrEqual(50_000);
    expect((await adapter.getCampaign(connection, campaignId)).status).toBe('ACTIVE');
  });

  it('reads the campaign statistics as unique counts', async () => {
    for (const email of ['dana@northwind.io', 'lee@northwind.io']) sim.state.recordSentEmail(campaignId, email);
    sim.state.recordSentEmail(campaignId, 'dana@northwind.io', { step: 2 });
    for (let open = 0; open < 4; open += 1) sim.state.recordOpen(campaignId, 'dana@northwind.io');
    sim.state.recordClick(campaignId, 'dana@northwind.io');
    sim.state.recordClick(campaignId, 'dana@northwind.io');
    sim.state.recordReply(campaignId, 'dana@northwind.io');
    sim.state.recordReply(campaignId, 'dana@northwind.io');
    sim.state.recordBounce(campaignId, 'lee@northwind.io');

    expect(await adapter.getCampaignStatistics(connection, campaignId)).toEqual({ sent: 3, opened: 1, clicked: 1, replied: 1, bounced: 1, unsubscribed: 0 });
  });

  it('answers statistics of a campaign Instantly does not know as not_found', async () => {
    expect(await failure(adapter.getCampaignStatistics(connection, '019a0000-0000-7000-8000-000000000000'))).toMatchObject({ kind: 'not_found' });
  });
});

describe('transport failures', () => {
  let campaignId: string;
  beforeEach(async () => {
    await start();
    campaignId = sim.state.addCampaign(WORKSPACE, { name: 'Failures' }).id;
  });

  it('waits out a 429 for at least its Retry-After, then succeeds', async () => {
    sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7, body: { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' } });

    expect((await adapter.getCampaign(connection, campaignId)).name).toBe('Failures');

    expect(http.timing.sleeps).toHaveLength(1);
    expect(http.timing.sleeps[0]).toBeGreaterThanOrEqual(7_000);
    expect(apiCalls('GET')).toHaveLength(2);
  });

  it('backs off after a 429 without Retry-After (Instantly documents none) and succeeds', async () => {
    sim.injectFault({ kind: 'status', status: 429 });

    await adapter.getCampaign(connection, campaignId);

    expect(http.timing.sleeps).toHaveLength(1);
    expect(apiCalls('GET')).toHaveLength(2);
  });

  it('retries a read through 5xx and succeeds', async () => {
    sim.injectFault({ kind: 'status', status: 503, times: 2 });

    expect((await adapter.getCampaign(connection, campaignId)).status).toBe('DRAFTED');
    expect(apiCalls('GET')).toHaveLength(3);
  });

  it('gives up after the last attempt with a transient server_error', async () => {
    sim.injectFault({ kind: 'status', status: 500, times: 10 });

    const error = await failure(adapter.getCampaign(connection, campaignId));

    expect(error).toMatchObject({ kind: 'server_error', httpStatus: 500, attempts: 4 });
    expect(error.transient).toBe(true);
  });

  it('does not retry a campaign create after a 500: it may have been created', async () => {
    sim.injectFault({ kind: 'status', status: 500, match: { method: 'POST', pathIncludes: '/campaigns' } });

    const error = await failure(adapter.createCampaign(connection, { name: 'Once' }));

    expect(error).toMatchObject({ kind: 'server_error', attempts: 1 });
    expect(apiCalls('POST', '/api/v2/campaigns')).toHaveLength(1);
  });

  it('does not retry an unsubscribe after a 500', async () => {
    sim.injectFault({ kind: 'status', status: 502, match: { pathIncludes: '/block-lists-entries' } });

    expect(await failure(adapter.unsubscribeLead(connection, campaignId, { externalId: null, email: 'a@x.io' }))).toMatchObject({ attempts: 1 });
  });

  it('retries adding leads after a 500, which skip_if_in_campaign makes safe', async () => {
    sim.injectFault({ kind: 'status', status: 500, match: { pathIncludes: '/leads/add' } });

    const outcome = await adapter.addLeads(connection, campaignId, leads(3));

    expect(outcome.added).toBe(3);
    expect(apiCalls('POST', '/api/v2/leads/add')).toHaveLength(2);
    expect(sim.state.leadsOf(campaignId)).toHaveLength(3);
  });

  it('retries a status change after a 500: activating twice is activating once', async () => {
    sim.injectFault({ kind: 'status', status: 500, match: { pathIncludes: '/activate' } });

    await adapter.setCampaignStatus(connection, campaignId, 'ACTIVE');

    expect(sim.state.campaign(campaignId).status).toBe(1);
  });

  it.each([
    ['unparsable JSON', '{not json'],
    ['a body of the wrong shape', '{}'],
  ])('answers %s as a terminal malformed_response', async (_label, text) => {
    sim.injectFault({ kind: 'malformed', text });

    const error = await failure(adapter.getCampaign(connection, campaignId));

    expect(error.kind).toBe('malformed_response');
    expect(error.transient).toBe(false);
  });

  it.each([
    ['accounts', () => adapter.listSendingAccounts(connection)],
    ['leads', () => adapter.listLeads(connection, campaignId, { cursor: null, limit: 10 })],
    ['messages', () => adapter.listLeadMessages(connection, campaignId, { externalId: null, email: 'a@x.io' })],
    ['statistics', () => adapter.getCampaignStatistics(connection, campaignId)],
    ['add leads', () => adapter.addLeads(connection, campaignId, leads(1))],
  ])('answers a %s page of the wrong shape as malformed_response', async (_label, call) => {
    sim.injectFault({ kind: 'malformed', text: '{"data": "nothing here"}' });

    expect(await failure(call())).toMatchObject({ kind: 'malformed_response' });
  });

  it('answers a page cursor that repeats as malformed instead of looping', async () => {
    const page = JSON.stringify({ items: [{ email: 'same@acme.io', status: 1 }], next_starting_after: 'same@acme.io' });
    sim.injectFault({ kind: 'malformed', text: page, times: 2 });

    expect(await failure(adapter.listSendingAccounts(connection))).toMatchObject({ kind: 'malformed_response' });
  });

  it('times out a slow answer as a transient timeout', async () => {
    await sim.close();
    await start({}, { timeoutMs: 100, maxAttempts: 2 });
    const { id } = sim.state.addCampaign(WORKSPACE, { name: 'Slow' });
    sim.injectFault({ kind: 'delay', delayMs: 400, times: 2 });

    const error = await failure(adapter.getCampaign(connection, id));

    expect(error).toMatchObject({ kind: 'timeout', attempts: 2, httpStatus: null });
    expect(error.transient).toBe(true);
  });

  it('never puts the API key into an error', async () => {
    const errors: ProviderCallError[] = [];
    errors.push(await failure(adapter.checkCredentials({ ...connection, apiKey: `${API_KEY}-revoked` })));
    sim.injectFault({ kind: 'status', status: 500, times: 10 });
    errors.push(await failure(adapter.getCampaign(connection, campaignId)));
    sim.faults.clear();
    sim.injectFault({ kind: 'malformed', text: '{not json' });
    errors.push(await failure(adapter.listSendingAccounts(connection)));
    errors.push(await failure(adapter.getCampaign(connection, 'not-a-uuid')));

    expect(errors.map((error) => error.kind)).toEqual(['auth_rejected', 'server_error', 'malformed_response', 'request_rejected']);
    for (const error of errors) {
      expect(error.message).not.toContain(API_KEY);
      expect(error.stack ?? '').not.toContain(API_KEY);
      expect(JSON.stringify(error)).not.toContain(API_KEY);
      expect(error.message).not.toMatch(/instantly/i);
    }
  });
});
