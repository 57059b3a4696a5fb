import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmartleadSimulator, SMARTLEAD_DEFAULT_RATE_LIMIT, type SmartleadSimulator } from '../../../infrastructure/simulators/smartlead/smartlead-simulator.js';
import { SMARTLEAD_WEBHOOK_EVENTS, type SmartleadWebhookEvent } from '../../../infrastructure/simulators/smartlead/smartlead-webhook-payloads.js';

// The simulator's own rules, driven with plain fetch (no adapter), so the adapter tests stand on
// a simulator whose behaviour is itself pinned down.

const KEY = 'sim-test-key-4f1c';
const OTHER_KEY = 'sim-test-key-other-9b2d';
const SIGNING_SECRET = 'whsec-sim-test';
const SECRET_KEY = '3f1c9a2e-7b4d-4e8a-9c61-2d5f0b8e4a17';
const CLIENT = 31204;
/** The reference samples, copied from shared/reference into tests/fixtures like the OpenAPI contract. */
const SAMPLES_DIR = fileURLToPath(new URL('../../fixtures/webhook-samples/smartlead', import.meta.url));

let sim: SmartleadSimulator;

beforeAll(async () => {
  sim = createSmartleadSimulator({
    apiKeys: [KEY, OTHER_KEY],
    rateLimit: null,
    clients: [{ id: CLIENT, name: 'Acme' }],
    emailAccounts: [{ fromEmail: 'sam@acme-outbound.com', fromName: 'Sam', clientId: CLIENT }],
    blockList: ['@blocked.example'],
    webhook: { secretKey: SECRET_KEY, signingSecret: SIGNING_SECRET },
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

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly retryAfter: string | null;
  readonly body: unknown;
}

async function call(method: string, path: string, options: { body?: unknown; key?: string | null; headers?: Record<string, string>; query?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(`${sim.apiUrl}${path}`);
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) url.searchParams.set('api_key', key);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  return { status: response.status, contentType, retryAfter: response.headers.get('retry-after'), body: contentType.includes('json') ? JSON.parse(text) : text };
}

async function draftCampaign(name = 'Sim rules', clientId: number | null = null): Promise<number> {
  const created = await call('POST', '/campaigns/create', { body: clientId === null ? { name } : { name, client_id: clientId } });
  expect(created.status).toBe(200);
  return (created.body as { id: number }).id;
}

const ONE_STEP = { sequences: [{ id: null, seq_number: 1, seq_delay_details: { delay_in_days: 0 }, subject: 'Hello', email_body: 'Hi {{first_name}}' }] };

async function campaignWithLeads(emails: readonly string[], clientId: number | null = null): Promise<{ campaignId: number; leadIds: number[] }> {
  const campaignId = await draftCampaign('With leads', clientId);
  expect((await call('POST', `/campaigns/${campaignId}/sequences`, { body: ONE_STEP })).status).toBe(200);
  const upload = await call('POST', `/campaigns/${campaignId}/leads`, { body: { lead_list: emails.map((email) => ({ email, first_name: 'Dana', last_name: 'Reyes' })) } });
  expect(upload.status).toBe(200);
  const listed = await call('GET', `/campaigns/${campaignId}/leads`, { query: { offset: '0', limit: '100' } });
  const leadIds = (listed.body as { data: { lead: { id: number } }[] }).data.map((item) => item.lead.id);
  return { campaignId, leadIds };
}

describe('Smartlead simulator: authentication', () => {
  it('answers 401 {"message":"Invalid API Key"} without a key, with a wrong key, and with the key in a header', async () => {
    const attempts = [
      await call('GET', '/campaigns/', { key: null }),
      await call('GET', '/campaigns/', { key: 'not-a-key' }),
      await call('GET', '/campaigns/', { key: null, headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY } }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(401);
      expect(attempt.body).toEqual({ message: 'Invalid API Key' });
    }
    expect(sim.journal.map((entry) => entry.outcome)).toEqual(['unauthorized', 'unauthorized', 'unauthorized']);
  });

  it('keeps each API key to its own campaigns', async () => {
    const campaignId = await draftCampaign();
    const foreign = await call('GET', `/campaigns/${campaignId}`, { key: OTHER_KEY });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ error: 'Campaign not found - Invalid campaign_id.' });
  });
});

describe('Smartlead simulator: rate limit', () => {
  it('defaults to 60 requests per 60 s per API key and answers the 61st with 429, Retry-After and the documented body', async () => {
    const limited = createSmartleadSimulator({ apiKeys: [KEY, OTHER_KEY] });
    await limited.listen();
    try {
      expect(SMARTLEAD_DEFAULT_RATE_LIMIT).toEqual({ limit: 60, windowMs: 60_000 });
      const answers = [];
      for (let i = 0; i < 61; i += 1) {
        const response = await fetch(`${limited.apiUrl}/campaigns/?api_key=${KEY}`);
        answers.push({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() });
      }
      expect(answers.slice(0, 60).every((answer) => answer.status === 200)).toBe(true);
      const refused = answers[60]!;
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.retryAfter);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body).toEqual({
        error: { code: 'RATE_LIMIT_EXCEEDED', message: `Rate limit exceeded. Please retry after ${retryAfter} seconds.`, retry_after: retryAfter },
      });
      // Another key has its own budget.
      expect((await fetch(`${limited.apiUrl}/campaigns/?api_key=${OTHER_KEY}`)).status).toBe(200);
      expect(limited.journal.map((entry) => entry.outcome).filter((outcome) => outcome === 'rate_limited')).toHaveLength(1);
      // Each request is stamped on arrival, which is what a pacing test measures.
      const stamps = limited.journal.map((entry) => entry.receivedAt);
      expect(stamps).toEqual([...stamps].sort((left, right) => left - right));
    } finally {
      await limited.close();
    }
  });

  it('takes a rate limit at construction and through setRateLimit and the control route', async () => {
    const limited = createSmartleadSimulator({ apiKeys: [KEY], rateLimit: { limit: 2, windowMs: 60_000 } });
    await limited.listen();
    try {
      const statuses = async (count: number) => {
        const seen: number[] = [];
        for (let i = 0; i < count; i += 1) seen.push((await fetch(`${limited.apiUrl}/campaigns/?api_key=${KEY}`)).status);
        return seen;
      };
      expect(await statuses(3)).toEqual([200, 200, 429]);
      limited.setRateLimit({ limit: 1, windowMs: 60_000 });
      expect(await statuses(2)).toEqual([200, 429]);
      const control = await fetch(`${limited.url}/__sim/smartlead/rate-limit`, { method: 'POST', body: JSON.stringify({ limit: null }) });
      expect(control.status).toBe(204);
      expect(await statuses(5)).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await limited.close();
    }
  });
});

