import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeyReachLinkedInOutreachAdapter } from '../../../adapters/providers/heyreach/heyreach-linkedin-outreach.adapter.js';
import type { ProviderHttpSettings } from '../../../adapters/providers/http/provider-http-client.js';
import type { LinkedInLeadInput, LinkedInSequenceStep } from '../../../application/outreach/linkedin-outreach-provider.port.js';
import { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import { createHeyReachSimulator, type HeyReachSimulator } from '../../../infrastructure/simulators/heyreach/heyreach-simulator.js';
import type { HeyReachCampaignStatus, SimCampaign } from '../../../infrastructure/simulators/heyreach/heyreach-workspace.js';
import { testProviderHttp } from '../../support/provider-http.js';

const API_KEY = 'hr-contract-key-7d41c2e9b05a';
const connection: ProviderConnection = { apiKey: API_KEY, workspaceId: null, clientId: null };

let simulator: HeyReachSimulator;

beforeEach(async () => {
  simulator = createHeyReachSimulator({
    apiKeys: [API_KEY],
    senderAccounts: [
      { firstName: 'Sam', lastName: 'Ortiz', emailAddress: 'sam@acme.example', profileUrl: 'https://www.linkedin.com/in/sam-ortiz-acme' },
      { firstName: 'Priya', lastName: 'Nair', emailAddress: null, profileUrl: null, authIsValid: false },
    ],
  });
  await simulator.server.listen();
});

afterEach(async () => {
  await simulator.server.close();
});

function harness(overrides: Partial<ProviderHttpSettings> = {}) {
  const http = testProviderHttp('linkedin_outreach', simulator.apiBaseUrl(), overrides);
  return { adapter: new HeyReachLinkedInOutreachAdapter(http.client), timing: http.timing, pacer: http.pacer };
}

function senderIds(): number[] {
  return simulator.workspace.senderAccounts.map((account) => account.id);
}

/** A campaign made directly in the workspace, so the journal holds only what the adapter sends. */
function seededCampaign(status: HeyReachCampaignStatus = 'DRAFT', name = 'Seeded campaign'): SimCampaign {
  const list = simulator.workspace.createList(`${name} leads`, 'USER_LIST');
  const campaign = simulator.workspace.createCampaign({ name, linkedInUserListId: list.id, linkedInAccountIds: [senderIds()[0]] });
  campaign.status = status;
  return campaign;
}

function leads(count: number, from = 0): LinkedInLeadInput[] {
  return Array.from({ length: count }, (_, index) => ({
    profileUrl: `https://www.linkedin.com/in/prospect-${from + index}`,
    firstName: `First${from + index}`,
    lastName: `Last${from + index}`,
    companyName: 'Northwind',
    position: 'VP Finance',
    email: `prospect${from + index}@northwind.example`,
    customFields: { pain_point: 'month-end close' },
  }));
}

/** A running campaign holding `count` leads, added through the workspace. */
function runningCampaignWith(count: number): SimCampaign {
  const campaign = seededCampaign('IN_PROGRESS', 'Running campaign');
  for (let start = 0; start < count; start += 100) {
    simulator.workspace.addLeads(
      campaign.id,
      leads(Math.min(100, count - start), start).map((lead) => ({ lead: { profileUrl: lead.profileUrl, firstName: lead.firstName, lastName: lead.lastName } })),
      {},
    );
  }
  return campaign;
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ProviderCallError)) throw new Error(`expected a ProviderCallError, got ${String(error)}`);
  return error;
}

function calls(path: string) {
  return simulator.server.journal.filter((entry) => entry.path === `/api/public${path}`);
}

describe('HeyReach adapter: credentials and sender accounts', () => {
  it('accepts a key HeyReach knows', async () => {
    const { adapter } = harness();

    await adapter.checkCredentials(connection);

    expect(calls('/auth/CheckApiKey').map((entry) => entry.status)).toEqual([200]);
  });

  it('reports an unknown key as auth_rejected: terminal, after one attempt', async () => {
    const { adapter } = harness();

    const error = await failureOf(adapter.checkCredentials({ ...connection, apiKey: 'not-a-heyreach-key' }));

    expect(error).toMatchObject({ kind: 'auth_rejected', httpStatus: 401, attempts: 1, capability: 'linkedin_outreach', operation: 'credentials.check' });
    expect(error.transient).toBe(false);
  });

  it('lists every sender account across pages and counts one as active only when it is active and its LinkedIn session valid', async () => {
    for (let index = 0; index < 228; index += 1) {
      simulator.workspace.addSenderAccount({ firstName: `Sender${index}`, lastName: 'Bulk', isActive: index % 3 !== 0 });
    }
    const { adapter } = harness();

    const accounts = await adapter.listSenderAccounts(connection);

    expect(accounts).toHaveLength(230);
    expect(calls('/li_account/GetAll').map((entry) => entry.body)).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
      { offset: 200, limit: 100 },
    ]);
    expect(accounts[0]).toEqual({
      externalId: String(senderIds()[0]),
      displayName: 'Sam Ortiz',
      email: 'sam@acme.example',
      profileUrl: 'https://www.linkedin.com/in/sam-ortiz-acme',
      active: true,
    });
    expect(accounts[1]).toMatchObject({ displayName: 'Priya Nair', email: null, profileUrl: null, active: false });
    expect(accounts.filter((account) => account.active)).toHaveLength(1 + 228 - Math.ceil(228 / 3));
  });
});

