import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmartleadEmailOutreachAdapter } from '../../../adapters/providers/smartlead/smartlead-email-outreach.adapter.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import type { JournalEntry } from '../../../infrastructure/simulators/kit/simulator-server.js';
import { createSmartleadSimulator, type SmartleadSimulator } from '../../../infrastructure/simulators/smartlead/smartlead-simulator.js';
import { testProviderHttp } from '../../support/provider-http.js';

// What the Smartlead adapter puts on the wire, per port operation, read back from the simulator's
// journal: method, path under /api/v1, query (api_key aside) and JSON body. The table below is
// meant to be read side by side with providers.md §2.2.

const API_KEY = 'sl-wire-key-5e0d7a1c';
const CLIENT = 31204;
const connection: ProviderConnection = { apiKey: API_KEY, workspaceId: null, clientId: String(CLIENT) };

/** Ids learnt while the table runs; `{campaign}`, `{lead}`, `{step1}`… in the table stand for them. */
interface Ids {
  campaign: string;
  lead: string;
  email: string;
  step1: number;
  step2: number;
  variantA: number;
  variantB: number;
}

interface Wire {
  readonly method: string;
  readonly path: string;
  /** Every query parameter except `api_key`, which is checked for all requests separately. */
  readonly query: Readonly<Record<string, string>>;
  /** The JSON body; undefined when none was sent. */
  readonly body?: unknown;
}

interface Row {
  readonly call: string;
  /** What the platform does on its own before the call (no request from the adapter). */
  readonly platform?: (sim: SmartleadSimulator, ids: Ids) => void;
  readonly run: (adapter: SmartleadEmailOutreachAdapter, ids: Ids) => Promise<unknown>;
  readonly expect: (ids: Ids) => readonly Wire[];
}

const NO_QUERY = {};
const UPLOAD_SETTINGS = { ignore_global_block_list: false, ignore_unsubscribe_list: false, ignore_community_bounce_list: false, ignore_duplicate_leads_in_other_campaign: false };

