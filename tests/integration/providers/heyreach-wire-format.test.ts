import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeyReachLinkedInOutreachAdapter } from '../../../adapters/providers/heyreach/heyreach-linkedin-outreach.adapter.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import { createHeyReachSimulator, type HeyReachSimulator } from '../../../infrastructure/simulators/heyreach/heyreach-simulator.js';
import type { SimCampaign } from '../../../infrastructure/simulators/heyreach/heyreach-workspace.js';
import { testProviderHttp } from '../../support/provider-http.js';

/**
 * What the adapter puts on the wire for each port operation, one row per request, to be read
 * side by side with providers.md §3.2: method, path under the base URL (`…/api/public`), query,
 * and the exact JSON body. Every request must carry the key in `X-API-KEY` and nowhere else.
 */

const API_KEY = 'hr-wire-key-19c4e7a2f3';
const connection: ProviderConnection = { apiKey: API_KEY, workspaceId: null, clientId: null };

interface Fixture {
  readonly sender: number;
  /** DRAFT, no sequence, no leads. */
  readonly draft: SimCampaign;
  /** IN_PROGRESS with a sequence, two leads and a short conversation with the first. */
  readonly running: SimCampaign;
  /** PAUSED with one pending lead. */
  readonly paused: SimCampaign;
  readonly leadMemberId: string;
  readonly leadProfileUrl: string;
  readonly conversationId: string;
}

interface ExpectedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Record<string, string>;
  /** Undefined: no body (and no content type) at all. */
  readonly body?: unknown;
}

interface WireCase {
  readonly operation: string;
  readonly run: (adapter: HeyReachLinkedInOutreachAdapter, fixture: Fixture) => Promise<unknown>;
  readonly expected: (fixture: Fixture) => ExpectedRequest[];
}

const END = { nodeType: 'END', actionDelay: 3, actionDelayUnit: 'HOUR', payload: null, conditionalNode: null, unconditionalNode: null };

