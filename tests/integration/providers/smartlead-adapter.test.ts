import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmartleadEmailOutreachAdapter } from '../../../adapters/providers/smartlead/smartlead-email-outreach.adapter.js';
import type { ProviderHttpSettings } from '../../../adapters/providers/http/provider-http-client.js';
import type { EmailLeadInput, EmailSequenceStep } from '../../../application/outreach/email-outreach-provider.port.js';
import { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import { createSmartleadSimulator, type SmartleadSimulator } from '../../../infrastructure/simulators/smartlead/smartlead-simulator.js';
import { testProviderHttp, type RecordingTiming } from '../../support/provider-http.js';

// Contract tests: every port operation of the Smartlead adapter over real HTTP against the
// simulator, plus the failure behaviour the engine relies on (retries, classification, secrecy).

const API_KEY = 'sl-live-key-7f3a9c2e51d04b86-do-not-leak';
const PAGING_KEY = 'sl-paging-key-2b8e';
const CLIENT = 31204;
const OTHER_CLIENT = 31205;

const connection: ProviderConnection = { apiKey: API_KEY, workspaceId: null, clientId: null };
const clientConnection: ProviderConnection = { apiKey: API_KEY, workspaceId: null, clientId: String(CLIENT) };

let sim: SmartleadSimulator;

beforeAll(async () => {
  sim = createSmartleadSimulator({
    apiKeys: [API_KEY, PAGING_KEY],
    rateLimit: null,
    clients: [
      { id: CLIENT, name: 'Acme' },
      { id: OTHER_CLIENT, name: 'Globex' },
    ],
    emailAccounts: [
      { fromEmail: 'sam@acme-outbound.example', fromName: 'Sam Ortiz', clientId: CLIENT, warmupStatus: 'ACTIVE' },
      { fromEmail: 'ops@acme-outbound.example', fromName: null, clientId: CLIENT, imapOk: false, warmupStatus: 'INACTIVE' },
      { fromEmail: 'kim@globex-mail.example', fromName: 'Kim', clientId: OTHER_CLIENT },
      { fromEmail: 'agency@agency.example', fromName: 'Agency', clientId: null, warmupStatus: null },
    ],
    blockList: ['@blocked.example'],
  });
  await sim.listen();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.setRateLimit(null);
  sim.faults.clear();
  sim.clearJournal();
});

function smartlead(overrides: Partial<ProviderHttpSettings> = {}): { adapter: SmartleadEmailOutreachAdapter; timing: RecordingTiming } {
  const { client, timing } = testProviderHttp('email_outreach', sim.apiUrl, overrides);
  return { adapter: new SmartleadEmailOutreachAdapter(client), timing };
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderCallError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderCallError);
    return error as ProviderCallError;
  }
  throw new Error('expected the call to fail');
}

function served(method: string, pathEnd: string) {
  return sim.journal.filter((entry) => entry.method === method && entry.path.endsWith(pathEnd));
}

const STEPS: readonly EmailSequenceStep[] = [
  { externalId: null, stepNumber: 1, delayDays: 0, subject: "Northwind's month-end close", body: '<p>Hi {{first_name}},</p>', variants: [] },
  {
    externalId: null,
    stepNumber: 2,
    delayDays: 3,
    subject: '',
    body: '<p>Following up</p>',
    variants: [
      { externalId: null, label: 'A', subject: '', body: '<p>Short follow-up</p>', distributionPercent: 70 },
      { externalId: null, label: 'B', subject: 'Another angle', body: '<p>Long follow-up</p>', distributionPercent: 30 },
    ],
  },
  { externalId: null, stepNumber: 3, delayDays: 5, subject: '', body: '<p>Closing the loop</p>', variants: [] },
];

let addressCounter = 0;
function leads(count: number, domain = 'leads.example'): EmailLeadInput[] {
  return Array.from({ length: count }, () => {
    addressCounter += 1;
    return { email: `lead${addressCounter}@${domain}`, firstName: `First${addressCounter}`, lastName: 'Doe', companyName: 'Northwind' };
  });
}

/** A campaign with the three-step sequence and `count` fresh leads, still a draft. */
async function preparedCampaign(count: number): Promise<{ campaignId: string; emails: string[] }> {
  const { adapter } = smartlead();
  const campaign = await adapter.createCampaign(connection, { name: 'Prepared' });
  await adapter.saveSequence(connection, campaign.externalId, STEPS);
  const batch = leads(count);
  await adapter.addLeads(connection, campaign.externalId, batch);
  return { campaignId: campaign.externalId, emails: batch.map((lead) => lead.email) };
}