const TABLE: readonly Row[] = [
  {
    call: 'checkCredentials',
    run: (adapter) => adapter.checkCredentials(connection),
    expect: () => [{ method: 'GET', path: '/api/v1/email-accounts/', query: { offset: '0', limit: '1' } }],
  },
  {
    call: 'listSendingAccounts (client 31204)',
    run: (adapter) => adapter.listSendingAccounts(connection),
    expect: () => [{ method: 'GET', path: '/api/v1/email-accounts/', query: { offset: '0', limit: '100', client_id: '31204' } }],
  },
  {
    call: 'createCampaign (client 31204)',
    run: async (adapter, ids) => {
      ids.campaign = (await adapter.createCampaign(connection, { name: 'Wire | Q1' })).externalId;
    },
    expect: () => [{ method: 'POST', path: '/api/v1/campaigns/create', query: NO_QUERY, body: { name: 'Wire | Q1', client_id: 31204 } }],
  },
  {
    call: 'findCampaignsByName (client 31204)',
    run: async (adapter, ids) => {
      expect(await adapter.findCampaignsByName(connection, 'Wire | Q1')).toEqual([{ externalId: ids.campaign, name: 'Wire | Q1', status: 'DRAFTED' }]);
    },
    expect: () => [{ method: 'GET', path: '/api/v1/campaigns/', query: { client_id: '31204' } }],
  },
  {
    call: 'getCampaign',
    run: (adapter, ids) => adapter.getCampaign(connection, ids.campaign),
    expect: (ids) => [{ method: 'GET', path: `/api/v1/campaigns/${ids.campaign}`, query: NO_QUERY }],
  },
  {
    call: 'saveSequence (new steps, A/B on step 2) → re-read',
    run: async (adapter, ids) => {
      const saved = await adapter.saveSequence(connection, ids.campaign, [
        { externalId: null, stepNumber: 1, delayDays: 0, subject: 'Quick question', body: '<p>Hi {{first_name}}</p>', variants: [] },
        {
          externalId: null,
          stepNumber: 2,
          delayDays: 3,
          subject: '',
          body: '<p>Bump</p>',
          variants: [
            { externalId: null, label: 'A', subject: '', body: '<p>Bump A</p>', distributionPercent: null },
            { externalId: null, label: 'B', subject: 'Other angle', body: '<p>Bump B</p>', distributionPercent: null },
          ],
        },
      ]);
      ids.step1 = Number(saved[0]!.externalId);
      ids.step2 = Number(saved[1]!.externalId);
      ids.variantA = Number(saved[1]!.variants[0]!.externalId);
      ids.variantB = Number(saved[1]!.variants[1]!.externalId);
    },
    expect: (ids) => [
      {
        method: 'POST',
        path: `/api/v1/campaigns/${ids.campaign}/sequences`,
        query: NO_QUERY,
        body: {
          sequences: [
            { id: null, seq_number: 1, seq_delay_details: { delay_in_days: 0 }, subject: 'Quick question', email_body: '<p>Hi {{first_name}}</p>' },
            {
              id: null,
              seq_number: 2,
              seq_delay_details: { delay_in_days: 3 },
              subject: '',
              email_body: '<p>Bump</p>',
              seq_variants: [
                { subject: '', email_body: '<p>Bump A</p>', variant_label: 'A', variant_distribution_percentage: null },
                { subject: 'Other angle', email_body: '<p>Bump B</p>', variant_label: 'B', variant_distribution_percentage: null },
              ],
              variant_distribution_type: 'MANUAL_EQUAL',
            },
          ],
        },
      },
      { method: 'GET', path: `/api/v1/campaigns/${ids.campaign}/sequences`, query: NO_QUERY },
    ],
  },
  {
    call: 'saveSequence (existing ids sent back, manual split) → re-read',
    run: (adapter, ids) =>
      adapter.saveSequence(connection, ids.campaign, [
        { externalId: String(ids.step1), stepNumber: 1, delayDays: 0, subject: 'Quick question', body: '<p>Hi {{first_name}}</p>', variants: [] },
        {
          externalId: String(ids.step2),
          stepNumber: 2,
          delayDays: 4,
          subject: '',
          body: '<p>Bump</p>',
          variants: [
            { externalId: String(ids.variantA), label: 'A', subject: '', body: '<p>Bump A</p>', distributionPercent: 80 },
            { externalId: String(ids.variantB), label: 'B', subject: 'Other angle', body: '<p>Bump B</p>', distributionPercent: 20 },
          ],
        },
      ]),
    expect: (ids) => [
      {
        method: 'POST',
        path: `/api/v1/campaigns/${ids.campaign}/sequences`,
        query: NO_QUERY,
        body: {
          sequences: [
            { id: ids.step1, seq_number: 1, seq_delay_details: { delay_in_days: 0 }, subject: 'Quick question', email_body: '<p>Hi {{first_name}}</p>' },
            {
              id: ids.step2,
              seq_number: 2,
              seq_delay_details: { delay_in_days: 4 },
              subject: '',
              email_body: '<p>Bump</p>',
              seq_variants: [
                { id: ids.variantA, subject: '', email_body: '<p>Bump A</p>', variant_label: 'A', variant_distribution_percentage: 80 },
                { id: ids.variantB, subject: 'Other angle', email_body: '<p>Bump B</p>', variant_label: 'B', variant_distribution_percentage: 20 },
              ],
              variant_distribution_type: 'MANUAL_PERCENTAGE',
            },
          ],
        },
      },
      { method: 'GET', path: `/api/v1/campaigns/${ids.campaign}/sequences`, query: NO_QUERY },
    ],
  },
  {
    call: 'getSequence',
    run: (adapter, ids) => adapter.getSequence(connection, ids.campaign),
    expect: (ids) => [{ method: 'GET', path: `/api/v1/campaigns/${ids.campaign}/sequences`, query: NO_QUERY }],
  },
  {
    call: 'addLeads (every field)',
    run: (adapter, ids) =>
      adapter.addLeads(connection, ids.campaign, [
        {
          email: 'dana.reyes@northwind.example',
          firstName: 'Dana',
          lastName: 'Reyes',
          companyName: 'Northwind',
          title: 'CFO',
          phone: '+1 415 555 0100',
          website: 'https://northwind.example',
          linkedinUrl: 'https://www.linkedin.com/in/dana-reyes',
          customFields: { industry: 'SaaS' },
        },
        { email: 'lee.park@northwind.example', firstName: null, lastName: '' },
      ]),
    expect: (ids) => [
      {
        method: 'POST',
        path: `/api/v1/campaigns/${ids.campaign}/leads`,
        query: NO_QUERY,
        body: {
          lead_list: [
            {
              email: 'dana.reyes@northwind.example',
              first_name: 'Dana',
              last_name: 'Reyes',
              company_name: 'Northwind',
              phone_number: '+1 415 555 0100',
              website: 'https://northwind.example',
              linkedin_profile: 'https://www.linkedin.com/in/dana-reyes',
              custom_fields: { title: 'CFO', industry: 'SaaS' },
            },
            { email: 'lee.park@northwind.example' },
          ],
          settings: UPLOAD_SETTINGS,
        },
      },
    ],
  },
  {
    call: 'listLeads (first page, limit 50)',
    run: async (adapter, ids) => {
      const page = await adapter.listLeads(connection, ids.campaign, { cursor: null, limit: 50 });
      ids.lead = page.items[0]!.externalId;
      ids.email = page.items[0]!.email;
    },
    expect: (ids) => [{ method: 'GET', path: `/api/v1/campaigns/${ids.campaign}/leads`, query: { offset: '0', limit: '50' } }],
  },
  {
    call: 'setCampaignStatus ACTIVE',
    run: (adapter, ids) => adapter.setCampaignStatus(connection, ids.campaign, 'ACTIVE'),
    expect: (ids) => [{ method: 'POST', path: `/api/v1/campaigns/${ids.campaign}/status`, query: NO_QUERY, body: { status: 'START' } }],
  },
  {
    call: 'pauseLead (by lead.id)',
    run: (adapter, ids) => adapter.pauseLead(connection, ids.campaign, { externalId: ids.lead, email: ids.email }),
    expect: (ids) => [{ method: 'POST', path: `/api/v1/campaigns/${ids.campaign}/leads/${ids.lead}/pause`, query: NO_QUERY }],
  },
  {
    call: 'pauseLead (no id: looked up by email; pausing twice is accepted)',
    run: (adapter, ids) => adapter.pauseLead(connection, ids.campaign, { externalId: null, email: ids.email }),
    expect: (ids) => [
      { method: 'GET', path: '/api/v1/leads/', query: { email: ids.email } },
      { method: 'POST', path: `/api/v1/campaigns/${ids.campaign}/leads/${ids.lead}/pause`, query: NO_QUERY },
    ],
  },
  {
    call: 'resumeLead (by lead.id)',
    run: (adapter, ids) => adapter.resumeLead(connection, ids.campaign, { externalId: ids.lead, email: ids.email }),
    expect: (ids) => [{ method: 'POST', path: `/api/v1/campaigns/${ids.campaign}/leads/${ids.lead}/resume`, query: NO_QUERY }],
  },
  {
    call: 'listLeadMessages',
    platform: (sim, ids) => sim.state.recordSent(Number(ids.campaign), Number(ids.lead)),
    run: (adapter, ids) => adapter.listLeadMessages(connection, ids.campaign, { externalId: ids.lead, email: ids.email }),
    expect: (ids) => [{ method: 'GET', path: `/api/v1/campaigns/${ids.campaign}/leads/${ids.lead}/message-history`, query: NO_QUERY }],
  },
  {
    call: 'getCampaignStatistics',
    run: (adapter, ids) => adapter.getCampaignStatistics(connection, ids.campaign),
    expect: (ids) => [{ method: 'GET', path: `/api/v1/campaigns/${ids.campaign}/analytics`, query: NO_QUERY }],
  },
  {
    call: 'unsubscribeLead (by lead.id)',
    run: (adapter, ids) => adapter.unsubscribeLead(connection, ids.campaign, { externalId: ids.lead, email: ids.email }),
    expect: (ids) => [{ method: 'POST', path: `/api/v1/campaigns/${ids.campaign}/leads/${ids.lead}/unsubscribe`, query: NO_QUERY }],
  },
  {
    call: 'setCampaignStatus PAUSED',
    run: (adapter, ids) => adapter.setCampaignStatus(connection, ids.campaign, 'PAUSED'),
    expect: (ids) => [{ method: 'POST', path: `/api/v1/campaigns/${ids.campaign}/status`, query: NO_QUERY, body: { status: 'PAUSED' } }],
  },
  {
    call: 'setCampaignStatus STOPPED',
    run: (adapter, ids) => adapter.setCampaignStatus(connection, ids.campaign, 'STOPPED'),
    expect: (ids) => [{ method: 'POST', path: `/api/v1/campaigns/${ids.campaign}/status`, query: NO_QUERY, body: { status: 'STOPPED' } }],
  },
];

