import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHeyReachSimulator, HEYREACH_SIMULATOR_DEFAULT_KEY, type HeyReachSimulator } from '../../../infrastructure/simulators/heyreach/heyreach-simulator.js';
import { HEYREACH_WEBHOOK_EVENTS, isHeyReachWebhookEvent } from '../../../infrastructure/simulators/heyreach/heyreach-webhook-events.js';
import type { SimCampaign } from '../../../infrastructure/simulators/heyreach/heyreach-workspace.js';

/** The simulator's own rules, spoken to over plain HTTP the way HeyReach is. */

const KEY = 'hr-sim-key-2b7f90';
/** The reference samples, copied from shared/reference into tests/fixtures like the OpenAPI contract. */
const SAMPLES = fileURLToPath(new URL('../../fixtures/webhook-samples/heyreach', import.meta.url));

let simulator: HeyReachSimulator;

beforeEach(async () => {
  simulator = createHeyReachSimulator({ apiKeys: [KEY], senderAccounts: [{ firstName: 'Sam', lastName: 'Ortiz', emailAddress: 'sam@acme.example', profileUrl: 'https://www.linkedin.com/in/sam-ortiz-acme' }] });
  await simulator.server.listen();
});

afterEach(async () => {
  await simulator.server.close();
});

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

async function call(method: 'GET' | 'POST', path: string, options: { body?: unknown; headers?: Record<string, string>; key?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) headers['X-API-KEY'] = key;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${simulator.apiBaseUrl()}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function campaign(status: SimCampaign['status'] = 'DRAFT'): SimCampaign {
  const workspace = simulator.workspace;
  const created = workspace.createCampaign({
    name: 'Rules',
    linkedInUserListId: workspace.createList('Rules list', 'USER_LIST').id,
    linkedInAccountIds: [workspace.senderAccounts[0]!.id],
  });
  created.status = status;
  return created;
}

function pairs(count: number, from = 0) {
  return Array.from({ length: count }, (_, index) => ({ lead: { profileUrl: `https://www.linkedin.com/in/lead-${from + index}`, firstName: `Lead${from + index}` } }));
}

const END = { nodeType: 'END', actionDelay: 3, actionDelayUnit: 'HOUR' };

describe('HeyReach simulator: authentication and limits', () => {
  it('answers 401 without X-API-KEY, with an unknown key, and with the key as a Bearer token', async () => {
    const missing = await call('GET', '/auth/CheckApiKey', { key: null });
    const unknown = await call('GET', '/auth/CheckApiKey', { key: 'someone-elses-key' });
    const bearer = await call('GET', '/auth/CheckApiKey', { key: null, headers: { authorization: `Bearer ${KEY}` } });
    const good = await call('GET', '/auth/CheckApiKey');

    expect([missing.status, unknown.status, bearer.status, good.status]).toEqual([401, 401, 401, 200]);
    expect(missing.body).toEqual({ errorMessage: expect.stringContaining('X-API-KEY') });
  });

  it("defaults to HeyReach's 300 requests per minute per key, then answers 429 with Retry-After", async () => {
    const defaults = createHeyReachSimulator();
    await defaults.server.listen();
    try {
      const check = () => fetch(`${defaults.apiBaseUrl()}/auth/CheckApiKey`, { headers: { 'X-API-KEY': HEYREACH_SIMULATOR_DEFAULT_KEY } });
      const statuses: number[] = [];
      for (let batch = 0; batch < 6; batch += 1) statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => check()))).map((response) => response.status));
      const over = await check();

      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await over.json()).toEqual({ errorMessage: expect.stringContaining('Too many requests') });
    } finally {
      await defaults.server.close();
    }
  });

  it('limits each key on its own', async () => {
    const twoKeys = createHeyReachSimulator({ apiKeys: ['key-a', 'key-b'], rateLimit: { limit: 1, windowMs: 60_000 } });
    await twoKeys.server.listen();
    try {
      const check = (key: string) => fetch(`${twoKeys.apiBaseUrl()}/auth/CheckApiKey`, { headers: { 'X-API-KEY': key } }).then((response) => response.status);

      expect([await check('key-a'), await check('key-b'), await check('key-a')]).toEqual([200, 200, 429]);
    } finally {
      await twoKeys.server.close();
    }
  });

  it('refuses list pages over 100 as a validation error', async () => {
    const tooMany = await call('POST', '/li_account/GetAll', { body: { offset: 0, limit: 101 } });
    const fine = await call('POST', '/li_account/GetAll', { body: { offset: 0, limit: 100 } });

    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ errors: { Limit: ['The field Limit must be between 1 and 100.'] } });
    expect(fine).toMatchObject({ status: 200, body: { totalCount: 1, items: [{ firstName: 'Sam', isActive: true, authIsValid: true }] } });
  });

  it('answers 405 to a POST on a GET endpoint, and 404 to PauseCampaign, which does not exist', async () => {
    const created = campaign('IN_PROGRESS');

    expect((await call('POST', `/campaign/GetById?campaignId=${created.id}`, { body: {} })).status).toBe(405);
    expect((await call('POST', `/campaign/PauseCampaign?campaignId=${created.id}`)).status).toBe(404);
    expect(created.status).toBe('IN_PROGRESS');
  });
});