describe('checkCredentials', () => {
  it('passes with a valid key after one cheap read', async () => {
    await smartlead().adapter.checkCredentials(connection);
    expect(sim.journal.map((entry) => [entry.method, entry.path, entry.query.get('limit')])).toEqual([['GET', '/api/v1/email-accounts/', '1']]);
  });

  it('fails terminally as auth_rejected on 401 {"message":"Invalid API Key"}, without retrying', async () => {
    const error = await failureOf(smartlead().adapter.checkCredentials({ ...connection, apiKey: 'sl-wrong-key-00000000' }));
    expect(error).toMatchObject({ kind: 'auth_rejected', httpStatus: 401, attempts: 1, operation: 'credentials.check', capability: 'email_outreach' });
    expect(error.transient).toBe(false);
    expect(sim.journal.map((entry) => entry.outcome)).toEqual(['unauthorized']);
  });
});

describe('listSendingAccounts', () => {
  it('maps every inbox: SMTP and IMAP both healthy → active, warm-up status → warmupEnabled', async () => {
    const accounts = await smartlead().adapter.listSendingAccounts(connection);
    const byEmail = Object.fromEntries(accounts.map((account) => [account.email, account]));
    expect(Object.keys(byEmail).sort()).toEqual(['agency@agency.example', 'kim@globex-mail.example', 'ops@acme-outbound.example', 'sam@acme-outbound.example']);
    expect(byEmail['sam@acme-outbound.example']).toEqual({ externalId: expect.stringMatching(/^\d+$/), email: 'sam@acme-outbound.example', displayName: 'Sam Ortiz', active: true, warmupEnabled: true });
    expect(byEmail['ops@acme-outbound.example']).toMatchObject({ displayName: null, active: false, warmupEnabled: false });
    expect(byEmail['agency@agency.example']).toMatchObject({ warmupEnabled: null });
  });

  it("keeps to the connection's client through the client_id filter", async () => {
    const accounts = await smartlead().adapter.listSendingAccounts(clientConnection);
    expect(accounts.map((account) => account.email).sort()).toEqual(['ops@acme-outbound.example', 'sam@acme-outbound.example']);
    expect(sim.journal.map((entry) => entry.query.get('client_id'))).toEqual([String(CLIENT)]);
  });

  it('reads every page of 100 until a short page', async () => {
    for (let index = 0; index < 250; index += 1) sim.state.addEmailAccount({ apiKey: PAGING_KEY, fromEmail: `inbox${index}@paging.example` });
    const accounts = await smartlead().adapter.listSendingAccounts({ ...connection, apiKey: PAGING_KEY });
    expect(accounts).toHaveLength(250);
    expect(new Set(accounts.map((account) => account.externalId)).size).toBe(250);
    expect(sim.journal.map((entry) => [entry.query.get('offset'), entry.query.get('limit')])).toEqual([
      ['0', '100'],
      ['100', '100'],
      ['200', '100'],
    ]);
  });

  it('refuses a connection whose client id is not a Smartlead integer id, before any call', async () => {
    const error = await failureOf(smartlead().adapter.listSendingAccounts({ ...connection, clientId: 'acme' }));
    expect(error).toMatchObject({ kind: 'request_rejected', httpStatus: null });
    expect(sim.journal).toHaveLength(0);
  });
});