describe('Smartlead simulator: campaign status machine', () => {
  it('creates campaigns DRAFTED with only name and client_id accepted', async () => {
    const created = await call('POST', '/campaigns/create', { body: { name: 'Q1', client_id: CLIENT } });
    expect(created.body).toMatchObject({ ok: true, name: 'Q1' });
    const campaign = await call('GET', `/campaigns/${(created.body as { id: number }).id}`);
    expect(campaign.body).toMatchObject({ status: 'DRAFTED', client_id: CLIENT, name: 'Q1' });
    expect(await call('POST', '/campaigns/create', { body: { name: 'Q1', timezone: 'UTC' } })).toMatchObject({ status: 400, body: { error: '"timezone" is not allowed' } });
    expect(await call('POST', '/campaigns/create', { body: { name: 'Q1', client_id: String(CLIENT) } })).toMatchObject({ status: 400, body: { error: '"client_id" must be a number' } });
    expect(await call('POST', '/campaigns/create', { body: { name: 'Q1', client_id: 99 } })).toMatchObject({ status: 400 });
  });

  it('lists the key’s campaigns as one bare array, filtered by client_id, each as GET /campaigns/{id} answers it', async () => {
    const agencyId = await draftCampaign('Listed (agency)');
    const clientId = await draftCampaign('Listed (client)', CLIENT);
    const foreign = sim.state.createCampaign(OTHER_KEY, 'Listed (other key)', null);

    const all = (await call('GET', '/campaigns/')).body as { id: number }[];
    const forClient = (await call('GET', '/campaigns/', { query: { client_id: String(CLIENT) } })).body as { id: number; client_id: number }[];

    expect(all.map((campaign) => campaign.id)).toEqual(expect.arrayContaining([agencyId, clientId]));
    expect(all.map((campaign) => campaign.id)).not.toContain(foreign.id);
    expect(forClient.length).toBeGreaterThan(0);
    expect(forClient.every((campaign) => campaign.client_id === CLIENT)).toBe(true);
    expect(forClient.find((campaign) => campaign.id === clientId)).toEqual((await call('GET', `/campaigns/${clientId}`)).body);
  });

  it('refuses ACTIVE as a command, pausing a draft, and starting without a sequence', async () => {
    const campaignId = await draftCampaign();
    expect(await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'ACTIVE' } })).toMatchObject({
      status: 400,
      body: { error: '"status" must be one of [START, PAUSED, STOPPED]' },
    });
    expect((await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'PAUSED' } })).status).toBe(400);
    expect((await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'START' } })).status).toBe(400);
    expect(sim.state.campaign(campaignId).status).toBe('DRAFTED');
  });

  it('runs DRAFTED → ACTIVE → PAUSED → ACTIVE → STOPPED, and STOPPED is permanent', async () => {
    const campaignId = await draftCampaign();
    await call('POST', `/campaigns/${campaignId}/sequences`, { body: ONE_STEP });
    const statusAfter = async (status: string) => {
      const answer = await call('POST', `/campaigns/${campaignId}/status`, { body: { status } });
      return { code: answer.status, status: sim.state.campaign(campaignId).status };
    };
    expect(await statusAfter('START')).toEqual({ code: 200, status: 'ACTIVE' });
    expect(await statusAfter('PAUSED')).toEqual({ code: 200, status: 'PAUSED' });
    expect(await statusAfter('START')).toEqual({ code: 200, status: 'ACTIVE' });
    expect(await statusAfter('STOPPED')).toEqual({ code: 200, status: 'STOPPED' });
    expect(await statusAfter('START')).toEqual({ code: 400, status: 'STOPPED' });
    expect(await statusAfter('PAUSED')).toEqual({ code: 400, status: 'STOPPED' });
    expect(await statusAfter('STOPPED')).toEqual({ code: 200, status: 'STOPPED' });
  });
});

