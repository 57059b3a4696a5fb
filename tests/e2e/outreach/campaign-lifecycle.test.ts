import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedEmailCompany, startEmailOutreachWorld, type ConnectedCompany, type EmailOutreachWorld, type EmailProviderSlug } from '../../support/email-outreach-fixture.js';
import type { HttpResponse } from '../../support/http-client.js';
import { referenceResponseProblems } from '../../support/reference-contract.js';

/**
 * One campaign's whole life on each email provider, through the HTTP API and the provider
 * simulators: create, sequence versions, a lead import with duplicates and suppressed addresses,
 * launch and pause, per-lead controls, a reply and its thread, and the summary analytics. Every
 * answer of a path the reference contract declares is checked against its schema.
 */

interface CampaignBody {
  id: string;
  status: string;
  sync_state: string;
  external_campaign_id: string;
}

interface ImportBody {
  id: string;
  status: string;
  submitted: number;
  added: number;
  duplicates_in_request: number;
  already_in_campaign: number;
  suppressed: number;
  pushed: number;
}

interface MutationBody {
  campaign_id: string;
  affected: number;
  status: string;
  import?: ImportBody;
}

interface LeadBody {
  id: string;
  email: string;
  status: string;
  sync_state: string;
  external_lead_id: string;
}

interface MessageBody {
  direction: string;
  body: string | null;
  company_campaign_lead_id: string | null;
  sequence_step_number: number | null;
}

interface SequenceBody {
  sequence: { seq_number: number; variants?: unknown[] }[];
  source: string;
  version: number | null;
}

const STEP_ONE = { seq_number: 1, subject: 'Quick question', email_body: 'Hi {{first_name}}, a quick question.', seq_delay_details: { delay_in_days: 0 } };
const STEP_TWO = { seq_number: 2, subject: '', email_body: 'Following up on my note.', seq_delay_details: { delay_in_days: 3 } };
const STEP_ONE_AB = {
  ...STEP_ONE,
  variants: [
    { label: 'A', subject: 'Quick question', email_body: 'Hi {{first_name}}, a quick question.', distribution_percent: 50 },
    { label: 'B', subject: 'An idea for {{company}}', email_body: 'Hi {{first_name}}, an idea.', distribution_percent: 50 },
  ],
};

let world: EmailOutreachWorld;
const contractProblems: string[] = [];

beforeAll(async () => {
  world = await startEmailOutreachWorld({ JOBS_POLL_INTERVAL_SECONDS: '0.5' });
});

afterAll(async () => world.close());

/** A request as `token`, its answer checked against the reference contract where it declares the path. */
async function call<T>(token: string, method: string, path: string, template: string, body?: unknown): Promise<HttpResponse<T>> {
  const response = await world.request<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
  if (response.status < 300) {
    const problems = referenceResponseProblems(method, template, response.status, response.body);
    if (problems?.length) contractProblems.push(`${method} ${template}: ${problems.join('; ')}`);
  }
  return response;
}

/** The provider's side of a lead's first step going out and of the lead replying to it. */
function simulateReply(provider: EmailProviderSlug, campaign: CampaignBody, email: string): void {
  const sentAt = new Date(Date.now() - 60_000);
  const repliedAt = new Date();
  if (provider === 'smartlead') {
    const state = world.simulators.smartlead.state;
    const lead = state.leadByEmail(world.simulators.apiKeys.smartlead, email)!;
    state.recordSent(Number(campaign.external_campaign_id), lead.id, { seqNumber: 1, at: sentAt });
    state.recordReply(Number(campaign.external_campaign_id), lead.id, { body: 'Sounds interesting, tell me more.', at: repliedAt });
  } else {
    const state = world.simulators.instantly.state;
    state.recordSentEmail(campaign.external_campaign_id, email, { step: 1, subject: STEP_ONE.subject, html: STEP_ONE.email_body, at: sentAt });
    state.recordReply(campaign.external_campaign_id, email, { html: 'Sounds interesting, tell me more.', at: repliedAt });
  }
}