describe('campaigns', () => {
  it('creates a DRAFTED campaign and reads it back', async () => {
    const { adapter } = smartlead();
    const created = await adapter.createCampaign(connection, { name: 'Acme | SaaS CFOs | Q1' });
    expect(created).toEqual({ externalId: expect.stringMatching(/^\d+$/), name: 'Acme | SaaS CFOs | Q1', status: 'DRAFTED' });
    expect(await adapter.getCampaign(connection, created.externalId)).toEqual(created);
  });

  it("creates the campaign under the connection's client", async () => {
    const created = await smartlead().adapter.createCampaign(clientConnection, { name: 'Client campaign' });
    expect(sim.state.campaign(Number(created.externalId)).clientId).toBe(CLIENT);
  });

  it('moves a campaign through ACTIVE, PAUSED and STOPPED; a stopped campaign stays stopped', async () => {
    const { adapter } = smartlead();
    const { campaignId } = await preparedCampaign(1);
    const statusAfter = async (target: 'ACTIVE' | 'PAUSED' | 'STOPPED') => {
      expect(await adapter.setCampaignStatus(connection, campaignId, target)).toEqual({ supported: true });
      return (await adapter.getCampaign(connection, campaignId)).status;
    };
    expect(await statusAfter('ACTIVE')).toBe('ACTIVE');
    expect(await statusAfter('PAUSED')).toBe('PAUSED');
    expect(await statusAfter('ACTIVE')).toBe('ACTIVE');
    expect(await statusAfter('STOPPED')).toBe('STOPPED');
    const refused = await failureOf(adapter.setCampaignStatus(connection, campaignId, 'ACTIVE'));
    expect(refused).toMatchObject({ kind: 'request_rejected', httpStatus: 400, operation: 'campaign.set_status' });
    expect(refused.transient).toBe(false);
  });

  it('answers not_found for a campaign the key does not own', async () => {
    const foreign = sim.state.createCampaign(PAGING_KEY, 'Not yours', null);
    const error = await failureOf(smartlead().adapter.getCampaign(connection, String(foreign.id)));
    expect(error).toMatchObject({ kind: 'not_found', httpStatus: 404 });
  });

  it('reports a campaign status the engine does not know as a malformed response', async () => {
    sim.injectFault({ kind: 'malformed', text: JSON.stringify({ id: 1, name: 'x', status: 'WARMING_UP' }), match: { method: 'GET' } });
    const error = await failureOf(smartlead().adapter.getCampaign(connection, '1'));
    expect(error.kind).toBe('malformed_response');
  });
});

describe('findCampaignsByName', () => {
  const NAME = 'Acme | SaaS CFOs | Q1 [oex:c-5d21]';

  it("answers only exact matches, within the connection's client, from one GET /campaigns/", async () => {
    const mine = sim.state.createCampaign(API_KEY, NAME, CLIENT);
    const mineAgain = sim.state.createCampaign(API_KEY, NAME, CLIENT);
    mineAgain.status = 'PAUSED';
    sim.state.createCampaign(API_KEY, NAME.toLowerCase(), CLIENT);
    sim.state.createCampaign(API_KEY, ` ${NAME} `, CLIENT);
    sim.state.createCampaign(API_KEY, 'Acme | SaaS CFOs | Q1', CLIENT);
    const theirs = sim.state.createCampaign(API_KEY, NAME, OTHER_CLIENT);
    const agency = sim.state.createCampaign(API_KEY, NAME, null);
    sim.state.createCampaign(PAGING_KEY, NAME, null);
    const { adapter } = smartlead();

    const found = await adapter.findCampaignsByName(clientConnection, NAME);

    expect(found).toEqual([
      { externalId: String(mine.id), name: NAME, status: 'DRAFTED' },
      { externalId: String(mineAgain.id), name: NAME, status: 'PAUSED' },
    ]);
    expect(sim.journal.map((entry) => [entry.method, entry.path, entry.query.get('client_id')])).toEqual([['GET', '/api/v1/campaigns/', String(CLIENT)]]);
    // Without a client the key's whole account is the scope; another key's campaigns never are.
    const everywhere = await adapter.findCampaignsByName(connection, NAME);
    expect(everywhere.map((campaign) => campaign.externalId)).toEqual([mine.id, mineAgain.id, theirs.id, agency.id].map(String));
  });

  it("keeps another client's campaign out even when the response ignores the client_id filter", async () => {
    const ignoredFilter = [
      { id: 11, name: NAME, status: 'ACTIVE', client_id: CLIENT },
      { id: 12, name: NAME, status: 'ACTIVE', client_id: OTHER_CLIENT },
      { id: 13, name: NAME, status: 'DRAFTED', client_id: null },
    ];
    sim.injectFault({ kind: 'malformed', text: JSON.stringify(ignoredFilter), match: { method: 'GET', pathIncludes: '/campaigns' } });

    expect(await smartlead().adapter.findCampaignsByName(clientConnection, NAME)).toEqual([{ externalId: '11', name: NAME, status: 'ACTIVE' }]);
  });

  it('answers [] for a name that matches nothing', async () => {
    expect(await smartlead().adapter.findCampaignsByName(clientConnection, `${NAME} (nothing)`)).toEqual([]);
    expect(sim.journal).toHaveLength(1);
  });

  it('reports an unknown status on a matching campaign as malformed, and a non-list body too', async () => {
    sim.injectFault({ kind: 'malformed', text: JSON.stringify([{ id: 1, name: NAME, status: 'WARMING_UP' }]) });
    expect(await failureOf(smartlead().adapter.findCampaignsByName(connection, NAME))).toMatchObject({ kind: 'malformed_response', operation: 'campaign.find_by_name' });
    sim.injectFault({ kind: 'malformed', text: JSON.stringify({ id: 1, name: NAME, status: 'DRAFTED' }) });
    expect(await failureOf(smartlead().adapter.findCampaignsByName(connection, NAME))).toMatchObject({ kind: 'malformed_response' });
  });

  it('refuses a connection whose client id is not a Smartlead integer id, before any call', async () => {
    expect(await failureOf(smartlead().adapter.findCampaignsByName({ ...connection, clientId: 'acme' }, NAME))).toMatchObject({ kind: 'request_rejected', httpStatus: null });
    expect(sim.journal).toHaveLength(0);
  });
});