describe('HeyReach adapter: campaigns', () => {
  it('creates a USER_LIST and a DRAFT campaign over it with the chosen senders', async () => {
    const { adapter } = harness();

    const campaign = await adapter.createCampaign(connection, { name: 'Northwind CFOs', senderAccountIds: senderIds().map(String) });

    const stored = simulator.workspace.campaign(Number(campaign.externalId));
    expect(campaign).toEqual({ externalId: String(stored.id), name: 'Northwind CFOs', status: 'DRAFTED' });
    expect(stored).toMatchObject({ status: 'DRAFT', accountIds: senderIds() });
    expect(simulator.workspace.lists.get(stored.listId)).toMatchObject({ listType: 'USER_LIST', name: 'Northwind CFOs' });
  });

  it('cuts a name longer than HeyReach allows to 50 characters', async () => {
    const { adapter } = harness();
    const longName = `Q1 outreach to finance leaders in Northwind's whole region ${'x'.repeat(40)}`;

    const campaign = await adapter.createCampaign(connection, { name: longName, senderAccountIds: [String(senderIds()[0])] });

    expect(campaign.name).toBe(longName.slice(0, 50).trim());
    expect(simulator.workspace.campaign(Number(campaign.externalId)).name).toBe(campaign.name);
  });

  it.each([
    ['a blank name', { name: '   ', senderAccountIds: ['110357'] }],
    ['no sender account', { name: 'No senders', senderAccountIds: [] }],
    ['a sender id that is not a HeyReach id', { name: 'Odd sender', senderAccountIds: ['acct-1'] }],
  ])('refuses %s before calling HeyReach', async (_label, input) => {
    const { adapter } = harness();

    const error = await failureOf(adapter.createCampaign(connection, input));

    expect(error).toMatchObject({ kind: 'request_rejected', attempts: 0, httpStatus: null });
    expect(simulator.server.journal).toHaveLength(0);
  });

  it.each([
    ['DRAFT', 'DRAFTED'],
    ['IN_PROGRESS', 'ACTIVE'],
    ['STARTING', 'ACTIVE'],
    ['SCHEDULED', 'ACTIVE'],
    ['PAUSED', 'PAUSED'],
    ['FINISHED', 'COMPLETED'],
    ['CANCELED', 'STOPPED'],
    ['FAILED', 'FAILED'],
  ] as const)('reads a %s campaign as %s', async (heyReachStatus, engineStatus) => {
    const campaign = seededCampaign(heyReachStatus, 'Status probe');
    const { adapter } = harness();

    await expect(adapter.getCampaign(connection, String(campaign.id))).resolves.toEqual({ externalId: String(campaign.id), name: 'Status probe', status: engineStatus });
  });

  it('reports a campaign HeyReach does not have as not_found', async () => {
    const { adapter } = harness();

    await expect(failureOf(adapter.getCampaign(connection, '999999'))).resolves.toMatchObject({ kind: 'not_found', httpStatus: 404 });
    await expect(failureOf(adapter.getCampaign(connection, 'not-a-number'))).resolves.toMatchObject({ kind: 'not_found', attempts: 0 });
  });

  it('starts a draft with StartCampaign (Resume refuses drafts)', async () => {
    const campaign = seededCampaign('DRAFT');
    const { adapter } = harness();

    await expect(adapter.setCampaignStatus(connection, String(campaign.id), 'ACTIVE')).resolves.toEqual({ supported: true });

    expect(campaign.status).toBe('IN_PROGRESS');
    expect(calls('/campaign/StartCampaign')).toHaveLength(1);
    expect(calls('/campaign/Resume')).toHaveLength(0);
  });

  it('resumes a paused campaign with Resume', async () => {
    const campaign = runningCampaignWith(3);
    campaign.status = 'PAUSED';
    const { adapter } = harness();

    await adapter.setCampaignStatus(connection, String(campaign.id), 'ACTIVE');

    expect(campaign.status).toBe('IN_PROGRESS');
    expect(calls('/campaign/Resume')).toHaveLength(1);
    expect(calls('/campaign/StartCampaign')).toHaveLength(0);
  });

  it('leaves a running campaign alone when asked to activate it', async () => {
    const campaign = seededCampaign('IN_PROGRESS');
    const { adapter } = harness();

    await adapter.setCampaignStatus(connection, String(campaign.id), 'ACTIVE');

    expect(simulator.server.journal.map((entry) => entry.path)).toEqual(['/api/public/campaign/GetById']);
  });

  it.each(['PAUSED', 'STOPPED'] as const)('halts a running campaign with Pause when asked for %s (HeyReach has no stop)', async (target) => {
    const campaign = seededCampaign('IN_PROGRESS');
    const { adapter } = harness();

    await expect(adapter.setCampaignStatus(connection, String(campaign.id), target)).resolves.toEqual({ supported: true });

    expect(campaign.status).toBe('PAUSED');
    expect(calls('/campaign/Pause')).toHaveLength(1);
  });

  it('does not call Pause on a campaign that is not running', async () => {
    const campaign = seededCampaign('DRAFT');
    const { adapter } = harness();

    await adapter.setCampaignStatus(connection, String(campaign.id), 'STOPPED');

    expect(campaign.status).toBe('DRAFT');
    expect(calls('/campaign/Pause')).toHaveLength(0);
  });

  it('passes HeyReach refusing to resume a canceled campaign on as request_rejected', async () => {
    const campaign = seededCampaign('CANCELED');
    const { adapter } = harness();

    await expect(failureOf(adapter.setCampaignStatus(connection, String(campaign.id), 'ACTIVE'))).resolves.toMatchObject({ kind: 'request_rejected', httpStatus: 400 });
  });
});