describe('Smartlead simulator: sequences', () => {
  it('refuses a sequence save while the campaign is ACTIVE and accepts it once paused', async () => {
    const campaignId = await draftCampaign();
    await call('POST', `/campaigns/${campaignId}/sequences`, { body: ONE_STEP });
    await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'START' } });
    const refused = await call('POST', `/campaigns/${campaignId}/sequences`, { body: ONE_STEP });
    expect(refused).toMatchObject({ status: 400, body: { error: 'Cannot update sequences of an active campaign. Please pause the campaign first.' } });
    await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'PAUSED' } });
    expect((await call('POST', `/campaigns/${campaignId}/sequences`, { body: ONE_STEP })).status).toBe(200);
  });

  it('insists on the write spelling (sequences, seq_variants, delay_in_days) and reads back the read spelling', async () => {
    const campaignId = await draftCampaign();
    const step = ONE_STEP.sequences[0]!;
    expect(await call('POST', `/campaigns/${campaignId}/sequences`, { body: { sequence: [step] } })).toMatchObject({ status: 400, body: { error: '"sequences" is required' } });
    expect(await call('POST', `/campaigns/${campaignId}/sequences`, { body: { sequences: [{ ...step, seq_delay_details: { delayInDays: 1 } }] } })).toMatchObject({
      status: 400,
      body: { error: '"sequences[0].seq_delay_details.delayInDays" is not allowed' },
    });
    expect(await call('POST', `/campaigns/${campaignId}/sequences`, { body: { sequences: [{ ...step, sequence_variants: [] }] } })).toMatchObject({
      status: 400,
      body: { error: '"sequences[0].sequence_variants" is not allowed' },
    });
    const withVariants = {
      sequences: [
        {
          ...step,
          variant_distribution_type: 'MANUAL_PERCENTAGE',
          seq_variants: [
            { subject: 'A', email_body: 'a', variant_label: 'A', variant_distribution_percentage: 60 },
            { subject: 'B', email_body: 'b', variant_label: 'B', variant_distribution_percentage: 30 },
          ],
        },
      ],
    };
    expect(await call('POST', `/campaigns/${campaignId}/sequences`, { body: withVariants })).toMatchObject({ status: 400, body: { error: '"sequences[0].seq_variants" percentages must add up to 100' } });
    withVariants.sequences[0]!.seq_variants[1]!.variant_distribution_percentage = 40;
    expect((await call('POST', `/campaigns/${campaignId}/sequences`, { body: withVariants })).status).toBe(200);
    const read = await call('GET', `/campaigns/${campaignId}/sequences`);
    expect(Array.isArray(read.body)).toBe(true);
    const [stored] = read.body as Record<string, unknown>[];
    expect(stored).toMatchObject({ seq_number: 1, seq_delay_details: { delayInDays: 0 }, email_campaign_id: campaignId });
    expect((stored!['sequence_variants'] as { variant_label: string; is_deleted: boolean }[]).map((variant) => [variant.variant_label, variant.is_deleted])).toEqual([
      ['A', false],
      ['B', false],
    ]);
  });

  it('keeps ids sent back, marks variants left out as deleted, and refuses ids of another campaign', async () => {
    const campaignId = await draftCampaign();
    const twoVariants = {
      sequences: [
        {
          ...ONE_STEP.sequences[0]!,
          variant_distribution_type: 'MANUAL_EQUAL',
          seq_variants: [
            { subject: 'A', email_body: 'a', variant_label: 'A', variant_distribution_percentage: null },
            { subject: 'B', email_body: 'b', variant_label: 'B', variant_distribution_percentage: null },
          ],
        },
      ],
    };
    await call('POST', `/campaigns/${campaignId}/sequences`, { body: twoVariants });
    const [first] = (await call('GET', `/campaigns/${campaignId}/sequences`)).body as { id: number; sequence_variants: { id: number }[] }[];
    const keepA = { ...twoVariants.sequences[0]!, id: first!.id, seq_variants: [{ ...twoVariants.sequences[0]!.seq_variants[0]!, id: first!.sequence_variants[0]!.id }] };
    await call('POST', `/campaigns/${campaignId}/sequences`, { body: { sequences: [keepA] } });
    const [second] = (await call('GET', `/campaigns/${campaignId}/sequences`)).body as { id: number; sequence_variants: { id: number; is_deleted: boolean }[] }[];
    expect(second!.id).toBe(first!.id);
    expect(second!.sequence_variants.map((variant) => [variant.id, variant.is_deleted])).toEqual([
      [first!.sequence_variants[0]!.id, false],
      [first!.sequence_variants[1]!.id, true],
    ]);
    const other = await draftCampaign();
    expect((await call('POST', `/campaigns/${other}/sequences`, { body: { sequences: [{ ...ONE_STEP.sequences[0]!, id: first!.id }] } })).status).toBe(400);
  });
});