const WIRE: WireCase[] = [
  {
    operation: 'checkCredentials',
    run: (adapter) => adapter.checkCredentials(connection),
    expected: () => [{ method: 'GET', path: '/auth/CheckApiKey' }],
  },
  {
    operation: 'listSenderAccounts',
    run: (adapter) => adapter.listSenderAccounts(connection),
    expected: () => [{ method: 'POST', path: '/li_account/GetAll', body: { offset: 0, limit: 100 } }],
  },
  {
    operation: 'createCampaign',
    run: (adapter, f) => adapter.createCampaign(connection, { name: 'Northwind CFOs', senderAccountIds: [String(f.sender)] }),
    expected: (f) => [
      { method: 'POST', path: '/list/CreateEmptyList', body: { name: 'Northwind CFOs', type: 'USER_LIST' } },
      { method: 'POST', path: '/campaign/Create', body: { name: 'Northwind CFOs', linkedInUserListId: newestListId(f), linkedInAccountIds: [f.sender] } },
    ],
  },
  {
    operation: 'getCampaign',
    run: (adapter, f) => adapter.getCampaign(connection, String(f.running.id)),
    expected: (f) => [{ method: 'GET', path: '/campaign/GetById', query: { campaignId: String(f.running.id) } }],
  },
  {
    operation: 'setCampaignStatus ACTIVE (draft)',
    run: (adapter, f) => adapter.setCampaignStatus(connection, String(f.draft.id), 'ACTIVE'),
    expected: (f) => [
      { method: 'GET', path: '/campaign/GetById', query: { campaignId: String(f.draft.id) } },
      { method: 'POST', path: '/campaign/StartCampaign', query: { campaignId: String(f.draft.id) } },
    ],
  },
  {
    operation: 'setCampaignStatus ACTIVE (paused)',
    run: (adapter, f) => adapter.setCampaignStatus(connection, String(f.paused.id), 'ACTIVE'),
    expected: (f) => [
      { method: 'GET', path: '/campaign/GetById', query: { campaignId: String(f.paused.id) } },
      { method: 'POST', path: '/campaign/Resume', query: { campaignId: String(f.paused.id) } },
    ],
  },
  {
    operation: 'setCampaignStatus PAUSED',
    run: (adapter, f) => adapter.setCampaignStatus(connection, String(f.running.id), 'PAUSED'),
    expected: (f) => [
      { method: 'GET', path: '/campaign/GetById', query: { campaignId: String(f.running.id) } },
      { method: 'POST', path: '/campaign/Pause', query: { campaignId: String(f.running.id) } },
    ],
  },
  {
    operation: 'setCampaignStatus STOPPED',
    run: (adapter, f) => adapter.setCampaignStatus(connection, String(f.running.id), 'STOPPED'),
    expected: (f) => [
      { method: 'GET', path: '/campaign/GetById', query: { campaignId: String(f.running.id) } },
      { method: 'POST', path: '/campaign/Pause', query: { campaignId: String(f.running.id) } },
    ],
  },
  {
    operation: 'getSequence',
    run: (adapter, f) => adapter.getSequence(connection, String(f.running.id)),
    expected: (f) => [{ method: 'GET', path: '/campaign/GetCampaignSequence', query: { campaignId: String(f.running.id) } }],
  },
  {
    operation: 'saveSequence',
    run: (adapter, f) =>
      adapter.saveSequence(connection, String(f.draft.id), [
        { kind: 'connection_request', delayHours: 0, messages: ['Hi {FIRST_NAME}'] },
        { kind: 'message', delayHours: 24, messages: ['Thanks for connecting!'] },
      ]),
    expected: (f) => [
      {
        method: 'POST',
        path: '/campaign/UpdateSequence',
        body: {
          campaignId: f.draft.id,
          sequence: {
            nodeType: 'CONNECTION_REQUEST',
            actionDelay: 3,
            actionDelayUnit: 'HOUR',
            payload: { messages: ['Hi {FIRST_NAME}'] },
            conditionalNode: {
              nodeType: 'MESSAGE',
              actionDelay: 1,
              actionDelayUnit: 'DAY',
              payload: { messages: ['Thanks for connecting!'] },
              conditionalNode: END,
              unconditionalNode: END,
            },
            unconditionalNode: END,
          },
        },
      },
    ],
  },
  {
    operation: 'addLeads (draft: started first)',
    run: (adapter, f) =>
      adapter.addLeads(connection, String(f.draft.id), [
        {
          profileUrl: 'https://www.linkedin.com/in/dana-reyes-4b1a2c',
          firstName: 'Dana',
          lastName: 'Reyes',
          companyName: 'Northwind',
          position: 'VP Finance',
          email: 'dana.reyes@northwind.io',
          customFields: { pain_point: 'month-end close' },
        },
        { profileUrl: 'https://www.linkedin.com/in/lee-park', firstName: null, email: null },
      ]),
    expected: (f) => [
      { method: 'GET', path: '/campaign/GetById', query: { campaignId: String(f.draft.id) } },
      { method: 'POST', path: '/campaign/StartCampaign', query: { campaignId: String(f.draft.id) } },
      {
        method: 'POST',
        path: '/campaign/AddLeadsToCampaignV2',
        body: {
          campaignId: f.draft.id,
          accountLeadPairs: [
            {
              lead: {
                profileUrl: 'https://www.linkedin.com/in/dana-reyes-4b1a2c',
                firstName: 'Dana',
                lastName: 'Reyes',
                companyName: 'Northwind',
                position: 'VP Finance',
                emailAddress: 'dana.reyes@northwind.io',
                customUserFields: [{ name: 'pain_point', value: 'month-end close' }],
              },
            },
            { lead: { profileUrl: 'https://www.linkedin.com/in/lee-park', customUserFields: [] } },
          ],
        },
      },
    ],
  },
  {
    operation: 'listLeads',
    run: (adapter, f) => adapter.listLeads(connection, String(f.running.id), { cursor: null, limit: 25 }),
    expected: (f) => [{ method: 'POST', path: '/campaign/GetLeadsFromCampaign', body: { campaignId: f.running.id, offset: 0, limit: 25 } }],
  },
  {
    operation: 'stopLead (member id known)',
    run: (adapter, f) => adapter.stopLead(connection, String(f.running.id), { externalId: f.leadMemberId, profileUrl: f.leadProfileUrl }),
    expected: (f) => [{ method: 'POST', path: '/campaign/StopLeadInCampaign', body: { campaignId: f.running.id, leadMemberId: f.leadMemberId } }],
  },
  {
    operation: 'stopLead (member id looked up)',
    run: (adapter, f) => adapter.stopLead(connection, String(f.running.id), { externalId: null, profileUrl: f.leadProfileUrl }),
    expected: (f) => [
      { method: 'POST', path: '/lead/GetLead', body: { profileUrl: f.leadProfileUrl } },
      { method: 'POST', path: '/campaign/StopLeadInCampaign', body: { campaignId: f.running.id, leadMemberId: f.leadMemberId } },
    ],
  },
  {
    operation: 'pauseLead (unsupported)',
    run: (adapter, f) => adapter.pauseLead(connection, String(f.running.id), { externalId: f.leadMemberId, profileUrl: f.leadProfileUrl }),
    expected: () => [],
  },
  {
    operation: 'resumeLead (unsupported)',
    run: (adapter, f) => adapter.resumeLead(connection, String(f.running.id), { externalId: f.leadMemberId, profileUrl: f.leadProfileUrl }),
    expected: () => [],
  },
  {
    operation: 'unsubscribeLead',
    run: (adapter, f) => adapter.unsubscribeLead(connection, String(f.running.id), { externalId: f.leadMemberId, profileUrl: f.leadProfileUrl }),
    expected: (f) => [
      { method: 'POST', path: '/blacklist/AddLeads', body: { leads: [{ profileUrl: f.leadProfileUrl }] } },
      { method: 'POST', path: '/campaign/StopLeadInCampaign', body: { campaignId: f.running.id, leadMemberId: f.leadMemberId } },
    ],
  },
  {
    operation: 'listLeadMessages',
    run: (adapter, f) => adapter.listLeadMessages(connection, String(f.running.id), { externalId: f.leadMemberId, profileUrl: f.leadProfileUrl }),
    expected: (f) => [
      { method: 'POST', path: '/inbox/GetConversationsV2', body: { offset: 0, limit: 100, filters: { campaignIds: [f.running.id], leadProfileUrl: f.leadProfileUrl } } },
      { method: 'GET', path: `/inbox/GetChatroom/${f.sender}/${encodeURIComponent(f.conversationId)}` },
    ],
  },
  {
    operation: 'getCampaignStatistics',
    run: (adapter, f) => adapter.getCampaignStatistics(connection, String(f.running.id)),
    expected: (f) => [
      {
        method: 'POST',
        path: '/stats/GetOverallStats',
        body: { startDate: '2020-01-01T00:00:00.000Z', endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), accountIds: [], campaignIds: [f.running.id] },
      },
    ],
  },
];

