import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignKey, CampaignLeadRepository } from '../../../application/outreach/leads/campaign-lead.repository.js';
import type { CampaignMessageRepository, MessageSighting } from '../../../application/outreach/messages/campaign-message.repository.js';
import type { CampaignLead } from '../../../domain/outreach/campaign-lead.js';
import { TOKENS } from '../../../infrastructure/container/tokens.js';
import type { FaultMatch } from '../../../infrastructure/simulators/kit/fault-plan.js';
import { PROVIDER_NAMES_HIDDEN_FROM_TENANTS } from '../../support/catalogue-ids.js';
import {
  connectedEmailCompany,
  startEmailOutreachWorld,
  type ConnectedCompany,
  type EmailOutreachWorld,
  type EmailProviderSlug,
} from '../../support/email-outreach-fixture.js';
import type { HttpResponse } from '../../support/http-client.js';
import { referenceResponseProblems } from '../../support/reference-contract.js';

/**
 * Replies, lead threads, the unified inbox and a campaign's analytics through the whole app, for
 * each email provider: threads are refreshed from the simulators and stored once, served from
 * the engine when the provider cannot answer, and every list stays inside the caller's scope.
 */

interface CampaignBody {
  id: string;
  external_campaign_id: string;
  sync_state: string;
}

interface MessageBody {
  id: string;
  company_id?: string;
  company_campaign_id: string;
  company_campaign_lead_id: string | null;
  external_message_id: string;
  direction: string;
  sequence_step_number: number | null;
  subject: string | null;
  body: string | null;
  sent_at: string;
}

interface ErrorBody {
  code: string;
  detail: string;
}

const PATHS = {
  feed: '/api/campaigns/messages',
  replies: '/api/campaigns/{campaign_id}/replies',
  thread: '/api/campaigns/{campaign_id}/leads/{lead_id}/messages',
  summary: '/api/campaigns/{campaign_id}/analytics/summary',
  provider: '/api/campaigns/{campaign_id}/analytics/provider',
} as const;

/** Where each simulator receives the calls these routes make. */
const PROVIDER_CALLS: Readonly<Record<EmailProviderSlug, Readonly<Record<'create' | 'thread' | 'statistics', FaultMatch>>>> = {
  smartlead: {
    create: { method: 'POST', pathIncludes: '/campaigns/create' },
    thread: { method: 'GET', pathIncludes: '/message-history' },
    statistics: { method: 'GET', pathIncludes: '/analytics' },
  },
  instantly: {
    create: { method: 'POST', pathIncludes: '/api/v2/campaigns' },
    thread: { method: 'GET', pathIncludes: '/api/v2/emails' },
    statistics: { method: 'GET', pathIncludes: '/api/v2/campaigns/analytics' },
  },
};

const SENT_AT = new Date('2031-03-02T09:00:00.000Z');
const REPLIED_AT = new Date('2031-03-02T11:30:00.000Z');

let world: EmailOutreachWorld;
let leads: CampaignLeadRepository;
let messages: CampaignMessageRepository;

beforeAll(async () => {
  // Instantly's thread reads have their own 20-per-minute budget; these tests read more often.
  world = await startEmailOutreachWorld();
  leads = world.server.application.container.get<CampaignLeadRepository>(TOKENS.CampaignLeadRepository);
  messages = world.server.application.container.get<CampaignMessageRepository>(TOKENS.CampaignMessageRepository);
});

afterAll(async () => world.close());

function get<T>(token: string, path: string): Promise<HttpResponse<T>> {
  return world.request<T>('GET', path, { token });
}