describe('Smartlead simulator: leads', () => {
  it('rejects more than 100 leads per call with a Joi-style 400 and adds none of them', async () => {
    const campaignId = await draftCampaign();
    const tooMany = Array.from({ length: 101 }, (_, index) => ({ email: `lead${index}@batch.example` }));
    const refused = await call('POST', `/campaigns/${campaignId}/leads`, { body: { lead_list: tooMany } });
    expect(refused).toMatchObject({ status: 400, body: { error: '"lead_list" must contain less than or equal to 100 items' } });
    expect(sim.state.campaign(campaignId).leads).toHaveLength(0);
    expect((await call('POST', `/campaigns/${campaignId}/leads`, { body: { lead_list: tooMany.slice(0, 100) } })).status).toBe(200);
    expect(sim.state.campaign(campaignId).leads).toHaveLength(100);
  });

  it('refuses the wrong field names: leads, company, settings.update', async () => {
    const campaignId = await draftCampaign();
    expect(await call('POST', `/campaigns/${campaignId}/leads`, { body: { leads: [{ email: 'a@b.example' }] } })).toMatchObject({ status: 400, body: { error: '"lead_list" is required' } });
    expect(await call('POST', `/campaigns/${campaignId}/leads`, { body: { lead_list: [{ email: 'a@b.example', company: 'Acme' }] } })).toMatchObject({
      status: 400,
      body: { error: '"lead_list[0].company" is not allowed' },
    });
    expect(await call('POST', `/campaigns/${campaignId}/leads`, { body: { lead_list: [{ email: 'a@b.example' }], settings: { update: true } } })).toMatchObject({
      status: 400,
      body: { error: '"settings.update" is not allowed' },
    });
  });

  it('counts an upload the way live users observed: added, already present, invalid, blocked, unsubscribed, duplicates', async () => {
    const campaignId = await draftCampaign('Counts', CLIENT);
    await call('POST', `/campaigns/${campaignId}/leads`, { body: { lead_list: [{ email: 'dana@northwind.example' }, { email: 'jo@contoso.example' }] } });
    const jo = sim.state.leadByEmail(KEY, 'jo@contoso.example')!;
    sim.state.unsubscribeLead(sim.state.campaign(campaignId), sim.state.requireCampaignLead(sim.state.campaign(campaignId), jo.id));
    const elsewhere = await draftCampaign('Elsewhere');
    await call('POST', `/campaigns/${elsewhere}/leads`, { body: { lead_list: [{ email: 'busy@fabrikam.example' }] } });
    const other = await draftCampaign('Other', CLIENT);
    await call('POST', `/campaigns/${other}/leads`, { body: { lead_list: [{ email: 'dana@northwind.example' }] } });
    const upload = await call('POST', `/campaigns/${campaignId}/leads`, {
      body: {
        lead_list: [
          { email: 'dana@northwind.example', first_name: 'Dana' },
          { email: 'not-an-email' },
          { email: 'someone@blocked.example' },
          { email: 'new@northwind.example' },
          { email: 'new@northwind.example' },
          { email: 'busy@fabrikam.example' },
        ],
      },
    });
    expect(upload.body).toEqual({
      ok: true,
      upload_count: 6,
      total_leads: 1,
      block_count: 1,
      duplicate_count: 2,
      invalid_email_count: 1,
      invalid_emails: ['not-an-email'],
      already_added_to_campaign: 1,
      unsubscribed_leads: [],
      is_lead_limit_exhausted: false,
      lead_import_stopped_count: 0,
      bounce_count: 0,
    });
    const again = await call('POST', `/campaigns/${other}/leads`, { body: { lead_list: [{ email: 'jo@contoso.example' }] }, query: {} });
    expect(again.body).toMatchObject({ total_leads: 0, unsubscribed_leads: ['jo@contoso.example'] });
    // The lead in "Counts" was updated platform-wide by the re-upload.
    expect(sim.state.leadByEmail(KEY, 'dana@northwind.example')!.firstName).toBe('Dana');
  });

  it('pages campaign leads with offset/limit ≤ 100, total_leads as a string, and the lead id apart from the map id', async () => {
    const { campaignId } = await campaignWithLeads(Array.from({ length: 3 }, (_, index) => `p${index}@paging.example`));
    const page = await call('GET', `/campaigns/${campaignId}/leads`, { query: { offset: '1', limit: '1' } });
    const body = page.body as { total_leads: unknown; offset: number; limit: number; data: { campaign_lead_map_id: number; status: string; lead: { id: number; email: string } }[] };
    expect(body).toMatchObject({ total_leads: '3', offset: 1, limit: 1 });
    expect(body.data.map((item) => [item.lead.email, item.status])).toEqual([['p1@paging.example', 'STARTED']]);
    expect(body.data[0]!.campaign_lead_map_id).not.toBe(body.data[0]!.lead.id);
    expect(await call('GET', `/campaigns/${campaignId}/leads`, { query: { limit: '101' } })).toMatchObject({ status: 400, body: { error: '"limit" must be less than or equal to 100' } });
  });

  it('pauses, resumes and unsubscribes by lead id, answering JSON, JSON and plain text', async () => {
    const { campaignId, leadIds } = await campaignWithLeads(['act@actions.example']);
    const leadId = leadIds[0]!;
    const entry = () => sim.state.requireCampaignLead(sim.state.campaign(campaignId), leadId);
    const pause = await call('POST', `/campaigns/${campaignId}/leads/${leadId}/pause`);
    expect(pause).toMatchObject({ status: 200, body: { ok: true } });
    expect(pause.contentType).toContain('application/json');
    expect(entry().status).toBe('PAUSED');
    expect((await call('POST', `/campaigns/${campaignId}/leads/${leadId}/resume`)).body).toEqual({ ok: true });
    expect(entry().status).toBe('STARTED');
    const unsubscribe = await call('POST', `/campaigns/${campaignId}/leads/${leadId}/unsubscribe`);
    expect(unsubscribe).toMatchObject({ status: 200, body: 'success' });
    expect(unsubscribe.contentType).toContain('text/plain');
    expect(entry().status).toBe('STOPPED');
    expect((await call('POST', `/campaigns/${campaignId}/leads/${leadId}/resume`)).status).toBe(400);
    const mapId = entry().mapId;
    expect(await call('POST', `/campaigns/${campaignId}/leads/${mapId}/pause`)).toMatchObject({ status: 404, body: { error: 'Lead not found in this campaign.' } });
  });

  it('finds a lead by email, and answers {} for an unknown address', async () => {
    const { campaignId, leadIds } = await campaignWithLeads(['lookup@leads.example']);
    const found = await call('GET', '/leads/', { query: { email: 'lookup@leads.example' } });
    expect(found.body).toMatchObject({ id: leadIds[0], email: 'lookup@leads.example', lead_campaign_data: [{ campaign_id: campaignId }] });
    expect((await call('GET', '/leads/', { query: { email: 'nobody@leads.example' } })).body).toEqual({});
  });
});