describe('sequences', () => {
  it('saves a sequence with A/B variants and answers it with the ids Smartlead assigned', async () => {
    const { adapter } = smartlead();
    const campaign = await adapter.createCampaign(connection, { name: 'Sequence' });
    const saved = await adapter.saveSequence(connection, campaign.externalId, STEPS);
    expect(saved.map((step) => [step.stepNumber, step.delayDays, step.subject, step.variants.map((variant) => [variant.label, variant.distributionPercent])])).toEqual([
      [1, 0, "Northwind's month-end close", []],
      [2, 3, '', [['A', 70], ['B', 30]]],
      [3, 5, '', []],
    ]);
    for (const step of saved) expect(step.externalId).toMatch(/^\d+$/);
    for (const variant of saved[1]!.variants) expect(variant.externalId).toMatch(/^\d+$/);
    expect(await adapter.getSequence(connection, campaign.externalId)).toEqual(saved);
  });

  it('keeps step and variant ids across a re-save, and drops the variants and steps left out', async () => {
    const { adapter } = smartlead();
    const campaign = await adapter.createCampaign(connection, { name: 'Re-save' });
    const first = await adapter.saveSequence(connection, campaign.externalId, STEPS);
    const [one, two] = first as [EmailSequenceStep, EmailSequenceStep];
    const edited: EmailSequenceStep[] = [
      { ...one, subject: 'A sharper subject' },
      { ...two, variants: [{ ...two.variants[0]!, distributionPercent: null }] },
      { externalId: null, stepNumber: 3, delayDays: 7, subject: '', body: '<p>Breakup</p>', variants: [] },
    ];
    const second = await adapter.saveSequence(connection, campaign.externalId, edited);
    expect(second[0]).toMatchObject({ externalId: one.externalId, subject: 'A sharper subject' });
    expect(second[1]!.externalId).toBe(two.externalId);
    expect(second[1]!.variants.map((variant) => variant.externalId)).toEqual([two.variants[0]!.externalId]);
    expect(second[2]!.externalId).not.toBe(first[2]!.externalId);
    expect(second[2]).toMatchObject({ delayDays: 7, body: '<p>Breakup</p>' });
  });

  it('is refused while the campaign is ACTIVE, leaving the stored sequence as it was', async () => {
    const { adapter } = smartlead();
    const { campaignId } = await preparedCampaign(1);
    await adapter.setCampaignStatus(connection, campaignId, 'ACTIVE');
    const before = await adapter.getSequence(connection, campaignId);
    const error = await failureOf(adapter.saveSequence(connection, campaignId, [{ ...before[0]!, subject: 'Changed' }]));
    expect(error).toMatchObject({ kind: 'request_rejected', httpStatus: 400, operation: 'sequence.save' });
    expect(await adapter.getSequence(connection, campaignId)).toEqual(before);
  });

  it('refuses variants that mix set and unset shares without calling Smartlead', async () => {
    const mixed: EmailSequenceStep[] = [{ ...STEPS[1]!, stepNumber: 1, variants: [{ ...STEPS[1]!.variants[0]!, distributionPercent: 50 }, { ...STEPS[1]!.variants[1]!, distributionPercent: null }] }];
    const error = await failureOf(smartlead().adapter.saveSequence(connection, '1', mixed));
    expect(error).toMatchObject({ kind: 'request_rejected', attempts: 0 });
    expect(sim.journal).toHaveLength(0);
  });
});