describe('HeyReach simulator: campaign status machine', () => {
  it('creates campaigns in DRAFT over a USER_LIST and refuses names over 50 characters', async () => {
    const list = await call('POST', '/list/CreateEmptyList', { body: { name: 'Leads', type: 'USER_LIST' } });
    const listId = (list.body as { id: number }).id;
    const sender = simulator.workspace.senderAccounts[0]!.id;

    const created = await call('POST', '/campaign/Create', { body: { name: 'Q1', linkedInUserListId: listId, linkedInAccountIds: [sender] } });
    const tooLong = await call('POST', '/campaign/Create', { body: { name: 'x'.repeat(51), linkedInUserListId: listId, linkedInAccountIds: [sender] } });
    const read = await call('GET', `/campaign/GetById?campaignId=${(created.body as { campaignId: number }).campaignId}`);

    expect(created).toMatchObject({ status: 200, body: { campaignId: expect.any(Number) } });
    expect(tooLong.status).toBe(400);
    expect(read.body).toMatchObject({ name: 'Q1', status: 'DRAFT', linkedInUserListId: listId, campaignAccountIds: [sender], progressStats: { totalUsers: 0 } });
  });

  it('refuses Resume on a draft with HeyReach\'s misleading message; StartCampaign starts it', async () => {
    const created = campaign('DRAFT');

    const resume = await call('POST', `/campaign/Resume?campaignId=${created.id}`);
    const start = await call('POST', `/campaign/StartCampaign?campaignId=${created.id}`);
    const startAgain = await call('POST', `/campaign/StartCampaign?campaignId=${created.id}`);

    expect(resume).toMatchObject({ status: 400, body: { errorMessage: 'The campaign you are trying to resume is not paused, finished or failed.' } });
    expect(start.status).toBe(200);
    expect(startAgain.status).toBe(400);
    expect(created.status).toBe('IN_PROGRESS');
  });

  it('takes the campaign id of a command only from the query string', async () => {
    const created = campaign('IN_PROGRESS');

    const inBody = await call('POST', '/campaign/Pause', { body: { campaignId: created.id } });

    expect(inBody.status).toBe(400);
    expect(inBody.body).toMatchObject({ errors: { campaignId: ['The campaignId field is required.'] } });
    expect(created.status).toBe('IN_PROGRESS');
  });

  it('pauses a running campaign; a resume with no lead left settles back to PAUSED, with leads it runs', async () => {
    const created = campaign('IN_PROGRESS');

    await call('POST', `/campaign/Pause?campaignId=${created.id}`);
    expect(created.status).toBe('PAUSED');
    expect((await call('POST', `/campaign/Resume?campaignId=${created.id}`)).status).toBe(200);
    expect(created.status).toBe('PAUSED');

    await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(1) } });
    await call('POST', `/campaign/Resume?campaignId=${created.id}`);
    expect(created.status).toBe('IN_PROGRESS');
  });

  it('refuses to pause a draft or a finished campaign', async () => {
    const draft = campaign('DRAFT');
    const finished = campaign('FINISHED');

    expect((await call('POST', `/campaign/Pause?campaignId=${draft.id}`)).status).toBe(400);
    expect((await call('POST', `/campaign/Pause?campaignId=${finished.id}`)).status).toBe(400);
  });
});