let simulator: HeyReachSimulator;
let fixture: Fixture;

beforeEach(async () => {
  simulator = createHeyReachSimulator({ apiKeys: [API_KEY], senderAccounts: [{ firstName: 'Sam', lastName: 'Ortiz' }] });
  await simulator.server.listen();
  fixture = seed(simulator);
});

afterEach(async () => {
  await simulator.server.close();
});

function seed(sim: HeyReachSimulator): Fixture {
  const workspace = sim.workspace;
  const sender = workspace.senderAccounts[0]!.id;
  const campaignOver = (name: string) => workspace.createCampaign({ name, linkedInUserListId: workspace.createList(`${name} list`, 'USER_LIST').id, linkedInAccountIds: [sender] });
  const draft = campaignOver('Draft');
  const running = campaignOver('Running');
  workspace.updateSequence(running.id, { ...END, nodeType: 'CONNECTION_REQUEST', payload: { messages: ['Hi'] }, conditionalNode: END, unconditionalNode: END });
  workspace.startCampaign(running.id);
  const leadProfileUrl = 'https://www.linkedin.com/in/dana-reyes-4b1a2c';
  workspace.addLeads(running.id, [{ lead: { profileUrl: leadProfileUrl, firstName: 'Dana' } }, { lead: { profileUrl: 'https://www.linkedin.com/in/lee-park' } }], {});
  const leadMemberId = running.leads[0]!.linkedinId;
  running.leads[0]!.status = 'InProgress';
  const { conversation } = workspace.recordMessage({ campaignId: running.id, leadLinkedinId: leadMemberId, sender: 'ME', body: 'Thanks for connecting!' });
  workspace.recordMessage({ campaignId: running.id, leadLinkedinId: leadMemberId, sender: 'THEM', body: 'Ping me in January?' });
  const paused = campaignOver('Paused');
  workspace.startCampaign(paused.id);
  workspace.addLeads(paused.id, [{ lead: { profileUrl: 'https://www.linkedin.com/in/kim-lee' } }], {});
  workspace.pauseCampaign(paused.id);
  return { sender, draft, running, paused, leadMemberId, leadProfileUrl, conversationId: conversation.id };
}