describe('addLeads', () => {
  it('sends 250 leads as batches of 100, 100 and 50 and sums the counts', async () => {
    const { adapter } = smartlead();
    const campaign = await adapter.createCampaign(connection, { name: 'Batches' });
    sim.clearJournal();
    const outcome = await adapter.addLeads(connection, campaign.externalId, leads(250));
    expect(served('POST', '/leads').map((entry) => (entry.body as { lead_list: unknown[] }).lead_list.length)).toEqual([100, 100, 50]);
    expect(outcome).toEqual({ submitted: 250, added: 250, alreadyPresent: 0, rejected: 0, created: [] });
    expect(sim.state.campaign(Number(campaign.externalId)).leads).toHaveLength(250);
  });

  it('counts leads already in the campaign and those Smartlead refuses', async () => {
    const { adapter } = smartlead();
    const { campaignId, emails } = await preparedCampaign(2);
    const outcome = await adapter.addLeads(connection, campaignId, [
      { email: emails[0]! },
      { email: 'not-an-address' },
      { email: 'ceo@blocked.example' },
      ...leads(1),
    ]);
    expect(outcome).toEqual({ submitted: 4, added: 1, alreadyPresent: 1, rejected: 2, created: [] });
  });

  it('makes no call for an empty list', async () => {
    expect(await smartlead().adapter.addLeads(connection, '1', [])).toEqual({ submitted: 0, added: 0, alreadyPresent: 0, rejected: 0, created: [] });
    expect(sim.journal).toHaveLength(0);
  });
});