describe('HeyReach simulator: sequences', () => {
  const valid = { nodeType: 'CONNECTION_REQUEST', actionDelay: 3, actionDelayUnit: 'HOUR', payload: { messages: ['Hi'] }, conditionalNode: END, unconditionalNode: END };

  it('stores a valid tree and answers it back; a campaign without one answers 204', async () => {
    const created = campaign('DRAFT');

    expect((await call('GET', `/campaign/GetCampaignSequence?campaignId=${created.id}`)).status).toBe(204);
    expect((await call('POST', '/campaign/UpdateSequence', { body: { campaignId: created.id, sequence: valid } })).status).toBe(200);
    expect((await call('GET', `/campaign/GetCampaignSequence?campaignId=${created.id}`)).body).toEqual(valid);
  });

  it.each([
    ['a connection request without delay', { ...valid, actionDelay: 0 }, 'Node at: $.sequence has invalid delay: 00:00:00'],
    ['an END under 3 hours', { ...valid, conditionalNode: { ...END, actionDelay: 2 } }, 'Node at: $.sequence.conditionalNode has invalid delay: 02:00:00'],
    ['a branch that does not end in END', { ...valid, conditionalNode: { nodeType: 'VIEW_PROFILE', actionDelay: 1, actionDelayUnit: 'DAY' } }, 'Node at: $.sequence.conditionalNode does not end with an END node'],
    ['a message without text', { ...valid, conditionalNode: { nodeType: 'MESSAGE', actionDelay: 1, actionDelayUnit: 'DAY', payload: { messages: [] }, conditionalNode: END } }, 'Node at: $.sequence.conditionalNode has no messages'],
    ['an unknown node type', { ...valid, nodeType: 'SEND_GIFT' }, 'Node at: $.sequence has invalid node type: SEND_GIFT'],
  ])('refuses %s', async (_label, sequence, message) => {
    const created = campaign('DRAFT');

    const answer = await call('POST', '/campaign/UpdateSequence', { body: { campaignId: created.id, sequence } });

    expect(answer).toMatchObject({ status: 400, body: { errorMessage: message } });
    expect(created.sequence).toBeNull();
  });

  it.each(['IN_PROGRESS', 'STARTING', 'FINISHED'] as const)('refuses to edit the sequence of a %s campaign', async (status) => {
    const created = campaign(status);

    const answer = await call('POST', '/campaign/UpdateSequence', { body: { campaignId: created.id, sequence: valid } });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errorMessage: expect.stringContaining('cannot be edited') });
  });
});

describe('HeyReach simulator: leads', () => {
  it('refuses leads on a draft with HeyReach\'s message', async () => {
    const created = campaign('DRAFT');

    const answer = await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(1) } });

    expect(answer).toMatchObject({ status: 400, body: { errorMessage: 'You cannot add new leads to a draft campaign' } });
    expect(created.leads).toHaveLength(0);
  });

  it('refuses more than 100 pairs in one request', async () => {
    const created = campaign('IN_PROGRESS');

    const answer = await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(101) } });

    expect(answer.status).toBe(400);
    expect(created.leads).toHaveLength(0);
  });

  it('counts added, updated and failed leads, and keeps custom fields only from inside lead', async () => {
    const created = campaign('IN_PROGRESS');
    await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(2) } });

    const answer = await call('POST', '/campaign/AddLeadsToCampaignV2', {
      body: {
        campaignId: created.id,
        accountLeadPairs: [
          { lead: { profileUrl: 'https://www.linkedin.com/in/lead-0/', customUserFields: [{ name: 'pain_point', value: 'close' }] } },
          { lead: { profileUrl: 'https://www.linkedin.com/in/sibling-fields' }, customUserFields: [{ name: 'dropped', value: 'yes' }] },
          { lead: { profileUrl: 'not a profile' } },
          { lead: { profileUrl: 'https://www.linkedin.com/in/bad-field', customUserFields: [{ name: 'has space', value: 'x' }] } },
        ],
      },
    });

    expect(answer.body).toEqual({ addedLeadsCount: 1, updatedLeadsCount: 1, failedLeadsCount: 2 });
    expect(simulator.workspace.profileByUrl('https://www.linkedin.com/in/lead-0')?.customUserFields).toEqual([{ name: 'pain_point', value: 'close' }]);
    expect(simulator.workspace.profileByUrl('https://www.linkedin.com/in/sibling-fields')?.customUserFields).toEqual([]);
  });

  it('pages campaign leads with linkedin_id inside linkedInUserProfile', async () => {
    const created = campaign('IN_PROGRESS');
    await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(100) } });
    await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(30, 100) } });

    const second = await call('POST', '/campaign/GetLeadsFromCampaign', { body: { campaignId: created.id, offset: 100, limit: 100 } });

    const body = second.body as { totalCount: number; items: { id: number; linkedInUserProfileId: string; linkedInUserProfile: { linkedin_id: string } }[] };
    expect(body.totalCount).toBe(130);
    expect(body.items).toHaveLength(30);
    expect(body.items.map((item) => item.linkedInUserProfile.linkedin_id)).toEqual(created.leads.slice(100).map((row) => row.linkedinId));
    expect(body.items.every((item) => /^(\d+|imp_\w+)$/.test(item.linkedInUserProfile.linkedin_id))).toBe(true);
    expect(body.items[0]!.linkedInUserProfileId).toMatch(/^ACoAA/);
  });

  it('stops a lead only by its linkedin_id: the profile urn id and the row id are "not present"', async () => {
    const created = campaign('IN_PROGRESS');
    await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(1) } });
    const row = created.leads[0]!;
    const profile = simulator.workspace.profileById(row.linkedinId)!;

    const byUrn = await call('POST', '/campaign/StopLeadInCampaign', { body: { campaignId: created.id, leadMemberId: profile.linkedInUserProfileId } });
    const byRow = await call('POST', '/campaign/StopLeadInCampaign', { body: { campaignId: created.id, leadMemberId: String(row.rowId) } });
    expect(row.status).toBe('Pending');
    const byMember = await call('POST', '/campaign/StopLeadInCampaign', { body: { campaignId: created.id, leadMemberId: row.linkedinId } });

    expect(byUrn).toMatchObject({ status: 404, body: { errorMessage: expect.stringContaining('lead is not present') } });
    expect(byRow.status).toBe(404);
    expect(byMember.status).toBe(200);
    expect(row.status).toBe('ManuallyStopped');
  });

  it('excludes pending leads of a blacklisted profile', async () => {
    const created = campaign('IN_PROGRESS');
    await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(2) } });

    expect((await call('POST', '/blacklist/AddLeads', { body: { leads: [{ profileUrl: 'https://linkedin.com/in/LEAD-1' }] } })).status).toBe(200);

    expect(created.leads.map((row) => row.status)).toEqual(['Pending', 'Excluded']);
  });
});

