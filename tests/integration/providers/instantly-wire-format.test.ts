import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmailOutreachProvider } from '../../../application/outreach/email-outreach-provider.port.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import { InstantlyEmailOutreachAdapter } from '../../../adapters/providers/instantly/instantly-email-outreach.adapter.js';
import { createInstantlySimulator, type InstantlySimulator } from '../../../infrastructure/simulators/instantly/instantly-simulator.js';
import { testProviderHttp } from '../../support/provider-http.js';

/**
 * What goes over the wire for each port operation, as providers.md §4 documents Instantly API v2:
 * base URL + `/api/v2/...`, `Authorization: Bearer <key>` and nowhere else, snake_case bodies.
 * Read the table against providers.md line by line.
 */

const API_KEY = 'in-wire-5e6f7a8b9c0d1e2f';
const WORKSPACE = '019a1c2e-7f3b-7d41-9b2e-5c8d0f1a3e67';
const connection: ProviderConnection = { apiKey: API_KEY, workspaceId: WORKSPACE, clientId: null };

interface Ids {
  readonly campaign: string;
  readonly lead: string;
}

interface ExpectedRequest {
  readonly method: string;
  readonly path: string;
  /** Every query parameter, exactly. */
  readonly query: Readonly<Record<string, string>>;
  /** The JSON body exactly; undefined for none. */
  readonly body: unknown;
}

interface WireCase {
  readonly operation: string;
  readonly run: (adapter: EmailOutreachProvider, ids: Ids) => Promise<unknown>;
  /** Requests in order; empty when the operation must not call Instantly. */
  readonly expected: (ids: Ids) => readonly ExpectedRequest[];
}

const WEEKDAYS = { '0': false, '1': true, '2': true, '3': true, '4': true, '5': true, '6': false };

const TABLE: readonly WireCase[] = [
  {
    operation: 'checkCredentials',
    run: (adapter) => adapter.checkCredentials(connection),
    expected: () => [{ method: 'GET', path: '/api/v2/accounts', query: { limit: '1' }, body: undefined }],
  },
  {
    operation: 'listSendingAccounts',
    run: (adapter) => adapter.listSendingAccounts(connection),
    expected: () => [{ method: 'GET', path: '/api/v2/accounts', query: { limit: '100' }, body: undefined }],
  },
  {
    operation: 'createCampaign',
    run: (adapter) => adapter.createCampaign(connection, { name: 'Q1 CFOs' }),
    expected: () => [
      {
        method: 'POST',
        path: '/api/v2/campaigns',
        query: {},
        body: {
          name: 'Q1 CFOs',
          campaign_schedule: { schedules: [{ name: 'Default', timing: { from: '09:00', to: '17:00' }, days: WEEKDAYS, timezone: 'America/Detroit' }] },
        },
      },
    ],
  },
  {
    operation: 'getCampaign',
    run: (adapter, ids) => adapter.getCampaign(connection, ids.campaign),
    expected: (ids) => [{ method: 'GET', path: `/api/v2/campaigns/${ids.campaign}`, query: {}, body: undefined }],
  },
  {
    operation: 'findCampaignsByName (every page; no name filter is documented)',
    run: (adapter) => adapter.findCampaignsByName(connection, 'Wire'),
    expected: () => [{ method: 'GET', path: '/api/v2/campaigns', query: { limit: '100' }, body: undefined }],
  },
  {
    operation: 'setCampaignStatus ACTIVE',
    run: (adapter, ids) => adapter.setCampaignStatus(connection, ids.campaign, 'ACTIVE'),
    expected: (ids) => [{ method: 'POST', path: `/api/v2/campaigns/${ids.campaign}/activate`, query: {}, body: undefined }],
  },
  {
    operation: 'setCampaignStatus PAUSED',
    run: (adapter, ids) => adapter.setCampaignStatus(connection, ids.campaign, 'PAUSED'),
    expected: (ids) => [{ method: 'POST', path: `/api/v2/campaigns/${ids.campaign}/pause`, query: {}, body: undefined }],
  },
  {
    operation: 'setCampaignStatus STOPPED (no stop in Instantly: pause)',
    run: (adapter, ids) => adapter.setCampaignStatus(connection, ids.campaign, 'STOPPED'),
    expected: (ids) => [{ method: 'POST', path: `/api/v2/campaigns/${ids.campaign}/pause`, query: {}, body: undefined }],
  },
  {
    operation: 'getSequence',
    run: (adapter, ids) => adapter.getSequence(connection, ids.campaign),
    expected: (ids) => [{ method: 'GET', path: `/api/v2/campaigns/${ids.campaign}`, query: {}, body: undefined }],
  },
  {
    operation: 'saveSequence',
    run: (adapter, ids) =>
      adapter.saveSequence(connection, ids.campaign, [
        { externalId: null, stepNumber: 1, delayDays: 0, subject: 'Hi {{firstName}}', body: 'First', variants: [] },
        { externalId: null, stepNumber: 2, delayDays: 3, subject: '', body: 'Second', variants: [] },
      ]),
    expected: (ids) => [
      {
        method: 'PATCH',
        path: `/api/v2/campaigns/${ids.campaign}`,
        query: {},
        body: {
          sequences: [
            {
              steps: [
                { type: 'email', delay: 3, delay_unit: 'days', variants: [{ subject: 'Hi {{firstName}}', body: 'First' }] },
                { type: 'email', delay: 0, delay_unit: 'days', variants: [{ subject: '', body: 'Second' }] },
              ],
            },
          ],
        },
      },
    ],
  },
  {
    operation: 'addLeads',
    run: (adapter, ids) =>
      adapter.addLeads(connection, ids.campaign, [
        {
          email: 'dana@northwind.io',
          firstName: 'Dana',
          lastName: 'Reyes',
          companyName: 'Northwind',
          title: 'VP Finance',
          phone: '+1 555 0100',
          website: 'northwind.io',
          linkedinUrl: 'https://www.linkedin.com/in/dana',
          customFields: { icebreaker: 'ERP post' },
        },
      ]),
    expected: (ids) => [
      {
        method: 'POST',
        path: '/api/v2/leads/add',
        query: {},
        body: {
          campaign_id: ids.campaign,
          leads: [
            {
              email: 'dana@northwind.io',
              first_name: 'Dana',
              last_name: 'Reyes',
              company_name: 'Northwind',
              job_title: 'VP Finance',
              phone: '+1 555 0100',
              website: 'northwind.io',
              custom_variables: { icebreaker: 'ERP post', linkedinUrl: 'https://www.linkedin.com/in/dana' },
            },
          ],
          skip_if_in_campaign: true,
        },
      },
    ],
  },
  {
    operation: 'listLeads (first page)',
    run: (adapter, ids) => adapter.listLeads(connection, ids.campaign, { cursor: null, limit: 50 }),
    expected: (ids) => [{ method: 'POST', path: '/api/v2/leads/list', query: {}, body: { campaign: ids.campaign, limit: 50 } }],
  },
  {
    operation: 'listLeads (next page)',
    run: (adapter, ids) => adapter.listLeads(connection, ids.campaign, { cursor: ids.lead, limit: 50 }),
    expected: (ids) => [{ method: 'POST', path: '/api/v2/leads/list', query: {}, body: { campaign: ids.campaign, limit: 50, starting_after: ids.lead } }],
  },
  {
    operation: 'pauseLead (no v2 endpoint)',
    run: (adapter, ids) => adapter.pauseLead(connection, ids.campaign, { externalId: ids.lead, email: 'known@prospects.io' }),
    expected: () => [],
  },
  {
    operation: 'resumeLead (no v2 endpoint)',
    run: (adapter, ids) => adapter.resumeLead(connection, ids.campaign, { externalId: ids.lead, email: 'known@prospects.io' }),
    expected: () => [],
  },
  {
    operation: 'unsubscribeLead (workspace block list)',
    run: (adapter, ids) => adapter.unsubscribeLead(connection, ids.campaign, { externalId: ids.lead, email: 'known@prospects.io' }),
    expected: () => [{ method: 'POST', path: '/api/v2/block-lists-entries', query: {}, body: { bl_value: 'known@prospects.io' } }],
  },
  {
    operation: 'listLeadMessages',
    run: (adapter, ids) => adapter.listLeadMessages(connection, ids.campaign, { externalId: ids.lead, email: 'known@prospects.io' }),
    expected: (ids) => [{ method: 'GET', path: '/api/v2/emails', query: { campaign_id: ids.campaign, lead: 'known@prospects.io', limit: '100' }, body: undefined }],
  },
  {
    operation: 'getCampaignStatistics',
    run: (adapter, ids) => adapter.getCampaignStatistics(connection, ids.campaign),
    expected: (ids) => [{ method: 'GET', path: '/api/v2/campaigns/analytics', query: { id: ids.campaign }, body: undefined }],
  },
];