describe('listLeads', () => {
  it('pages through 250 leads 100 at a time with an opaque cursor, keyed on lead.id', async () => {
    const { adapter } = smartlead();
    const { campaignId, emails } = await preparedCampaign(250);
    const pages = [];
    let cursor: string | null = null;
    do {
      const page = await adapter.listLeads(connection, campaignId, { cursor, limit: 500 });
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(pages.map((page) => page.items.length)).toEqual([100, 100, 50]);
    const items = pages.flatMap((page) => page.items);
    expect(items.map((item) => item.email)).toEqual(emails);
    expect(new Set(items.map((item) => item.status))).toEqual(new Set(['pending']));
    const leadIds = new Set(sim.state.campaign(Number(campaignId)).leads.map((entry) => String(entry.leadId)));
    for (const item of items) expect(leadIds.has(item.externalId)).toBe(true);
    expect(items[0]).toMatchObject({ firstName: expect.stringMatching(/^First/), lastName: 'Doe', companyName: 'Northwind' });
    for (const page of pages.slice(0, 2)) expect(page.nextCursor).not.toMatch(/^\d+$/);
  });

  it('ends on an exact last page and refuses a cursor it did not issue', async () => {
    const { adapter } = smartlead();
    const { campaignId } = await preparedCampaign(2);
    const page = await adapter.listLeads(connection, campaignId, { cursor: null, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
    const error = await failureOf(adapter.listLeads(connection, campaignId, { cursor: '200', limit: 10 }));
    expect(error).toMatchObject({ kind: 'request_rejected', operation: 'leads.list' });
  });
});

describe('lead actions', () => {
  it('pauses, resumes and unsubscribes a lead by its Smartlead id', async () => {
    const { adapter } = smartlead();
    const { campaignId } = await preparedCampaign(2);
    const statusOf = async (externalId: string) => (await adapter.listLeads(connection, campaignId, { cursor: null, limit: 10 })).items.find((item) => item.externalId === externalId)!.status;
    const [lead] = (await adapter.listLeads(connection, campaignId, { cursor: null, limit: 10 })).items;
    const ref = { externalId: lead!.externalId, email: lead!.email };
    expect(await adapter.pauseLead(connection, campaignId, ref)).toEqual({ supported: true });
    expect(await statusOf(ref.externalId)).toBe('paused');
    expect(await adapter.resumeLead(connection, campaignId, ref)).toEqual({ supported: true });
    expect(await statusOf(ref.externalId)).toBe('pending');
    // Smartlead answers this one in plain text.
    expect(await adapter.unsubscribeLead(connection, campaignId, ref)).toEqual({ supported: true });
    expect(await statusOf(ref.externalId)).toBe('unsubscribed');
  });

  it('reads a client-level unsubscribe as unsubscribed for that client', async () => {
    const { adapter } = smartlead();
    const campaign = await adapter.createCampaign(clientConnection, { name: 'Client unsubscribe' });
    await adapter.addLeads(clientConnection, campaign.externalId, leads(1));
    const [lead] = (await adapter.listLeads(clientConnection, campaign.externalId, { cursor: null, limit: 10 })).items;
    await adapter.unsubscribeLead(clientConnection, campaign.externalId, { externalId: lead!.externalId, email: lead!.email });
    const [after] = (await adapter.listLeads(clientConnection, campaign.externalId, { cursor: null, limit: 10 })).items;
    expect(after!.status).toBe('unsubscribed');
    expect(sim.state.lead(Number(lead!.externalId)).isUnsubscribed).toBe(false);
  });

  it('looks a lead up by email when the engine has no Smartlead id for it', async () => {
    const { adapter } = smartlead();
    const { campaignId, emails } = await preparedCampaign(1);
    sim.clearJournal();
    expect(await adapter.pauseLead(connection, campaignId, { externalId: null, email: emails[0]! })).toEqual({ supported: true });
    expect(sim.journal.map((entry) => [entry.method, entry.path])).toEqual([
      ['GET', '/api/v1/leads/'],
      ['POST', expect.stringMatching(/^\/api\/v1\/campaigns\/\d+\/leads\/\d+\/pause$/)],
    ]);
    const leadId = Number(sim.journal[1]!.path.split('/')[6]);
    expect(sim.state.lead(leadId).email).toBe(emails[0]);
  });

  it('answers not_found for an address Smartlead does not know', async () => {
    const { campaignId } = await preparedCampaign(1);
    const error = await failureOf(smartlead().adapter.resumeLead(connection, campaignId, { externalId: null, email: 'stranger@nowhere.example' }));
    expect(error).toMatchObject({ kind: 'not_found', operation: 'lead.resume' });
    expect(served('POST', '/resume')).toHaveLength(0);
  });

  it('answers request_rejected when Smartlead refuses the transition', async () => {
    const { adapter } = smartlead();
    const { campaignId } = await preparedCampaign(1);
    const [lead] = (await adapter.listLeads(connection, campaignId, { cursor: null, limit: 1 })).items;
    const ref = { externalId: lead!.externalId, email: lead!.email };
    await adapter.unsubscribeLead(connection, campaignId, ref);
    expect(await failureOf(adapter.resumeLead(connection, campaignId, ref))).toMatchObject({ kind: 'request_rejected', httpStatus: 400 });
  });
});

describe('messages and statistics', () => {
  it("lists a lead's thread oldest first: sequence sends outbound with their step, the reply inbound", async () => {
    const { adapter } = smartlead();
    const { campaignId, emails } = await preparedCampaign(1);
    await adapter.setCampaignStatus(connection, campaignId, 'ACTIVE');
    const leadId = sim.state.leadByEmail(API_KEY, emails[0]!)!.id;
    const id = Number(campaignId);
    const first = sim.state.recordSent(id, leadId, { at: new Date('2026-11-18T14:02:07Z') });
    const second = sim.state.recordSent(id, leadId, { at: new Date('2026-11-21T14:02:07Z') });
    const reply = sim.state.recordReply(id, leadId, { at: new Date('2026-11-21T16:40:00Z'), body: '<p>Let us talk</p>' });
    const messages = await adapter.listLeadMessages(connection, campaignId, { externalId: String(leadId), email: emails[0]! });
    expect(messages).toEqual([
      { externalId: first.messageId, direction: 'outbound', sentAt: first.time, subject: first.subject, body: first.body, fromAddress: first.from, toAddress: emails[0], stepNumber: 1 },
      { externalId: second.messageId, direction: 'outbound', sentAt: second.time, subject: second.subject, body: second.body, fromAddress: first.from, toAddress: emails[0], stepNumber: 2 },
      { externalId: reply.messageId, direction: 'inbound', sentAt: reply.time, subject: reply.subject, body: '<p>Let us talk</p>', fromAddress: emails[0], toAddress: first.from, stepNumber: null },
    ]);
    expect(served('GET', '/message-history')).toHaveLength(1);
  });

  it('reads campaign analytics sent as strings, unique opens and clicks preferred', async () => {
    const { adapter } = smartlead();
    const { campaignId, emails } = await preparedCampaign(3);
    await adapter.setCampaignStatus(connection, campaignId, 'ACTIVE');
    const id = Number(campaignId);
    const [a, b, c] = emails.map((email) => sim.state.leadByEmail(API_KEY, email)!.id) as [number, number, number];
    for (const leadId of [a, b, c]) sim.state.recordSent(id, leadId);
    sim.state.recordOpen(id, a);
    sim.state.recordOpen(id, a);
    sim.state.recordClick(id, a, 'https://acme.example/one');
    sim.state.recordReply(id, a);
    sim.state.recordBounce(id, b);
    await adapter.unsubscribeLead(connection, campaignId, { externalId: String(c), email: emails[2]! });
    expect(await adapter.getCampaignStatistics(connection, campaignId)).toEqual({ sent: 3, opened: 1, clicked: 1, replied: 1, bounced: 1, unsubscribed: 1 });
  });
});

describe('failures', () => {
  it('waits out a 429 Retry-After header, then succeeds', async () => {
    const { adapter, timing } = smartlead();
    sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7, body: { error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded', retry_after: 7 } } });
    await adapter.checkCredentials(connection);
    expect(timing.sleeps).toHaveLength(1);
    expect(timing.sleeps[0]).toBeGreaterThanOrEqual(7_000);
    expect(sim.journal.map((entry) => entry.status)).toEqual([429, 200]);
  });

  it("honours retry_after from Smartlead's 429 body when the header is missing", async () => {
    const { adapter, timing } = smartlead();
    sim.injectFault({ kind: 'status', status: 429, body: { error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded', retry_after: 9 } } });
    await adapter.listSendingAccounts(connection);
    expect(timing.sleeps[0]).toBeGreaterThanOrEqual(9_000);
  });

  it("retries a non-idempotent create after a 429 (nothing was processed) and fails as rate_limited when the simulator's own limit holds", async () => {
    const { adapter, timing } = smartlead({ maxAttempts: 3, maxRetryAfterMs: 120_000 });
    sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 2, match: { method: 'POST' } });
    const created = await adapter.createCampaign(connection, { name: 'After a 429' });
    expect(created.status).toBe('DRAFTED');
    expect(served('POST', '/campaigns/create').map((entry) => entry.status)).toEqual([429, 200]);

    sim.clearJournal();
    timing.sleeps.length = 0;
    sim.setRateLimit({ limit: 1, windowMs: 60_000 });
    await adapter.checkCredentials(connection);
    const error = await failureOf(adapter.checkCredentials(connection));
    expect(error).toMatchObject({ kind: 'rate_limited', httpStatus: 429, attempts: 3 });
    expect(error.transient).toBe(true);
    expect(sim.journal.map((entry) => entry.outcome)).toEqual(['served', 'rate_limited', 'rate_limited', 'rate_limited']);
    // Each refusal said "retry when the first call leaves the 60 s window"; the client waited that long.
    const [first, ...refused] = sim.journal.map((entry) => entry.receivedAt) as [number, ...number[]];
    expect(timing.sleeps).toHaveLength(2);
    timing.sleeps.forEach((sleep, index) => {
      expect(sleep).toBeGreaterThanOrEqual(1_000 * Math.ceil((first + 60_000 - refused[index]!) / 1_000));
    });
  });

  it('retries a read through 5xx answers and succeeds', async () => {
    const { adapter } = smartlead();
    const { campaignId } = await preparedCampaign(1);
    sim.clearJournal();
    sim.injectFault({ kind: 'status', status: 503, times: 2 });
    expect((await adapter.getCampaign(connection, campaignId)).status).toBe('DRAFTED');
    expect(sim.journal.map((entry) => entry.status)).toEqual([503, 503, 200]);
  });

  it('gives up after the last attempt with a transient server_error', async () => {
    sim.injectFault({ kind: 'status', status: 500, times: 4 });
    const error = await failureOf(smartlead().adapter.getSequence(connection, '1'));
    expect(error).toMatchObject({ kind: 'server_error', httpStatus: 500, attempts: 4 });
    expect(error.transient).toBe(true);
    expect(sim.journal).toHaveLength(4);
  });

  it('does not retry a campaign create after a 500: it may have been processed', async () => {
    const campaignsBefore = sim.state.campaigns.size;
    sim.injectFault({ kind: 'status', status: 500, match: { pathIncludes: '/campaigns/create' } });
    const error = await failureOf(smartlead().adapter.createCampaign(connection, { name: 'Once only' }));
    expect(error).toMatchObject({ kind: 'server_error', attempts: 1, operation: 'campaign.create' });
    expect(error.transient).toBe(true);
    expect(served('POST', '/campaigns/create')).toHaveLength(1);
    expect(sim.state.campaigns.size).toBe(campaignsBefore);
  });

  it('retries a lead upload after a 500, because Smartlead dedupes a repeated batch', async () => {
    const { adapter } = smartlead();
    const campaign = await adapter.createCampaign(connection, { name: 'Upload retry' });
    sim.injectFault({ kind: 'status', status: 500, match: { pathIncludes: '/leads' } });
    const outcome = await adapter.addLeads(connection, campaign.externalId, leads(3));
    expect(outcome.added).toBe(3);
    expect(served('POST', '/leads').map((entry) => entry.status)).toEqual([500, 200]);
  });

  it('classifies unparsable JSON and a wrong shape as malformed_response, without retrying', async () => {
    sim.injectFault({ kind: 'malformed', text: '{"history": [' });
    const unparsable = await failureOf(smartlead().adapter.listLeadMessages(connection, '1', { externalId: '2', email: 'x@y.example' }));
    expect(unparsable).toMatchObject({ kind: 'malformed_response', attempts: 1 });
    sim.injectFault({ kind: 'malformed', text: '{"messages": []}' });
    const wrongEnvelope = await failureOf(smartlead().adapter.listLeadMessages(connection, '1', { externalId: '2', email: 'x@y.example' }));
    expect(wrongEnvelope.kind).toBe('malformed_response');
    sim.injectFault({ kind: 'malformed', text: '{}' });
    expect((await failureOf(smartlead().adapter.getSequence(connection, '1'))).kind).toBe('malformed_response');
    sim.injectFault({ kind: 'malformed', text: '{"sent_count": "many"}' });
    expect((await failureOf(smartlead().adapter.getCampaignStatistics(connection, '1'))).kind).toBe('malformed_response');
    expect(sim.journal).toHaveLength(4);
  });

  it('times out a slow answer, retries a read, and fails as a transient timeout when every attempt is slow', async () => {
    const { adapter } = smartlead({ timeoutMs: 100 });
    sim.injectFault({ kind: 'delay', delayMs: 400 });
    await adapter.checkCredentials(connection);
    expect(sim.journal).toHaveLength(2);
    sim.clearJournal();
    sim.injectFault({ kind: 'delay', delayMs: 400, times: 4 });
    const error = await failureOf(adapter.checkCredentials(connection));
    expect(error).toMatchObject({ kind: 'timeout', httpStatus: null, attempts: 4 });
    expect(error.transient).toBe(true);
  });

  it('never puts the API key (nor the provider name) into an error', async () => {
    const errors: ProviderCallError[] = [];
    errors.push(await failureOf(smartlead().adapter.checkCredentials({ ...connection, apiKey: `${API_KEY}-revoked` })));
    sim.injectFault({ kind: 'status', status: 500, times: 4 });
    errors.push(await failureOf(smartlead().adapter.getCampaign(connection, '1')));
    sim.injectFault({ kind: 'malformed', text: '{not json' });
    errors.push(await failureOf(smartlead().adapter.getCampaignStatistics(connection, '1')));
    errors.push(await failureOf(smartlead().adapter.getCampaign(connection, '999')));
    sim.injectFault({ kind: 'delay', delayMs: 300, times: 4 });
    errors.push(await failureOf(smartlead({ timeoutMs: 50 }).adapter.listSendingAccounts(connection)));
    sim.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 2 });
    errors.push(await failureOf(smartlead({ maxAttempts: 2 }).adapter.pauseLead(connection, '1', { externalId: '2', email: 'x@y.example' })));
    expect(errors.map((error) => error.kind)).toEqual(['auth_rejected', 'server_error', 'malformed_response', 'not_found', 'timeout', 'rate_limited']);
    for (const error of errors) {
      const everything = [error.message, String(error.stack), JSON.stringify(error), String(error)].join('\n');
      expect(everything).not.toContain(API_KEY);
      // What reaches a tenant names the capability, never the provider (the stack names our files, so it is left out).
      expect(`${error.message} ${JSON.stringify(error)}`.toLowerCase()).not.toContain('smartlead');
    }
  });
});

describe('operations Smartlead cannot perform', () => {
  it('has none: every outcome-returning operation is performed, none answers unsupported', async () => {
    const { adapter } = smartlead();
    const { campaignId } = await preparedCampaign(1);
    const [lead] = (await adapter.listLeads(connection, campaignId, { cursor: null, limit: 1 })).items;
    const ref = { externalId: lead!.externalId, email: lead!.email };
    const outcomes = [
      await adapter.setCampaignStatus(connection, campaignId, 'ACTIVE'),
      await adapter.pauseLead(connection, campaignId, ref),
      await adapter.resumeLead(connection, campaignId, ref),
      await adapter.unsubscribeLead(connection, campaignId, ref),
      await adapter.setCampaignStatus(connection, campaignId, 'STOPPED'),
    ];
    expect(outcomes).toEqual(Array(5).fill({ supported: true }));
  });
});