describe('HeyReach simulator: inbox and statistics', () => {
  it('finds a lead\'s conversation by campaign and profile URL, and serves its chatroom', async () => {
    const created = campaign('IN_PROGRESS');
    await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(1) } });
    const memberId = created.leads[0]!.linkedinId;
    simulator.workspace.recordMessage({ campaignId: created.id, leadLinkedinId: memberId, sender: 'ME', body: 'Hello', createdAt: new Date('2025-11-18T10:00:00Z') });
    simulator.workspace.recordMessage({ campaignId: created.id, leadLinkedinId: memberId, sender: 'THEM', body: 'Hi!', createdAt: new Date('2025-11-18T11:00:00Z') });

    const list = await call('POST', '/inbox/GetConversationsV2', { body: { offset: 0, limit: 10, filters: { campaignIds: [created.id], leadProfileUrl: 'https://www.linkedin.com/in/lead-0' } } });
    const conversation = (list.body as { items: { id: string; linkedInAccountId: number; lastMessageSender: string }[] }).items[0]!;
    const room = await call('GET', `/inbox/GetChatroom/${conversation.linkedInAccountId}/${encodeURIComponent(conversation.id)}`);

    expect(conversation.lastMessageSender).toBe('THEM');
    expect((room.body as { messages: unknown[] }).messages).toEqual([
      { createdAt: '2025-11-18T10:00:00.000Z', body: 'Hello', subject: null, postLink: null, isInMail: false, sender: 'ME' },
      { createdAt: '2025-11-18T11:00:00.000Z', body: 'Hi!', subject: null, postLink: null, isInMail: false, sender: 'THEM' },
    ]);
  });

  it('reports overall and per-day statistics for the campaigns asked for', async () => {
    const created = campaign('IN_PROGRESS');
    await call('POST', '/campaign/AddLeadsToCampaignV2', { body: { campaignId: created.id, accountLeadPairs: pairs(1) } });
    simulator.workspace.recordMessage({ campaignId: created.id, leadLinkedinId: created.leads[0]!.linkedinId, sender: 'ME', body: 'Hello', createdAt: new Date('2025-11-18T10:00:00Z') });

    const stats = await call('POST', '/stats/GetOverallStats', { body: { startDate: '2025-11-01T00:00:00Z', endDate: '2025-11-30T00:00:00Z', accountIds: [], campaignIds: [created.id] } });
    const otherCampaign = await call('POST', '/stats/GetOverallStats', { body: { startDate: '2025-11-01T00:00:00Z', endDate: '2025-11-30T00:00:00Z', accountIds: [], campaignIds: [created.id + 1] } });

    expect(stats.body).toMatchObject({ overallStats: { messagesSent: 1, totalMessageStarted: 1 }, byDayStats: { '2025-11-18T00:00:00Z': { messagesSent: 1 } } });
    expect(otherCampaign.body).toMatchObject({ overallStats: { messagesSent: 0 }, byDayStats: {} });
  });
});