describe('HeyReach adapter: sequences', () => {
  const steps: LinkedInSequenceStep[] = [
    { kind: 'view_profile', delayHours: 0, messages: [] },
    { kind: 'connection_request', delayHours: 0, messages: ['Hi {FIRST_NAME}, would love to connect.'] },
    { kind: 'message', delayHours: 48, messages: ['Thanks for connecting, {FIRST_NAME}!', 'Great to be connected, {FIRST_NAME}.'] },
    { kind: 'message', delayHours: 5, messages: ['Any thoughts on month-end close?'] },
  ];

  it('saves the steps as a tree and reads them back along the condition-met path', async () => {
    const campaign = seededCampaign('DRAFT');
    const { adapter } = harness();

    await expect(adapter.saveSequence(connection, String(campaign.id), steps)).resolves.toEqual({ supported: true });
    const read = await adapter.getSequence(connection, String(campaign.id));

    expect(read).toEqual([
      steps[0],
      // Raised to HeyReach's 3-hour minimum for connection requests.
      { ...steps[1], delayHours: 3 },
      steps[2],
      steps[3],
    ]);
    expect(campaign.sequence).toMatchObject({ nodeType: 'VIEW_PROFILE', conditionalNode: { nodeType: 'CONNECTION_REQUEST', conditionalNode: { nodeType: 'MESSAGE', actionDelay: 2, actionDelayUnit: 'DAY' } } });
  });

  it('reads a campaign without a sequence as no steps', async () => {
    const campaign = seededCampaign('DRAFT');
    const { adapter } = harness();

    await expect(adapter.getSequence(connection, String(campaign.id))).resolves.toEqual([]);
  });

  it.each(['IN_PROGRESS', 'FINISHED'] as const)('passes HeyReach refusing to edit a %s campaign on as request_rejected', async (status) => {
    const campaign = seededCampaign(status);
    const { adapter } = harness();

    const error = await failureOf(adapter.saveSequence(connection, String(campaign.id), steps));

    expect(error).toMatchObject({ kind: 'request_rejected', httpStatus: 400, attempts: 1 });
    expect(campaign.sequence).toBeNull();
  });

  it('refuses an empty sequence or a negative delay without calling HeyReach', async () => {
    const campaign = seededCampaign('DRAFT');
    const { adapter } = harness();

    await expect(failureOf(adapter.saveSequence(connection, String(campaign.id), []))).resolves.toMatchObject({ kind: 'request_rejected', attempts: 0 });
    await expect(
      failureOf(adapter.saveSequence(connection, String(campaign.id), [{ kind: 'message', delayHours: -1, messages: ['x'] }])),
    ).resolves.toMatchObject({ kind: 'request_rejected', attempts: 0 });
    expect(simulator.server.journal).toHaveLength(0);
  });

  it('reports a tree with a node type the port cannot express as malformed', async () => {
    const campaign = seededCampaign('DRAFT');
    campaign.sequence = { nodeType: 'SEND_VOICE_NOTE', actionDelay: 1, actionDelayUnit: 'HOUR', payload: null, conditionalNode: null, unconditionalNode: null };
    const { adapter } = harness();

    await expect(failureOf(adapter.getSequence(connection, String(campaign.id)))).resolves.toMatchObject({ kind: 'malformed_response' });
  });
});