describe('Smartlead simulator: progress, history and analytics', () => {
  it('records sends and replies into {history} and string counts in analytics', async () => {
    const { campaignId, leadIds } = await campaignWithLeads(['h1@history.example', 'h2@history.example']);
    await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'START' } });
    const [first, second] = leadIds as [number, number];
    sim.progress('sent', campaignId, first);
    sim.progress('open', campaignId, first);
    sim.progress('open', campaignId, first);
    sim.progress('reply', campaignId, first);
    sim.progress('sent', campaignId, second);
    sim.progress('bounce', campaignId, second);
    const history = await call('GET', `/campaigns/${campaignId}/leads/${first}/message-history`);
    const entries = (history.body as { history: { type: string; email_seq_number: unknown; message_id: string }[] }).history;
    expect(entries.map((entry) => [entry.type, entry.email_seq_number])).toEqual([
      ['SENT', '1'],
      ['REPLY', '1'],
    ]);
    const analytics = (await call('GET', `/campaigns/${campaignId}/analytics`)).body;
    expect(analytics).toMatchObject({
      sent_count: '2',
      open_count: '2',
      unique_open_count: '1',
      reply_count: '1',
      bounce_count: '1',
      unsubscribed_count: '0',
      status: 'COMPLETED',
    });
    expect(() => sim.progress('sent', campaignId, first)).toThrow(/COMPLETED/);
  });

  it('answers email accounts as a bare array, filtered by client_id', async () => {
    const all = await call('GET', '/email-accounts/', { query: { offset: '0', limit: '100' } });
    const forClient = await call('GET', '/email-accounts/', { query: { offset: '0', limit: '100', client_id: String(CLIENT) } });
    const none = await call('GET', '/email-accounts/', { query: { client_id: '424242' } });
    expect(Array.isArray(all.body)).toBe(true);
    expect((forClient.body as { from_email: string; client_id: number }[]).map((account) => [account.from_email, account.client_id])).toEqual([['sam@acme-outbound.com', CLIENT]]);
    expect(none.body).toEqual([]);
  });
});