function newestListId(f: Fixture): number {
  return Math.max(...simulator.workspace.lists.keys(), f.draft.listId);
}

describe('HeyReach wire format (providers.md §3.2)', () => {
  it.each(WIRE.map((wire) => [wire.operation, wire] as const))('%s', async (_operation, wire) => {
    const http = testProviderHttp('linkedin_outreach', simulator.apiBaseUrl());
    const adapter = new HeyReachLinkedInOutreachAdapter(http.client);

    await wire.run(adapter, fixture);

    const sent = simulator.server.journal.map((entry) => ({
      method: entry.method,
      path: entry.path.replace(/^\/api\/public/, ''),
      query: Object.fromEntries(entry.query),
      body: entry.body,
    }));
    expect(sent).toEqual(wire.expected(fixture).map((request) => ({ query: {}, body: undefined, ...request })));
    expect(simulator.server.journal.every((entry) => entry.status < 300)).toBe(true);
  });

  it('authenticates every request with X-API-KEY only: no Bearer, no key in the URL or the body', async () => {
    const http = testProviderHttp('linkedin_outreach', simulator.apiBaseUrl());
    const adapter = new HeyReachLinkedInOutreachAdapter(http.client);

    for (const wire of WIRE) await wire.run(adapter, seed(simulator));

    expect(simulator.server.journal.length).toBeGreaterThan(WIRE.length);
    for (const entry of simulator.server.journal) {
      expect(entry.headers['x-api-key']).toBe(API_KEY);
      expect(entry.headers['authorization']).toBeUndefined();
      expect(entry.query.toString()).not.toContain(API_KEY);
      expect(JSON.stringify(entry.body ?? null)).not.toContain(API_KEY);
      expect(entry.path.startsWith('/api/public/')).toBe(true);
    }
  });

  it('sends a JSON content type exactly when there is a body (campaign commands have none)', async () => {
    const http = testProviderHttp('linkedin_outreach', simulator.apiBaseUrl());
    const adapter = new HeyReachLinkedInOutreachAdapter(http.client);

    for (const wire of WIRE) await wire.run(adapter, seed(simulator));

    for (const entry of simulator.server.journal) {
      if (entry.body === undefined) expect(entry.headers['content-type']).toBeUndefined();
      else expect(entry.headers['content-type']).toBe('application/json');
    }
    const commands = simulator.server.journal.filter((entry) => /\/campaign\/(StartCampaign|Pause|Resume)$/.test(entry.path));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const command of commands) expect(command.query.get('campaignId')).toMatch(/^\d+$/);
  });
});