async function createCampaign(token: string, companyId?: string): Promise<CampaignBody> {
  const created = await world.request<CampaignBody>('POST', '/api/campaigns/', { token, body: { name: `Outbound ${randomUUID().slice(0, 6)}`, ...(companyId ? { company_id: companyId } : {}) } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

function keyOf(company: ConnectedCompany, campaign: CampaignBody): CampaignKey {
  return { orgId: company.org.id, companyId: company.companyId, campaignId: campaign.id };
}

/** Leads stored the way an import stores them, before anything reaches the provider. */
async function storeLeads(key: CampaignKey, emails: readonly string[]): Promise<CampaignLead[]> {
  const at = new Date();
  await leads.insertNew(
    key,
    emails.map((email) => ({ email, firstName: null, lastName: null, companyName: null, title: null, phone: null, linkedinUrl: null, customFields: {} })),
    { importJobId: null, at },
  );
  const stored = (await leads.list(key.orgId, key.campaignId, {}, { limit: 500 })).items;
  return emails.map((email) => stored.find((lead) => lead.email === email)!);
}

const uniqueEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@prospect.test`;

interface SeededThread {
  readonly email: string;
  readonly reply: string | null;
}

/**
 * Leads that the provider holds, each sent step 1 and some replying, and that the engine knows
 * as synced with their provider ids — what an import and a few days of sending leave behind.
 */
async function seedThreads(provider: EmailProviderSlug, company: ConnectedCompany, campaign: CampaignBody, threads: readonly SeededThread[]): Promise<CampaignLead[]> {
  const externalIds = provider === 'smartlead' ? seedSmartlead(campaign, threads) : seedInstantly(campaign, threads);
  const stored = await storeLeads(keyOf(company, campaign), threads.map((thread) => thread.email));
  await leads.markSynced(company.org.id, campaign.id, stored.map((lead, index) => ({ leadId: lead.id, externalLeadId: externalIds[index]! })), new Date());
  return Promise.all(stored.map(async (lead) => (await leads.findById(company.org.id, campaign.id, lead.id))!));
}

function seedSmartlead(campaign: CampaignBody, threads: readonly SeededThread[]): string[] {
  const state = world.simulators.smartlead.state;
  const simulated = state.campaign(Number(campaign.external_campaign_id));
  if (simulated.steps.length === 0) {
    // Two steps: a lead that got step 1 is still in progress, so the campaign keeps sending.
    state.replaceSequence(simulated, [1, 2].map((seqNumber) => ({ id: null, seqNumber, delayInDays: seqNumber - 1, subject: seqNumber === 1 ? 'Quick question' : '', body: `Step ${seqNumber}`, distribution: null, variants: null })));
    state.applyStatusCommand(simulated, 'START');
  }
  state.uploadLeads(simulated, threads.map((thread) => ({ email: thread.email })), {
    ignore_global_block_list: false,
    ignore_unsubscribe_list: false,
    ignore_community_bounce_list: false,
    ignore_duplicate_leads_in_other_campaign: false,
  });
  const ids = threads.map((thread) => state.leadByEmail(simulated.apiKey, thread.email)!.id);
  ids.forEach((id) => state.recordSent(simulated.id, id, { seqNumber: 1, at: SENT_AT }));
  threads.forEach((thread, index) => {
    if (thread.reply !== null) state.recordReply(simulated.id, ids[index]!, { body: thread.reply, at: REPLIED_AT });
  });
  return ids.map(String);
}

function seedInstantly(campaign: CampaignBody, threads: readonly SeededThread[]): string[] {
  const state = world.simulators.instantly.state;
  return threads.map((thread) => {
    const lead = state.addLead(campaign.external_campaign_id, { email: thread.email });
    state.recordSentEmail(campaign.external_campaign_id, thread.email, { step: 1, subject: 'Quick question', html: 'Step 1', at: SENT_AT });
    if (thread.reply !== null) state.recordReply(campaign.external_campaign_id, thread.email, { html: thread.reply, at: REPLIED_AT });
    return lead.id;
  });
}

/** A later reply, as the provider would record it, to tell a refreshed thread from a stored one. */
function replyAgain(provider: EmailProviderSlug, campaign: CampaignBody, lead: CampaignLead, at: Date): void {
  if (provider === 'smartlead') world.simulators.smartlead.state.recordReply(Number(campaign.external_campaign_id), Number(lead.externalLeadId), { body: 'One more thing', at });
  else world.simulators.instantly.state.recordReply(campaign.external_campaign_id, lead.email, { html: 'One more thing', at });
}

function threadPath(campaignId: string, leadId: string): string {
  return `/api/campaigns/${campaignId}/leads/${leadId}/messages`;
}

function expectContract(path: string, response: HttpResponse<unknown>): void {
  expect(referenceResponseProblems('get', path, response.status, response.body), path).toEqual([]);
}

describe.each(['smartlead', 'instantly'] as const)('messages and analytics on %s', (provider) => {
  it('refreshes threads from the provider, stores them once, and counts them in the summary and the provider statistics', async () => {
    const company = await connectedEmailCompany(world, provider);
    const campaign = await createCampaign(company.companyAdminToken);
    const [ana, bo] = await seedThreads(provider, company, campaign, [
      { email: uniqueEmail('ana'), reply: 'Sounds good, call me Tuesday' },
      { email: uniqueEmail('bo'), reply: null },
    ]);
    const token = company.companyMemberToken;

    const before = await get<Record<string, unknown>>(token, `/api/campaigns/${campaign.id}/analytics/summary`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ leads_total: 2, outbound_messages_total: 0, replies_total: 0, reply_rate: 0, last_activity_at: null });

    const thread = await get<MessageBody[]>(token, threadPath(campaign.id, ana!.id));
    expect(thread.status, JSON.stringify(thread.body)).toBe(200);
    expect(thread.headers.get('x-data-source')).toBe('provider');
    expect(thread.headers.get('x-data-source-reason')).toBeNull();
    expectContract(PATHS.thread, thread);
    expect(thread.body.map((message) => [message.direction, message.sent_at])).toEqual([
      ['outbound', SENT_AT.toISOString()],
      ['inbound', REPLIED_AT.toISOString()],
    ]);
    expect(thread.body[0]).toMatchObject({ company_campaign_id: campaign.id, company_campaign_lead_id: ana!.id, sequence_step_number: 1, subject: 'Quick question' });
    expect(thread.body[1]!.body).toContain('Sounds good, call me Tuesday');
    expect(JSON.stringify(thread.body)).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);

    const again = await get<MessageBody[]>(token, threadPath(campaign.id, ana!.id));
    expect(again.headers.get('x-data-source')).toBe('provider');
    expect(again.body.map((message) => message.id)).toEqual(thread.body.map((message) => message.id));
    expect((await leads.findById(company.org.id, campaign.id, ana!.id))!.status).toBe('replied');

    const boThread = await get<MessageBody[]>(token, threadPath(campaign.id, bo!.id));
    expect(boThread.body.map((message) => message.direction)).toEqual(['outbound']);
    expect((await leads.findById(company.org.id, campaign.id, bo!.id))!.status).toBe(bo!.status);

    const replies = await get<MessageBody[]>(token, `/api/campaigns/${campaign.id}/replies`);
    expect(replies.status).toBe(200);
    expectContract(PATHS.replies, replies);
    expect(replies.body.map((message) => message.id)).toEqual([thread.body[1]!.id]);

    const summary = await get<Record<string, unknown>>(token, `/api/campaigns/${campaign.id}/analytics/summary`);
    expect(summary.status).toBe(200);
    expectContract(PATHS.summary, summary);
    expect(summary.body).toMatchObject({
      campaign_id: campaign.id,
      campaign_status: 'DRAFTED',
      leads_total: 2,
      leads_active: bo!.status === 'active' ? 1 : 0,
      leads_paused: 0,
      leads_unsubscribed: 0,
      outbound_messages_total: 2,
      replies_total: 1,
      leads_contacted: 2,
      leads_replied: 1,
      reply_rate: 50,
      last_activity_at: REPLIED_AT.toISOString(),
    });
    expect(summary.body['leads_by_status']).toMatchObject({ replied: 1, [bo!.status]: 1 });

    const statistics = await get<Record<string, unknown>>(token, `/api/campaigns/${campaign.id}/analytics/provider`);
    expect(statistics.status, JSON.stringify(statistics.body)).toBe(200);
    expectContract(PATHS.provider, statistics);
    expect(statistics.body).toMatchObject({
      campaign_id: campaign.id,
      provider: 'email_outreach',
      provider_campaign_id: campaign.external_campaign_id,
      normalized: { sent: 2, opened: 0, clicked: 0, replied: 1, bounced: 0 },
      raw: { sent: 2, opened: 0, clicked: 0, replied: 1, bounced: 0, unsubscribed: 0 },
    });
    expect(JSON.stringify(statistics.body)).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
  });

  it('serves the stored thread with X-Data-Source: local while the provider is down, and refreshes again once it is back', async () => {
    const company = await connectedEmailCompany(world, provider);
    const campaign = await createCampaign(company.companyAdminToken);
    const [lead] = await seedThreads(provider, company, campaign, [{ email: uniqueEmail('cy'), reply: 'Interested' }]);
    const path = threadPath(campaign.id, lead!.id);
    const stored = await get<MessageBody[]>(company.companyAdminToken, path);
    expect(stored.body).toHaveLength(2);
    replyAgain(provider, campaign, lead!, new Date('2031-03-03T08:00:00.000Z'));

    // PROVIDER_MAX_ATTEMPTS=2: two 503s exhaust the call.
    world.simulators[provider].injectFault({ kind: 'status', status: 503, times: 2, match: PROVIDER_CALLS[provider].thread });
    const local = await get<MessageBody[]>(company.companyAdminToken, path);
    expect(local.status).toBe(200);
    expect(local.headers.get('x-data-source')).toBe('local');
    expect(local.headers.get('x-data-source-reason')).toBe('capability_unavailable');
    expectContract(PATHS.thread, local);
    expect(local.body).toEqual(stored.body);
    expect(world.simulators[provider].faults.pending).toBe(0);

    const refreshed = await get<MessageBody[]>(company.companyAdminToken, path);
    expect(refreshed.headers.get('x-data-source')).toBe('provider');
    expect(refreshed.body.map((message) => message.direction)).toEqual(['outbound', 'inbound', 'inbound']);
    expect(refreshed.body.slice(0, 2)).toEqual(stored.body);

    // The summary never asks the provider; the provider statistics fail like any provider call, and a retry works.
    world.simulators[provider].injectFault({ kind: 'status', status: 503, times: 2, match: PROVIDER_CALLS[provider].statistics });
    const unavailable = await get<ErrorBody>(company.companyAdminToken, `/api/campaigns/${campaign.id}/analytics/provider`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.code).toBe('capability_unavailable');
    expect(unavailable.body.detail).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
    expect((await get(company.companyAdminToken, `/api/campaigns/${campaign.id}/analytics/summary`)).status).toBe(200);
    expect((await get(company.companyAdminToken, `/api/campaigns/${campaign.id}/analytics/provider`)).status).toBe(200);
  });

  it('never asks the provider about a campaign it does not hold, nor creates it by reading', async () => {
    const company = await connectedEmailCompany(world, provider);
    // A create is never repeated by the client (it could make two campaigns): one 503 fails it.
    world.simulators[provider].injectFault({ kind: 'status', status: 503, times: 1, match: PROVIDER_CALLS[provider].create });
    const failed = await world.request<ErrorBody>('POST', '/api/campaigns/', { token: company.companyAdminToken, body: { name: 'Not there yet' } });
    expect(failed.status).toBe(503);
    expect(world.simulators[provider].faults.pending).toBe(0);
    const campaignId = failed.headers.get('location')!.split('/').at(-1)!;
    const [lead] = await storeLeads({ orgId: company.org.id, companyId: company.companyId, campaignId }, [uniqueEmail('dee')]);
    const journalBefore = world.simulators[provider].journal.length;

    const thread = await get<MessageBody[]>(company.companyAdminToken, threadPath(campaignId, lead!.id));
    expect(thread.status).toBe(200);
    expect(thread.body).toEqual([]);
    expect(thread.headers.get('x-data-source')).toBe('local');
    expect(thread.headers.get('x-data-source-reason')).toBe('campaign_not_synced');

    const statistics = await get<ErrorBody>(company.companyAdminToken, `/api/campaigns/${campaignId}/analytics/provider`);
    expect(statistics.status).toBe(409);
    expect(statistics.body.code).toBe('campaign_not_synced');
    expect(statistics.body.detail).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);

    const summary = await get<Record<string, unknown>>(company.companyAdminToken, `/api/campaigns/${campaignId}/analytics/summary`);
    expect(summary.body).toMatchObject({ leads_total: 1, outbound_messages_total: 0, reply_rate: 0 });
    expect(world.simulators[provider].journal.length).toBe(journalBefore);
    const campaign = await get<CampaignBody>(company.companyAdminToken, `/api/campaigns/${campaignId}`);
    expect(campaign.body.sync_state).toBe('failed');
  });

  it('serves a synced campaign\'s lead that the provider does not hold yet from the engine', async () => {
    const company = await connectedEmailCompany(world, provider);
    const campaign = await createCampaign(company.companyAdminToken);
    const [lead] = await storeLeads(keyOf(company, campaign), [uniqueEmail('eve')]);
    const thread = await get<MessageBody[]>(company.companyMemberToken, threadPath(campaign.id, lead!.id));
    expect(thread.status).toBe(200);
    expect(thread.headers.get('x-data-source')).toBe('local');
    expect(thread.headers.get('x-data-source-reason')).toBe('lead_not_synced');
  });
});

describe('the unified inbox and who may read what', () => {
  let alpha: ConnectedCompany;
  let beta: ConnectedCompany;
  let stranger: ConnectedCompany;
  let alphaMine: CampaignBody;
  let alphaOrg: CampaignBody;
  let betaCampaign: CampaignBody;
  let alphaLead: CampaignLead;
  let betaLead: CampaignLead;
  /** Newest first, as the feed orders them. */
  const expectedOrder = ['<a-in-2>', '<b-in>', '<a-in-1>', '<a2-out>', '<b-out>', '<a-out>'];

  function at(minutes: number): Date {
    return new Date(Date.parse('2031-06-01T08:00:00.000Z') + minutes * 60_000);
  }

  function message(externalId: string, leadId: string | null, direction: 'inbound' | 'outbound', minutes: number): MessageSighting {
    return { leadId, externalId, direction, sentAt: at(minutes), stepNumber: direction === 'outbound' ? 1 : null, subject: 'Hello', body: 'Text', fromAddress: null, toAddress: null };
  }

  beforeAll(async () => {
    alpha = await connectedEmailCompany(world, 'smartlead');
    beta = await connectedEmailCompany(world, 'smartlead', alpha.org);
    stranger = await connectedEmailCompany(world, 'smartlead');
    alphaMine = await createCampaign(alpha.companyAdminToken);
    alphaOrg = await createCampaign(alpha.orgAdminToken, alpha.companyId);
    betaCampaign = await createCampaign(beta.companyAdminToken);
    [alphaLead] = await storeLeads(keyOf(alpha, alphaMine), [uniqueEmail('fay')]) as [CampaignLead];
    [betaLead] = await storeLeads(keyOf(beta, betaCampaign), [uniqueEmail('gus')]) as [CampaignLead];
    const seen = new Date();
    await messages.upsertMany(keyOf(alpha, alphaMine), [message('<a-out>', alphaLead.id, 'outbound', 0), message('<a-in-1>', alphaLead.id, 'inbound', 30), message('<a-in-2>', alphaLead.id, 'inbound', 50)], seen);
    await messages.upsertMany(keyOf(alpha, alphaOrg), [message('<a2-out>', null, 'outbound', 20)], seen);
    await messages.upsertMany(keyOf(beta, betaCampaign), [message('<b-out>', betaLead.id, 'outbound', 10), message('<b-in>', betaLead.id, 'inbound', 40)], seen);
  });

  const externalIds = (response: HttpResponse<MessageBody[]>) => response.body.map((message) => message.external_message_id);

  it('is served at /api/campaigns/messages, not taken for a campaign id', async () => {
    const feed = await get<MessageBody[]>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true');
    expect(feed.status, JSON.stringify(feed.body)).toBe(200);
    expectContract(PATHS.feed, feed);
    expect(externalIds(feed)).toEqual(expectedOrder);
    expect(feed.body.find((message) => message.external_message_id === '<b-in>')).toMatchObject({ company_id: beta.companyId, company_campaign_id: betaCampaign.id, company_campaign_lead_id: betaLead.id });
    expect(feed.headers.get('x-next-cursor')).toBeNull();
  });

  it('makes an org admin choose a scope, and pins company users to their company', async () => {
    const unscoped = await get<ErrorBody>(alpha.orgAdminToken, '/api/campaigns/messages');
    expect([unscoped.status, unscoped.body.code]).toEqual([400, 'company_scope_required']);
    expect(externalIds(await get<MessageBody[]>(alpha.orgAdminToken, `/api/campaigns/messages?company_id=${beta.companyId}`))).toEqual(['<b-in>', '<b-out>']);

    const member = await get<MessageBody[]>(alpha.companyMemberToken, '/api/campaigns/messages');
    expect(externalIds(member)).toEqual(['<a-in-2>', '<a-in-1>', '<a2-out>', '<a-out>']);
    expect((await get(alpha.companyMemberToken, `/api/campaigns/messages?company_id=${alpha.companyId}`)).status).toBe(200);
    expect((await get<ErrorBody>(alpha.companyMemberToken, `/api/campaigns/messages?company_id=${beta.companyId}`)).status).toBe(404);
    expect((await get<ErrorBody>(alpha.companyMemberToken, '/api/campaigns/messages?all_companies=true')).status).toBe(403);
  });

  it('answers 404 for a campaign filter outside the scope, exactly as for a campaign that does not exist', async () => {
    const foreign = await get<ErrorBody>(alpha.companyMemberToken, `/api/campaigns/messages?campaign_id=${betaCampaign.id}`);
    const missing = await get<ErrorBody>(alpha.companyMemberToken, `/api/campaigns/messages?campaign_id=${randomUUID()}`);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'campaign_not_found']);
    expect(foreign.body).toEqual(missing.body);
    const otherCompany = await get<ErrorBody>(alpha.orgAdminToken, `/api/campaigns/messages?company_id=${alpha.companyId}&campaign_id=${betaCampaign.id}`);
    expect([otherCompany.status, otherCompany.body.code]).toEqual([404, 'campaign_not_found']);
    const otherOrg = await get<ErrorBody>(stranger.orgAdminToken, `/api/campaigns/messages?all_companies=true&campaign_id=${alphaMine.id}`);
    expect([otherOrg.status, otherOrg.body.code]).toEqual([404, 'campaign_not_found']);

    expect(externalIds(await get<MessageBody[]>(alpha.companyMemberToken, `/api/campaigns/messages?campaign_id=${alphaOrg.id}`))).toEqual(['<a2-out>']);
  });

  it('filters by direction and by the campaigns the caller created', async () => {
    expect(externalIds(await get<MessageBody[]>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true&direction=inbound'))).toEqual(['<a-in-2>', '<b-in>', '<a-in-1>']);
    expect(externalIds(await get<MessageBody[]>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true&direction=outbound'))).toEqual(['<a2-out>', '<b-out>', '<a-out>']);
    expect((await get<ErrorBody>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true&direction=sideways')).status).toBe(422);

    expect(externalIds(await get<MessageBody[]>(alpha.companyAdminToken, '/api/campaigns/messages?mine_only=true'))).toEqual(['<a-in-2>', '<a-in-1>', '<a-out>']);
    expect(externalIds(await get<MessageBody[]>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true&mine_only=true'))).toEqual(['<a2-out>']);
  });

  it('pages by cursor and by offset to the same sequence, and refuses both at once', async () => {
    const byCursor: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/campaigns/messages?all_companies=true&limit=4${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const page: HttpResponse<MessageBody[]> = await get<MessageBody[]>(alpha.orgAdminToken, query);
      expect(page.status).toBe(200);
      byCursor.push(...externalIds(page));
      after = page.headers.get('x-next-cursor');
      pages += 1;
    } while (after !== null && pages < 10);
    expect(pages).toBe(2);
    expect(byCursor).toEqual(expectedOrder);

    const first = await get<MessageBody[]>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true&limit=4&offset=0');
    const second = await get<MessageBody[]>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true&limit=4&offset=4');
    expect([...externalIds(first), ...externalIds(second)]).toEqual(expectedOrder);
    expect(second.headers.get('x-next-cursor')).toBeNull();

    const cursor = first.headers.get('x-next-cursor')!;
    const both = await get<ErrorBody>(alpha.orgAdminToken, `/api/campaigns/messages?all_companies=true&offset=0&after=${encodeURIComponent(cursor)}`);
    expect([both.status, both.body.code]).toEqual([422, 'paging_conflict']);
    const garbage = await get<ErrorBody>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true&after=not-a-cursor');
    expect([garbage.status, garbage.body.code]).toEqual([422, 'invalid_cursor']);
    expect((await get<ErrorBody>(alpha.orgAdminToken, '/api/campaigns/messages?all_companies=true&offset=-1')).status).toBe(422);
  });

  it('pages a campaign\'s replies newest first by cursor', async () => {
    const first = await get<MessageBody[]>(alpha.companyMemberToken, `/api/campaigns/${alphaMine.id}/replies?limit=1`);
    expect(externalIds(first)).toEqual(['<a-in-2>']);
    const cursor = first.headers.get('x-next-cursor')!;
    const second = await get<MessageBody[]>(alpha.companyMemberToken, `/api/campaigns/${alphaMine.id}/replies?limit=1&after=${encodeURIComponent(cursor)}`);
    expect(externalIds(second)).toEqual(['<a-in-1>']);
    expect(second.headers.get('x-next-cursor')).toBeNull();
  });

  it('hides every campaign route from other companies and organizations behind the same 404 as a missing id', async () => {
    const routes = (campaignId: string, leadId: string) => [
      `/api/campaigns/${campaignId}/replies`,
      threadPath(campaignId, leadId),
      `/api/campaigns/${campaignId}/analytics/summary`,
      `/api/campaigns/${campaignId}/analytics/provider`,
    ];
    const own = routes(alphaMine.id, alphaLead.id);
    const missing = routes(randomUUID(), alphaLead.id);
    for (const [index, path] of own.entries()) {
      const fromBeta = await get<ErrorBody>(beta.companyMemberToken, path);
      const fromStranger = await get<ErrorBody>(stranger.orgAdminToken, path);
      const control = await get<ErrorBody>(stranger.orgAdminToken, missing[index]!);
      expect([path, fromBeta.status, fromBeta.body.code]).toEqual([path, 404, 'campaign_not_found']);
      expect(fromStranger.body).toEqual(control.body);
      expect(fromStranger.status).toBe(404);
    }
    // Analytics are readable by every role of the company, like campaigns.
    expect((await get(alpha.companyMemberToken, `/api/campaigns/${alphaMine.id}/analytics/summary`)).status).toBe(200);
    expect((await get(alpha.orgAdminToken, `/api/campaigns/${alphaMine.id}/analytics/summary`)).status).toBe(200);
  });

  it('answers lead_not_found for a lead of another campaign or no lead at all, and 422 for a malformed id', async () => {
    const otherCampaignsLead = await get<ErrorBody>(alpha.orgAdminToken, threadPath(alphaOrg.id, alphaLead.id));
    const noLead = await get<ErrorBody>(alpha.orgAdminToken, threadPath(alphaMine.id, randomUUID()));
    expect([otherCampaignsLead.status, otherCampaignsLead.body.code]).toEqual([404, 'lead_not_found']);
    expect(noLead.body).toEqual(otherCampaignsLead.body);
    expect((await get(alpha.orgAdminToken, threadPath(alphaMine.id, 'not-a-uuid'))).status).toBe(422);
    expect((await get(alpha.orgAdminToken, '/api/campaigns/not-a-uuid/analytics/summary')).status).toBe(422);
  });

  it('serves a thread the provider was never told about as stored, from the engine', async () => {
    const thread = await get<MessageBody[]>(alpha.companyMemberToken, threadPath(alphaMine.id, alphaLead.id));
    expect(thread.status).toBe(200);
    expect(thread.headers.get('x-data-source')).toBe('local');
    expect(thread.headers.get('x-data-source-reason')).toBe('lead_not_synced');
    expect(externalIds(thread)).toEqual(['<a-out>', '<a-in-1>', '<a-in-2>']);
    expect(thread.body.every((message) => message.company_id === undefined)).toBe(true);
  });
});