interface Received {
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

describe('Smartlead simulator: webhooks', () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/smartlead/tenant-token`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  afterEach(() => {
    received.length = 0;
  });

  /** The keys of a payload, nested objects included; values and their types may differ. */
  function keyShape(value: unknown): unknown {
    if (Array.isArray(value)) return value.length > 0 && typeof value[0] === 'object' && value[0] !== null ? [keyShape(value[0])] : 'list';
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, keyShape((value as Record<string, unknown>)[key])]),
      );
    }
    return 'value';
  }

  /** A campaign of client 31204 whose lead got an email, opened it, clicked, replied and unsubscribed. */
  let eventfulLeads = 0;
  async function eventfulLead(): Promise<{ campaignId: number; leadId: number; email: string }> {
    // A fresh address each time: Smartlead skips a lead another active campaign already holds.
    eventfulLeads += 1;
    const email = `dana.reyes+${eventfulLeads}@northwind.example`;
    const { campaignId, leadIds } = await campaignWithLeads([email, `spare+${eventfulLeads}@northwind.example`], CLIENT);
    const leadId = leadIds[0]!;
    await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'START' } });
    sim.progress('sent', campaignId, leadId);
    sim.progress('click', campaignId, leadId, { link: 'https://acme.example/benchmark' });
    sim.progress('reply', campaignId, leadId);
    await call('POST', `/campaigns/${campaignId}/leads/${leadId}/unsubscribe`);
    return { campaignId, leadId, email };
  }

  it('emits every sample event with exactly the keys of its sample file, signed with sha256=<hmac>', async () => {
    const { campaignId, leadId } = await eventfulLead();
    const account = sim.state.emailAccounts[0]!;
    const samples = readdirSync(SAMPLES_DIR).filter((file) => file.endsWith('.json'));
    expect(samples.length).toBeGreaterThanOrEqual(11);
    for (const file of samples) {
      const eventType = file.replace(/\.json$/, '') as SmartleadWebhookEvent;
      expect(SMARTLEAD_WEBHOOK_EVENTS).toContain(eventType);
      const sample = JSON.parse(readFileSync(`${SAMPLES_DIR}/${file}`, 'utf8')) as Record<string, unknown>;
      received.length = 0;
      const sent = await sim.deliverWebhook(receiverUrl, eventType, { campaignId, leadId, emailAccountId: account.id });
      expect(sent.result).toEqual({ status: 200, error: null });
      expect(received).toHaveLength(1);
      const delivered = received[0]!;
      const body = JSON.parse(delivered.body) as Record<string, unknown>;
      expect({ eventType, shape: keyShape(body) }).toEqual({ eventType, shape: keyShape(sample) });
      expect(body['event_type']).toBe(eventType);
      if ('secret_key' in sample) expect(body['secret_key']).toBe(SECRET_KEY);
      const expectedSignature = `sha256=${createHmac('sha256', SIGNING_SECRET).update(delivered.body, 'utf8').digest('hex')}`;
      expect(delivered.headers['x-smartlead-signature']).toBe(expectedSignature);
      expect(delivered.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('fills the payload from state: the campaign, the lead (sl_email_lead_id, sl_lead_email) and the message', async () => {
    const { campaignId, leadId, email } = await eventfulLead();
    const entry = sim.state.requireCampaignLead(sim.state.campaign(campaignId), leadId);
    const reply = (await sim.deliverWebhook(receiverUrl, 'EMAIL_REPLY', { campaignId, leadId })).body;
    const sentMessage = entry.messages.find((message) => message.type === 'SENT')!;
    const replyMessage = entry.messages.find((message) => message.type === 'REPLY')!;
    expect(reply).toMatchObject({
      event_type: 'EMAIL_REPLY',
      campaign_id: campaignId,
      client_id: CLIENT,
      sl_email_lead_id: leadId,
      sl_email_lead_map_id: entry.mapId,
      sl_lead_email: email,
      stats_id: sentMessage.statsId,
      to_email: 'sam@acme-outbound.com',
      from_email: email,
      sent_message: { message_id: sentMessage.messageId },
      reply_message: { message_id: replyMessage.messageId },
      webhook_url: receiverUrl,
    });
    const unsubscribed = (await sim.deliverWebhook(receiverUrl, 'LEAD_UNSUBSCRIBED', { campaignId, leadId })).body;
    expect(unsubscribed).toMatchObject({ lead_email: email, unsubscribed_client_id_map: { [String(CLIENT)]: true } });
    const click = (await sim.deliverWebhook(receiverUrl, 'EMAIL_LINK_CLICK', { campaignId, leadId })).body;
    expect(click).toMatchObject({ link_details: ['https://acme.example/benchmark'] });
  });

  it('reports CAMPAIGN_STATUS_CHANGED with the previous and current status', async () => {
    const { campaignId } = await campaignWithLeads(['status@hooks.example']);
    await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'START' } });
    await call('POST', `/campaigns/${campaignId}/status`, { body: { status: 'PAUSED' } });
    const body = (await sim.deliverWebhook(receiverUrl, 'CAMPAIGN_STATUS_CHANGED', { campaignId })).body;
    expect(body).toMatchObject({ previous_status: 'ACTIVE', current_status: 'PAUSED', campaign_status: 'PAUSED', campaign_id: campaignId });
  });

  it('delivers through the control route POST /__sim/webhooks, and unsigned when no signing secret is set', async () => {
    const unsigned = createSmartleadSimulator({ apiKeys: [KEY], rateLimit: null, webhook: { secretKey: SECRET_KEY } });
    await unsigned.listen();
    try {
      const campaign = unsigned.state.createCampaign(KEY, 'Control', null);
      unsigned.state.applyStatusCommand(campaign, 'STOPPED');
      const response = await fetch(`${unsigned.url}/__sim/webhooks`, {
        method: 'POST',
        body: JSON.stringify({ url: receiverUrl, event_type: 'CAMPAIGN_STATUS_CHANGED', campaign_id: campaign.id }),
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { status: number; payload: Record<string, unknown> };
      expect(answer.status).toBe(200);
      expect(answer.payload).toMatchObject({ event_type: 'CAMPAIGN_STATUS_CHANGED', previous_status: 'DRAFTED', current_status: 'STOPPED', secret_key: SECRET_KEY });
      expect(received).toHaveLength(1);
      expect(received[0]!.headers['x-smartlead-signature']).toBeUndefined();
      expect(JSON.parse(received[0]!.body)).toEqual(answer.payload);
      const unknown = await fetch(`${unsigned.url}/__sim/webhooks`, { method: 'POST', body: JSON.stringify({ url: receiverUrl, event_type: 'EMAIL_OPENED' }) });
      expect(unknown.status).toBe(400);
      // The kit's own control routes still answer beside Smartlead's.
      expect((await fetch(`${unsigned.url}/__sim/health`)).status).toBe(200);
      expect(unsigned.journal).toHaveLength(0);
    } finally {
      await unsigned.close();
    }
  });

  it('seeds inboxes and makes a campaign progress through control routes, for a sandbox in another process', async () => {
    const sandbox = createSmartleadSimulator({ apiKeys: [KEY], rateLimit: null });
    await sandbox.listen();
    try {
      const control = async (path: string, body: unknown) => {
        const response = await fetch(`${sandbox.url}/__sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const seeded = await control('smartlead/email-accounts', { fromEmail: 'sandbox@acme-outbound.example', clientId: CLIENT });
      expect(seeded).toMatchObject({ status: 200, body: { from_email: 'sandbox@acme-outbound.example', client_id: CLIENT } });
      const campaign = sandbox.state.createCampaign(KEY, 'Sandbox', null);
      sandbox.state.replaceSequence(campaign, [{ id: null, seqNumber: 1, delayInDays: 0, subject: 'Hello', body: 'Hi', distribution: null, variants: null }]);
      sandbox.state.uploadLeads(campaign, [{ email: 'sandbox.lead@northwind.example' }], {
        ignore_global_block_list: false,
        ignore_unsubscribe_list: false,
        ignore_community_bounce_list: false,
        ignore_duplicate_leads_in_other_campaign: false,
      });
      const leadId = campaign.leads[0]!.leadId;
      const tooEarly = await control('smartlead/progress', { action: 'sent', campaign_id: campaign.id, lead_id: leadId });
      expect(tooEarly).toMatchObject({ status: 400, body: { message: expect.stringMatching(/only an ACTIVE campaign sends/) } });
      sandbox.state.applyStatusCommand(campaign, 'START');
      const sent = await control('smartlead/progress', { action: 'sent', campaign_id: campaign.id, lead_id: leadId });
      expect(sent).toMatchObject({ status: 200, body: { type: 'SENT', message_id: expect.stringMatching(/^<.+@mail\.acme-outbound\.example>$/) } });
      expect(campaign.leads[0]!.messages.map((message) => message.type)).toEqual(['SENT']);
      expect((await control('smartlead/progress', { action: 'forward', campaign_id: campaign.id, lead_id: leadId })).status).toBe(400);
      expect(sandbox.journal).toHaveLength(0);
    } finally {
      await sandbox.close();
    }
  });
});