let sim: SmartleadSimulator;

beforeAll(async () => {
  sim = createSmartleadSimulator({
    apiKeys: [API_KEY],
    rateLimit: null,
    clients: [{ id: CLIENT, name: 'Acme' }],
    emailAccounts: [{ fromEmail: 'sam@acme-outbound.example', clientId: CLIENT }],
  });
  await sim.listen();
});

afterAll(async () => {
  await sim.close();
});

function wireOf(entry: JournalEntry): Wire {
  const query = Object.fromEntries([...entry.query].filter(([name]) => name !== 'api_key'));
  return { method: entry.method, path: entry.path, query, ...(entry.body === undefined ? {} : { body: entry.body }) };
}

describe('Smartlead wire format', () => {
  it('sends exactly the documented request for every port operation, in table order', async () => {
    const adapter = new SmartleadEmailOutreachAdapter(testProviderHttp('email_outreach', sim.apiUrl).client);
    const ids: Ids = { campaign: '', lead: '', email: '', step1: 0, step2: 0, variantA: 0, variantB: 0 };
    const actual: { call: string; requests: readonly Wire[] }[] = [];
    const expected: { call: string; requests: readonly Wire[] }[] = [];
    for (const row of TABLE) {
      row.platform?.(sim, ids);
      const before = sim.journal.length;
      await row.run(adapter, ids);
      actual.push({ call: row.call, requests: sim.journal.slice(before).map(wireOf) });
      expected.push({ call: row.call, requests: row.expect(ids) });
    }
    expect(actual).toEqual(expected);
    expect(sim.journal.every((entry) => entry.outcome === 'served' && entry.status === 200)).toBe(true);
  });

  it('authenticates with the api_key query parameter on every request, and nowhere else', async () => {
    const adapter = new SmartleadEmailOutreachAdapter(testProviderHttp('email_outreach', sim.apiUrl).client);
    sim.clearJournal();
    await adapter.checkCredentials(connection);
    const campaign = await adapter.createCampaign(connection, { name: 'Auth placement' });
    await adapter.addLeads(connection, campaign.externalId, [{ email: 'auth@placement.example' }]);
    await adapter.pauseLead(connection, campaign.externalId, { externalId: null, email: 'auth@placement.example' });
    await adapter.findCampaignsByName(connection, 'Auth placement');
    expect(sim.journal.length).toBeGreaterThanOrEqual(6);
    for (const entry of sim.journal) {
      expect(entry.query.getAll('api_key')).toEqual([API_KEY]);
      expect(entry.headers['authorization']).toBeUndefined();
      expect(entry.headers['x-api-key']).toBeUndefined();
      expect(Object.values(entry.headers).join('\n')).not.toContain(API_KEY);
      expect(JSON.stringify(entry.body ?? null)).not.toContain(API_KEY);
      // Cloudflare in front of Smartlead refuses library default user agents (providers.md §2.1).
      expect(entry.headers['user-agent']).toMatch(/^OutboundEngineX\//);
      if (entry.body !== undefined) expect(entry.headers['content-type']).toBe('application/json');
    }
  });
});