describe('HeyReach adapter: leads', () => {
  it('starts a draft campaign first, then adds 250 leads in batches of 100, 100 and 50', async () => {
    const campaign = seededCampaign('DRAFT');
    const { adapter } = harness();

    const outcome = await adapter.addLeads(connection, String(campaign.id), leads(250));

    expect(outcome).toEqual({ submitted: 250, added: 250, alreadyPresent: 0, rejected: 0, created: [] });
    expect(simulator.server.journal.map((entry) => entry.path.replace('/api/public', ''))).toEqual([
      '/campaign/GetById',
      '/campaign/StartCampaign',
      '/campaign/AddLeadsToCampaignV2',
      '/campaign/AddLeadsToCampaignV2',
      '/campaign/AddLeadsToCampaignV2',
    ]);
    expect(calls('/campaign/AddLeadsToCampaignV2').map((entry) => (entry.body as { accountLeadPairs: unknown[] }).accountLeadPairs.length)).toEqual([100, 100, 50]);
    expect(campaign.status).toBe('IN_PROGRESS');
    expect(campaign.leads).toHaveLength(250);
    // Custom fields arrive because they sit inside `lead`.
    expect(simulator.workspace.profileByUrl('https://www.linkedin.com/in/prospect-7')?.customUserFields).toEqual([{ name: 'pain_point', value: 'month-end close' }]);
  });

  it('adds to a paused campaign without resuming it', async () => {
    const campaign = seededCampaign('PAUSED');
    const { adapter } = harness();

    await adapter.addLeads(connection, String(campaign.id), leads(2));

    expect(campaign.status).toBe('PAUSED');
    expect(calls('/campaign/StartCampaign')).toHaveLength(0);
  });

  it('counts leads already in the campaign as alreadyPresent and profiles HeyReach refuses as rejected', async () => {
    const campaign = runningCampaignWith(3);
    const { adapter } = harness();

    const outcome = await adapter.addLeads(connection, String(campaign.id), [
      ...leads(3),
      ...leads(2, 3),
      { profileUrl: 'https://example.com/not-linkedin', firstName: 'Nobody' },
    ]);

    expect(outcome).toEqual({ submitted: 6, added: 2, alreadyPresent: 3, rejected: 1, created: [] });
  });

  it('refuses custom field names HeyReach would not take before sending any batch', async () => {
    const campaign = seededCampaign('IN_PROGRESS');
    const { adapter } = harness();

    const error = await failureOf(adapter.addLeads(connection, String(campaign.id), [...leads(150), { profileUrl: 'https://www.linkedin.com/in/x', customFields: { 'pain point': 'x' } }]));

    expect(error).toMatchObject({ kind: 'request_rejected', attempts: 0 });
    expect(simulator.server.journal).toHaveLength(0);
  });

  it('adds nothing and calls nothing for an empty list', async () => {
    const campaign = seededCampaign('DRAFT');
    const { adapter } = harness();

    await expect(adapter.addLeads(connection, String(campaign.id), [])).resolves.toEqual({ submitted: 0, added: 0, alreadyPresent: 0, rejected: 0, created: [] });
    expect(simulator.server.journal).toHaveLength(0);
    expect(campaign.status).toBe('DRAFT');
  });

  it('pages through the leads with an opaque cursor, keyed by the LinkedIn member id', async () => {
    const campaign = runningCampaignWith(150);
    const { adapter } = harness();

    const first = await adapter.listLeads(connection, String(campaign.id), { cursor: null, limit: 100 });
    const second = await adapter.listLeads(connection, String(campaign.id), { cursor: first.nextCursor, limit: 100 });

    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    expect(second.items).toHaveLength(50);
    expect(second.nextCursor).toBeNull();
    const expectedIds = campaign.leads.map((row) => row.linkedinId);
    expect([...first.items, ...second.items].map((lead) => lead.externalId)).toEqual(expectedIds);
    expect(expectedIds.some((id) => id.startsWith('imp_'))).toBe(true);
    expect(first.items[0]).toEqual({
      externalId: campaign.leads[0]!.linkedinId,
      profileUrl: 'https://www.linkedin.com/in/prospect-0',
      firstName: 'First0',
      lastName: 'Last0',
      status: 'pending',
    });
  });

  it('asks for at most 100 leads a page whatever the caller wants', async () => {
    const campaign = runningCampaignWith(120);
    const { adapter } = harness();

    const page = await adapter.listLeads(connection, String(campaign.id), { cursor: null, limit: 500 });

    expect(page.items).toHaveLength(100);
    expect(calls('/campaign/GetLeadsFromCampaign')[0]?.body).toEqual({ campaignId: campaign.id, offset: 0, limit: 100 });
  });

  it('refuses a cursor it did not issue', async () => {
    const campaign = runningCampaignWith(1);
    const { adapter } = harness();

    await expect(failureOf(adapter.listLeads(connection, String(campaign.id), { cursor: 'page-two', limit: 10 }))).resolves.toMatchObject({ kind: 'request_rejected', attempts: 0 });
  });

  it('maps every lead campaign status', async () => {
    const campaign = runningCampaignWith(6);
    const statuses = ['Pending', 'InProgress', 'Finished', 'Failed', 'ManuallyStopped', 'Excluded'] as const;
    campaign.leads.forEach((row, index) => (row.status = statuses[index]!));
    const { adapter } = harness();

    const page = await adapter.listLeads(connection, String(campaign.id), { cursor: null, limit: 10 });

    expect(page.items.map((lead) => lead.status)).toEqual(['pending', 'active', 'completed', 'skipped', 'stopped', 'skipped']);
  });

  it('stops a lead by its member id', async () => {
    const campaign = runningCampaignWith(2);
    const row = campaign.leads[1]!;
    const { adapter } = harness();

    await expect(adapter.stopLead(connection, String(campaign.id), { externalId: row.linkedinId, profileUrl: 'https://www.linkedin.com/in/prospect-1' })).resolves.toEqual({ supported: true });

    expect(row.status).toBe('ManuallyStopped');
    expect(calls('/lead/GetLead')).toHaveLength(0);
  });

  it('looks the member id up by profile URL when the engine has none yet', async () => {
    const campaign = runningCampaignWith(2);
    const { adapter } = harness();

    await adapter.stopLead(connection, String(campaign.id), { externalId: null, profileUrl: 'https://www.linkedin.com/in/prospect-0/' });

    expect(campaign.leads[0]!.status).toBe('ManuallyStopped');
    expect(calls('/campaign/StopLeadInCampaign')[0]?.body).toEqual({ campaignId: campaign.id, leadMemberId: campaign.leads[0]!.linkedinId });
  });

  it('reports a lead the campaign does not hold as not_found', async () => {
    const campaign = runningCampaignWith(1);
    const { adapter } = harness();

    const error = await failureOf(adapter.stopLead(connection, String(campaign.id), { externalId: String(campaign.leads[0]!.rowId), profileUrl: 'https://www.linkedin.com/in/prospect-0' }));

    expect(error).toMatchObject({ kind: 'not_found', httpStatus: 404 });
  });

  it.each([
    ['pauseLead', 'pause_lead'],
    ['resumeLead', 'resume_lead'],
  ] as const)('answers %s as unsupported without calling HeyReach', async (method, operation) => {
    const campaign = runningCampaignWith(1);
    const { adapter } = harness();

    const outcome = await adapter[method](connection, String(campaign.id), { externalId: campaign.leads[0]!.linkedinId, profileUrl: 'https://www.linkedin.com/in/prospect-0' });

    expect(outcome).toEqual({ supported: false, operation });
    expect(simulator.server.journal).toHaveLength(0);
    expect(campaign.leads[0]!.status).toBe('Pending');
  });

  it('unsubscribes by blacklisting the profile and stopping the lead the campaign is already working on', async () => {
    const campaign = runningCampaignWith(2);
    // The blacklist only excludes leads still pending; one in the sequence needs the stop.
    campaign.leads[1]!.status = 'InProgress';
    const { adapter } = harness();

    await expect(adapter.unsubscribeLead(connection, String(campaign.id), { externalId: null, profileUrl: 'https://www.linkedin.com/in/prospect-1' })).resolves.toEqual({ supported: true });

    expect(simulator.workspace.blacklist).toEqual([{ profileUrl: 'linkedin.com/in/prospect-1' }]);
    expect(campaign.leads[1]!.status).toBe('ManuallyStopped');
    expect(simulator.server.journal.map((entry) => entry.path.replace('/api/public', ''))).toEqual(['/blacklist/AddLeads', '/lead/GetLead', '/campaign/StopLeadInCampaign']);
  });

  it('still unsubscribes a profile the campaign never held: the blacklist entry is what counts', async () => {
    const campaign = runningCampaignWith(1);
    const { adapter } = harness();

    await expect(adapter.unsubscribeLead(connection, String(campaign.id), { externalId: null, profileUrl: 'https://www.linkedin.com/in/stranger' })).resolves.toEqual({ supported: true });

    expect(simulator.workspace.blacklist).toEqual([{ profileUrl: 'linkedin.com/in/stranger' }]);
  });
});