describe('Instantly wire format', () => {
  let sim: InstantlySimulator;
  let adapter: InstantlyEmailOutreachAdapter;
  let ids: Ids;

  beforeAll(async () => {
    sim = createInstantlySimulator({ workspaces: [{ id: WORKSPACE, apiKeys: [API_KEY], accounts: [{ email: 'sam@acme.io' }] }], emailsRateLimit: null });
    await sim.listen();
    adapter = new InstantlyEmailOutreachAdapter(testProviderHttp('email_outreach', sim.url).client);
    const campaign = sim.state.addCampaign(WORKSPACE, { name: 'Wire' });
    const lead = sim.state.addLead(campaign.id, { email: 'known@prospects.io' });
    sim.state.recordSentEmail(campaign.id, lead.email);
    ids = { campaign: campaign.id, lead: lead.id };
  });

  afterAll(async () => {
    await sim.close();
  });

  beforeEach(() => {
    sim.clearJournal();
  });

  it.each(TABLE.map((entry) => [entry.operation, entry] as const))('%s', async (_operation, entry) => {
    await entry.run(adapter, ids);

    const sent = sim.journal.map((request) => ({
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      body: request.body,
    }));
    expect(sent).toEqual(entry.expected(ids));
    for (const request of sim.journal) {
      expect(request.outcome).toBe('served');
      expect(request.headers['authorization']).toBe(`Bearer ${API_KEY}`);
      // The key travels in that header only: no query key, no other header, never in a body.
      expect(request.query.has('api_key')).toBe(false);
      expect(request.headers['x-api-key']).toBeUndefined();
      const elsewhere = Object.entries(request.headers).filter(([name]) => name !== 'authorization');
      expect(JSON.stringify(elsewhere)).not.toContain(API_KEY);
      expect(request.path + request.query.toString() + JSON.stringify(request.body ?? null)).not.toContain(API_KEY);
      if (request.body !== undefined) expect(request.headers['content-type']).toMatch(/^application\/json/);
    }
  });
});