describe('HeyReach simulator: webhooks', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];

  beforeEach(async () => {
    received.length = 0;
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/heyreach`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  /** Key structure with value kinds: what a parser of the sample relies on. */
  function shapeOf(value: unknown): unknown {
    if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]));
    }
    return value === null ? 'null' : typeof value;
  }

  function leadInCampaign(): { campaignId: number; memberId: string } {
    const created = campaign('IN_PROGRESS');
    simulator.workspace.addLeads(
      created.id,
      [{ lead: { profileUrl: 'https://www.linkedin.com/in/dana-reyes-4b1a2c', firstName: 'Dana', lastName: 'Reyes', companyName: 'Northwind', position: 'VP Finance', emailAddress: 'dana.reyes@northwind.io' } }],
      {},
    );
    return { campaignId: created.id, memberId: created.leads[0]!.linkedinId };
  }

  const sampleFiles = readdirSync(SAMPLES).filter((file) => file.endsWith('.json'));

  it('has a sample for every event it can emit but INMAIL_REPLY_RECEIVED', () => {
    expect(sampleFiles.map((file) => file.replace('.json', '')).sort()).toEqual(HEYREACH_WEBHOOK_EVENTS.filter((event) => event !== 'INMAIL_REPLY_RECEIVED').sort());
  });

  it.each(sampleFiles)('posts a payload shaped like %s, unsigned', async (file) => {
    const sample = JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as Record<string, unknown>;
    const eventType = file.replace('.json', '');
    if (!isHeyReachWebhookEvent(eventType)) throw new Error(`unknown sample ${file}`);
    const { campaignId, memberId } = leadInCampaign();

    const delivery = await simulator.deliverWebhook(receiverUrl, eventType, { campaignId, lead: memberId, tags: ['Interested'], message: 'Hey Sam, ping me in January?' });

    expect(delivery.result).toEqual({ status: 200, error: null });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toEqual(delivery.payload);
    expect(shapeOf(delivery.payload)).toEqual(shapeOf(sample));
    expect(Object.keys(delivery.payload)).toEqual(Object.keys(sample));
    expect(delivery.payload).toMatchObject({ event_type: eventType.toLowerCase(), lead: { id: memberId, profile_url: 'https://www.linkedin.com/in/dana-reyes-4b1a2c' } });
    expect(Object.keys(received[0]!.headers).filter((name) => /signature|hmac|secret/i.test(name))).toEqual([]);
  });

  it('records a reply in the conversation and sends the recent thread with it', async () => {
    const { campaignId, memberId } = leadInCampaign();
    await simulator.deliverWebhook(receiverUrl, 'MESSAGE_SENT', { campaignId, lead: memberId, message: 'Thanks for connecting, Dana!' });

    const reply = await simulator.deliverWebhook(receiverUrl, 'EVERY_MESSAGE_REPLY_RECEIVED', { campaignId, lead: memberId, message: 'Ping me in January?' });

    expect(reply.payload).toMatchObject({
      is_inmail: false,
      campaign: { id: campaignId, name: 'Rules' },
      recent_messages: [
        { message: 'Thanks for connecting, Dana!', is_reply: false },
        { message: 'Ping me in January?', is_reply: true },
      ],
    });
    const conversation = simulator.workspace.conversations.find((candidate) => candidate.leadLinkedinId === memberId)!;
    expect(reply.payload['conversation_id']).toBe(conversation.id);
    expect(conversation.messages.map((message) => message.sender)).toEqual(['ME', 'THEM']);
  });

  it('emits through the control route as well', async () => {
    const { campaignId, memberId } = leadInCampaign();

    const response = await fetch(`${simulator.server.url}/__sim/heyreach/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiverUrl, event_type: 'connection_request_accepted', campaign_id: campaignId, lead: 'https://www.linkedin.com/in/dana-reyes-4b1a2c' }),
    });

    expect(response.status).toBe(200);
    expect(received[0]!.body).toMatchObject({ event_type: 'connection_request_accepted', lead: { id: memberId }, campaign: { id: campaignId } });
  });
});