describe('HeyReach adapter: messages and statistics', () => {
  it('reads the thread with a lead oldest first, with ids that stay the same on every read', async () => {
    const campaign = runningCampaignWith(2);
    const memberId = campaign.leads[0]!.linkedinId;
    const record = (sender: 'ME' | 'THEM', body: string, at: string, isInMail = false) =>
      simulator.workspace.recordMessage({ campaignId: campaign.id, leadLinkedinId: memberId, sender, body, isInMail, createdAt: new Date(at) });
    record('THEM', 'Ping me in January?', '2025-11-19T08:47:03.377Z');
    record('ME', 'Thanks for connecting!', '2025-11-18T10:02:11.512Z');
    record('ME', 'Sure - talk in January.', '2025-11-19T09:00:00.000Z', true);
    simulator.workspace.recordMessage({ campaignId: campaign.id, leadLinkedinId: campaign.leads[1]!.linkedinId, sender: 'ME', body: 'Someone else', createdAt: new Date('2025-11-18T10:00:00.000Z') });
    const { adapter } = harness();
    const lead = { externalId: memberId, profileUrl: 'https://www.linkedin.com/in/prospect-0' };

    const messages = await adapter.listLeadMessages(connection, String(campaign.id), lead);
    const again = await adapter.listLeadMessages(connection, String(campaign.id), lead);

    expect(messages.map(({ direction, sentAt, body, isInMail }) => ({ direction, sentAt: sentAt.toISOString(), body, isInMail }))).toEqual([
      { direction: 'outbound', sentAt: '2025-11-18T10:02:11.512Z', body: 'Thanks for connecting!', isInMail: false },
      { direction: 'inbound', sentAt: '2025-11-19T08:47:03.377Z', body: 'Ping me in January?', isInMail: false },
      { direction: 'outbound', sentAt: '2025-11-19T09:00:00.000Z', body: 'Sure - talk in January.', isInMail: true },
    ]);
    expect(new Set(messages.map((message) => message.externalId)).size).toBe(3);
    expect(again.map((message) => message.externalId)).toEqual(messages.map((message) => message.externalId));
  });

  it('answers no messages for a lead nobody has written to', async () => {
    const campaign = runningCampaignWith(1);
    const { adapter } = harness();

    await expect(adapter.listLeadMessages(connection, String(campaign.id), { externalId: null, profileUrl: 'https://www.linkedin.com/in/prospect-0' })).resolves.toEqual([]);
    expect(calls('/inbox/GetChatroom')).toHaveLength(0);
  });

  it('sums the campaign statistics over its whole life', async () => {
    const campaign = runningCampaignWith(2);
    const other = runningCampaignWith(1);
    const sender = campaign.accountIds[0]!;
    const day1 = new Date('2025-11-17T10:00:00Z');
    const day2 = new Date('2025-11-18T10:00:00Z');
    simulator.workspace.count(campaign.id, sender, day1, 'connectionsSent', 12);
    simulator.workspace.count(campaign.id, sender, day2, 'connectionsSent', 8);
    simulator.workspace.count(campaign.id, sender, day2, 'connectionsAccepted', 5);
    simulator.workspace.count(campaign.id, sender, day2, 'messagesSent', 4);
    simulator.workspace.count(campaign.id, sender, day2, 'totalMessageReplies', 2);
    simulator.workspace.count(campaign.id, sender, day1, 'inmailMessagesSent', 3);
    simulator.workspace.count(campaign.id, sender, day2, 'totalInmailReplies', 1);
    simulator.workspace.count(other.id, sender, day2, 'connectionsSent', 99);
    const { adapter } = harness();

    await expect(adapter.getCampaignStatistics(connection, String(campaign.id))).resolves.toEqual({
      connectionsSent: 20,
      connectionsAccepted: 5,
      messagesSent: 4,
      messageReplies: 2,
      inmailsSent: 3,
      inmailReplies: 1,
    });
  });

  it('reads counters sent as strings, and takes the ones overallStats lacks from the daily figures', async () => {
    const campaign = runningCampaignWith(1);
    simulator.server.injectFault({
      kind: 'malformed',
      match: { pathIncludes: '/stats/GetOverallStats' },
      text: JSON.stringify({
        overallStats: { connectionsSent: '20', connectionsAccepted: '5', messagesSent: 4, totalMessageReplies: null },
        byDayStats: { '2025-11-17T00:00:00Z': { inmailMessagesSent: '2', totalInmailReplies: 1 }, '2025-11-18T00:00:00Z': { inmailMessagesSent: 1 } },
      }),
    });
    const { adapter } = harness();

    await expect(adapter.getCampaignStatistics(connection, String(campaign.id))).resolves.toEqual({
      connectionsSent: 20,
      connectionsAccepted: 5,
      messagesSent: 4,
      messageReplies: 0,
      inmailsSent: 3,
      inmailReplies: 1,
    });
  });
});