describe.each(['smartlead', 'instantly'] as const)('a campaign on %s from creation to its first reply', (provider) => {
  let company: ConnectedCompany;
  let admin: string;
  let member: string;
  let campaign: CampaignBody;
  const leadIds: Record<string, string> = {};
  const addresses = { ana: `ana-${provider}@lifecycle.test`, bo: `bo-${provider}@lifecycle.test`, cy: `cy-${provider}@lifecycle.test`, gone: `gone-${provider}@lifecycle.test` };

  beforeAll(async () => {
    company = await connectedEmailCompany(world, provider);
    admin = company.companyAdminToken;
    member = company.companyMemberToken;
  });

  it('creates the campaign here and at the provider', async () => {
    const created = await call<CampaignBody>(admin, 'POST', '/api/campaigns/', '/api/campaigns/', { name: 'Lifecycle' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'DRAFTED', sync_state: 'synced' });
    expect(created.body.external_campaign_id).not.toBe('');
    campaign = created.body;
    const listed = await call<CampaignBody[]>(member, 'GET', '/api/campaigns/', '/api/campaigns/');
    expect(listed.body.map((found) => found.id)).toContain(campaign.id);
  });

  it('saves the sequence twice and keeps both versions', async () => {
    const path = `/api/campaigns/${campaign.id}/sequence`;
    const first = await call<SequenceBody>(admin, 'POST', path, '/api/campaigns/{campaign_id}/sequence', { sequence: [STEP_ONE] });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    const second = await call<SequenceBody>(admin, 'POST', path, '/api/campaigns/{campaign_id}/sequence', { sequence: [STEP_ONE_AB, STEP_TWO] });
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(2);

    const live = await call<SequenceBody>(member, 'GET', path, '/api/campaigns/{campaign_id}/sequence');
    expect(live.body).toMatchObject({ source: 'provider', version: 2 });
    expect(live.body.sequence.map((step) => step.seq_number)).toEqual([1, 2]);
    expect(live.body.sequence[0]!.variants).toHaveLength(2);
    const history = await world.request<{ version: number; step_count: number }[]>('GET', `${path}/versions`, { token: member });
    expect(history.body.map(({ version, step_count }) => [version, step_count])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });

  it('imports leads: duplicates and suppressed addresses are reported, not added', async () => {
    // An address unsubscribed from another campaign of the company is suppressed for all of them.
    const other = (await call<CampaignBody>(admin, 'POST', '/api/campaigns/', '/api/campaigns/', { name: 'Earlier campaign' })).body;
    await call(admin, 'POST', `/api/campaigns/${other.id}/leads`, '/api/campaigns/{campaign_id}/leads', { leads: [{ email: addresses.gone }] });
    const [gone] = (await call<LeadBody[]>(admin, 'GET', `/api/campaigns/${other.id}/leads`, '/api/campaigns/{campaign_id}/leads')).body;
    expect((await call(admin, 'POST', `/api/campaigns/${other.id}/leads/${gone!.id}/unsubscribe`, '/api/campaigns/{campaign_id}/leads/{lead_id}/unsubscribe')).status).toBe(200);

    const imported = await call<MutationBody>(admin, 'POST', `/api/campaigns/${campaign.id}/leads`, '/api/campaigns/{campaign_id}/leads', {
      leads: [
        { email: addresses.ana, first_name: 'Ana', company: 'Delta Corp', custom_fields: { tier: 'gold' } },
        { email: addresses.ana.toUpperCase(), first_name: 'Ana again' },
        { email: addresses.bo, first_name: 'Bo' },
        { email: addresses.cy, first_name: 'Cy', title: 'Head of Growth' },
        { email: addresses.gone },
      ],
    });

    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ campaign_id: campaign.id, affected: 3, status: 'added' });
    expect(imported.body.import).toMatchObject({ status: 'completed', submitted: 5, added: 3, duplicates_in_request: 1, already_in_campaign: 0, suppressed: 1, pushed: 3 });
    const leads = await call<LeadBody[]>(member, 'GET', `/api/campaigns/${campaign.id}/leads`, '/api/campaigns/{campaign_id}/leads');
    expect(leads.body.map((lead) => [lead.email, lead.status, lead.sync_state])).toEqual([
      [addresses.ana, 'active', 'synced'],
      [addresses.bo, 'active', 'synced'],
      [addresses.cy, 'active', 'synced'],
    ]);
    for (const lead of leads.body) leadIds[lead.email] = lead.id;
    const job = await world.request<ImportBody>('GET', `/api/campaigns/${campaign.id}/lead-imports/${imported.body.import!.id}`, { token: member });
    expect(job.body).toMatchObject({ status: 'completed', suppressed: 1 });
  });

  it('launches, pauses and resumes the campaign, refusing what the state machine forbids', async () => {
    const path = `/api/campaigns/${campaign.id}/status`;
    const template = '/api/campaigns/{campaign_id}/status';
    expect((await call<CampaignBody>(admin, 'POST', path, template, { status: 'ACTIVE' })).body.status).toBe('ACTIVE');
    // Sequences are frozen while the campaign sends.
    expect((await world.request('POST', `/api/campaigns/${campaign.id}/sequence`, { token: admin, body: { sequence: [STEP_ONE] } })).status).toBe(409);
    expect((await call<CampaignBody>(admin, 'POST', path, template, { status: 'PAUSED' })).body.status).toBe('PAUSED');
    const refused = await world.request<{ code: string; detail: string }>('POST', path, { token: admin, body: { status: 'DRAFTED' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'illegal_campaign_transition', detail: 'The campaign is PAUSED; it cannot become DRAFTED.' });
    expect((await world.request('POST', path, { token: member, body: { status: 'ACTIVE' } })).status).toBe(403);
    expect((await call<CampaignBody>(admin, 'POST', path, template, { status: 'ACTIVE' })).body.status).toBe('ACTIVE');
  });

  it('pauses, resumes and unsubscribes single leads as the provider allows', async () => {
    const lead = (email: string, control: string) => `/api/campaigns/${campaign.id}/leads/${leadIds[email]}/${control}`;
    const pause = await call<MutationBody>(admin, 'POST', lead(addresses.ana, 'pause'), '/api/campaigns/{campaign_id}/leads/{lead_id}/pause');
    if (provider === 'smartlead') {
      expect(pause.body).toMatchObject({ affected: 1, status: 'paused' });
      const resume = await call<MutationBody>(admin, 'POST', lead(addresses.ana, 'resume'), '/api/campaigns/{campaign_id}/leads/{lead_id}/resume');
      expect(resume.body).toMatchObject({ affected: 1, status: 'active' });
    } else {
      // No per-lead pause at this provider: a clear refusal naming the capability, not the provider.
      expect(pause.status).toBe(409);
      expect(pause.body).toMatchObject({ code: 'operation_not_supported', detail: "Pausing a single lead is not available for email outreach on this company's account." });
    }

    const unsubscribed = await call<MutationBody>(admin, 'POST', lead(addresses.bo, 'unsubscribe'), '/api/campaigns/{campaign_id}/leads/{lead_id}/unsubscribe');
    expect(unsubscribed.body).toMatchObject({ affected: 1, status: 'unsubscribed' });
    const again = await call<MutationBody>(admin, 'POST', lead(addresses.bo, 'unsubscribe'), '/api/campaigns/{campaign_id}/leads/{lead_id}/unsubscribe');
    expect(again.body).toMatchObject({ affected: 0, status: 'unsubscribed' });

    // Bo is now suppressed for every campaign of the company.
    const next = (await call<CampaignBody>(admin, 'POST', '/api/campaigns/', '/api/campaigns/', { name: 'Next quarter' })).body;
    const reimport = await call<MutationBody>(admin, 'POST', `/api/campaigns/${next.id}/leads`, '/api/campaigns/{campaign_id}/leads', { leads: [{ email: addresses.bo }] });
    expect(reimport.body.import).toMatchObject({ added: 0, suppressed: 1 });
  });

  it('shows the reply in the campaign, the thread and the unified inbox, and counts it', async () => {
    simulateReply(provider, campaign, addresses.cy);
    const leadId = leadIds[addresses.cy]!;

    const thread = await call<MessageBody[]>(member, 'GET', `/api/campaigns/${campaign.id}/leads/${leadId}/messages`, '/api/campaigns/{campaign_id}/leads/{lead_id}/messages');
    expect(thread.status).toBe(200);
    expect(thread.headers.get('x-data-source')).toBe('provider');
    expect(thread.body.map((message) => [message.direction, message.company_campaign_lead_id])).toEqual([
      ['outbound', leadId],
      ['inbound', leadId],
    ]);
    expect(thread.body[0]!.sequence_step_number).toBe(1);
    // Refreshing again stores nothing twice.
    expect((await world.request<MessageBody[]>('GET', `/api/campaigns/${campaign.id}/leads/${leadId}/messages`, { token: member })).body).toHaveLength(2);

    const replies = await call<MessageBody[]>(member, 'GET', `/api/campaigns/${campaign.id}/replies`, '/api/campaigns/{campaign_id}/replies');
    expect(replies.body.map((message) => message.body)).toEqual([expect.stringContaining('Sounds interesting')]);
    const inbox = await call<MessageBody[]>(member, 'GET', `/api/campaigns/messages?campaign_id=${campaign.id}&direction=inbound`, '/api/campaigns/messages');
    expect(inbox.body).toHaveLength(1);
    const lead = (await world.request<LeadBody[]>('GET', `/api/campaigns/${campaign.id}/leads?status=replied`, { token: member })).body;
    expect(lead.map((found) => found.email)).toEqual([addresses.cy]);

    const summary = await call<Record<string, unknown>>(member, 'GET', `/api/campaigns/${campaign.id}/analytics/summary`, '/api/campaigns/{campaign_id}/analytics/summary');
    expect(summary.body).toMatchObject({
      campaign_id: campaign.id,
      campaign_status: 'ACTIVE',
      leads_total: 3,
      leads_active: 1,
      leads_paused: 0,
      leads_unsubscribed: 1,
      replies_total: 1,
      outbound_messages_total: 1,
      reply_rate: 100,
    });
    expect(summary.body['last_activity_at']).not.toBeNull();
  });

  it('answered every contract path with a body the reference schema accepts', () => {
    expect(contractProblems).toEqual([]);
  });
});