describe('HeyReach adapter: transport failures', () => {
  it('waits out a 429 for at least its Retry-After, then succeeds', async () => {
    const campaign = seededCampaign('DRAFT');
    simulator.server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7, match: { pathIncludes: '/campaign/GetById' } });
    const { adapter, timing } = harness();

    await expect(adapter.getCampaign(connection, String(campaign.id))).resolves.toMatchObject({ status: 'DRAFTED' });

    expect(Math.max(...timing.sleeps)).toBeGreaterThanOrEqual(7_000);
    expect(calls('/campaign/GetById').map((entry) => entry.status)).toEqual([429, 200]);
  });

  it("honours the simulator's own 300/min-style limit: 429 with Retry-After, then rate_limited once attempts run out", async () => {
    simulator.server.setRateLimit({ limit: 2, windowMs: 60_000 });
    const { adapter, timing } = harness({ maxAttempts: 3 });
    await adapter.checkCredentials(connection);
    await adapter.checkCredentials(connection);

    const error = await failureOf(adapter.checkCredentials(connection));

    expect(error).toMatchObject({ kind: 'rate_limited', httpStatus: 429, attempts: 3 });
    expect(error.transient).toBe(true);
    const limited = simulator.server.journal.filter((entry) => entry.outcome === 'rate_limited');
    expect(limited).toHaveLength(3);
    expect(timing.sleeps.length).toBe(2);
    for (const sleep of timing.sleeps) expect(sleep).toBeGreaterThanOrEqual(50_000);
  });

  it('retries a 5xx on a read and succeeds', async () => {
    const campaign = seededCampaign('PAUSED');
    simulator.server.injectFault({ kind: 'status', status: 503, times: 2 });
    const { adapter } = harness();

    await expect(adapter.getCampaign(connection, String(campaign.id))).resolves.toMatchObject({ status: 'PAUSED' });

    expect(calls('/campaign/GetById').map((entry) => entry.status)).toEqual([503, 503, 200]);
  });

  it('gives up after the last attempt with a transient server_error', async () => {
    simulator.server.injectFault({ kind: 'status', status: 500, times: 10 });
    const { adapter } = harness();

    const error = await failureOf(adapter.listSenderAccounts(connection));

    expect(error).toMatchObject({ kind: 'server_error', httpStatus: 500, attempts: 4, operation: 'sender_accounts.list' });
    expect(error.transient).toBe(true);
  });

  it('never repeats a campaign create after a 500: it may have been made', async () => {
    simulator.server.injectFault({ kind: 'status', status: 500, times: 5, match: { pathIncludes: '/campaign/Create' } });
    const { adapter } = harness();
    const listsBefore = simulator.workspace.lists.size;

    const error = await failureOf(adapter.createCampaign(connection, { name: 'Once only', senderAccountIds: [String(senderIds()[0])] }));

    expect(error).toMatchObject({ kind: 'server_error', attempts: 1 });
    expect(calls('/campaign/Create')).toHaveLength(1);
    // The list made first stays behind: HeyReach has no list delete.
    expect(simulator.workspace.lists.size).toBe(listsBefore + 1);
  });

  it('retries a campaign create refused with 429, which provably did nothing', async () => {
    simulator.server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1, match: { pathIncludes: '/campaign/Create' } });
    const { adapter } = harness();

    const campaign = await adapter.createCampaign(connection, { name: 'After a 429', senderAccountIds: [String(senderIds()[0])] });

    expect(calls('/campaign/Create').map((entry) => entry.status)).toEqual([429, 200]);
    expect(simulator.workspace.campaigns.size).toBe(1);
    expect(campaign.status).toBe('DRAFTED');
  });

  it('reports unparsable JSON as malformed_response', async () => {
    const campaign = seededCampaign('DRAFT');
    simulator.server.injectFault({ kind: 'malformed', text: '{"id": 5, "name": ' });
    const { adapter } = harness();

    await expect(failureOf(adapter.getCampaign(connection, String(campaign.id)))).resolves.toMatchObject({ kind: 'malformed_response', httpStatus: 200 });
  });

  it.each([
    ['a campaign without status', '/campaign/GetById', '{"id": 5, "name": "x"}', (adapter: HeyReachLinkedInOutreachAdapter, id: string) => adapter.getCampaign(connection, id)],
    ['a campaign in a state HeyReach never documented', '/campaign/GetById', '{"id": 5, "name": "x", "status": "ARCHIVED"}', (adapter: HeyReachLinkedInOutreachAdapter, id: string) => adapter.getCampaign(connection, id)],
    ['a lead page without items', '/campaign/GetLeadsFromCampaign', '{"totalCount": 3}', (adapter: HeyReachLinkedInOutreachAdapter, id: string) => adapter.listLeads(connection, id, { cursor: null, limit: 10 })],
    ['a lead row without a member id', '/campaign/GetLeadsFromCampaign', '{"totalCount": 1, "items": [{"id": 1, "linkedInUserProfile": {"profileUrl": "https://www.linkedin.com/in/a"}}]}', (adapter: HeyReachLinkedInOutreachAdapter, id: string) => adapter.listLeads(connection, id, { cursor: null, limit: 10 })],
    ['add-lead counts that are not numbers', '/campaign/AddLeadsToCampaignV2', '{"addedLeadsCount": "many"}', (adapter: HeyReachLinkedInOutreachAdapter, id: string) => adapter.addLeads(connection, id, leads(1))],
    ['a statistics counter that is not a count', '/stats/GetOverallStats', '{"overallStats": {"connectionsSent": "lots"}}', (adapter: HeyReachLinkedInOutreachAdapter, id: string) => adapter.getCampaignStatistics(connection, id)],
  ])('reports %s as malformed_response', async (_label, path, text, run) => {
    const campaign = runningCampaignWith(1);
    simulator.server.injectFault({ kind: 'malformed', text, match: { pathIncludes: path } });
    const { adapter } = harness();

    await expect(failureOf(run(adapter, String(campaign.id)))).resolves.toMatchObject({ kind: 'malformed_response' });
  });

  it('times out a response slower than the timeout', async () => {
    simulator.server.injectFault({ kind: 'delay', delayMs: 400, times: 3 });
    const { adapter } = harness({ timeoutMs: 60, maxAttempts: 2 });

    const error = await failureOf(adapter.checkCredentials(connection));

    expect(error).toMatchObject({ kind: 'timeout', httpStatus: null, attempts: 2 });
    expect(error.transient).toBe(true);
  });

  it('never lets the API key into an error message or stack', async () => {
    const { adapter } = harness({ timeoutMs: 60, maxAttempts: 1 });
    const campaign = runningCampaignWith(1);
    const errors: ProviderCallError[] = [];
    errors.push(await failureOf(adapter.checkCredentials({ ...connection, apiKey: `${API_KEY}-revoked` })));
    simulator.server.injectFault({ kind: 'status', status: 500 });
    errors.push(await failureOf(adapter.getCampaign(connection, String(campaign.id))));
    simulator.server.injectFault({ kind: 'malformed', text: '{"broken' });
    errors.push(await failureOf(adapter.listLeads(connection, String(campaign.id), { cursor: null, limit: 5 })));
    simulator.server.injectFault({ kind: 'delay', delayMs: 300 });
    errors.push(await failureOf(adapter.getSequence(connection, String(campaign.id))));
    errors.push(await failureOf(adapter.stopLead(connection, String(campaign.id), { externalId: 'imp_unknown', profileUrl: 'https://www.linkedin.com/in/x' })));

    expect(errors.map((error) => error.kind)).toEqual(['auth_rejected', 'server_error', 'malformed_response', 'timeout', 'not_found']);
    for (const error of errors) {
      expect(error.message).not.toContain(API_KEY);
      expect(error.stack ?? '').not.toContain(API_KEY);
      expect(JSON.stringify(error)).not.toContain(API_KEY);
    }
  });

  it('counts every call against the pacing key of the HeyReach key', async () => {
    const { adapter, pacer } = harness();

    await adapter.listSenderAccounts(connection);

    expect(pacer.reservations.map((reservation) => reservation.pacingKey)).toEqual([`heyreach:key:${API_KEY}`]);
  });
});
