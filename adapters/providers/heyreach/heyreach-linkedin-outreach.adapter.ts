import type { z } from 'zod';
import type { AddLeadsOutcome, Page, PageRequest } from '../../../application/outreach/email-outreach-provider.port.js';
import type {
  LinkedInCampaignStatistics,
  LinkedInCampaignStatus,
  LinkedInCampaignStatusTarget,
  LinkedInLeadInput,
  LinkedInLeadRef,
  LinkedInOutreachProvider,
  LinkedInSenderAccount,
  LinkedInSequenceStep,
  ProviderLinkedInCampaign,
  ProviderLinkedInLead,
  ProviderLinkedInMessage,
} from '../../../application/outreach/linkedin-outreach-provider.port.js';
import { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import { DONE, unsupported, type ProviderOutcome } from '../../../application/outreach/provider-outcome.js';
import type { ProviderHttpClient, ProviderRequest } from '../http/provider-http-client.js';
import { listIn } from '../http/lenient-values.js';
import { accountLeadPairOf, invalidCustomFieldNames } from './heyreach-lead-mapping.js';
import { HEYREACH_ADD_LEADS_BATCH, HEYREACH_CAMPAIGN_NAME_MAX, HEYREACH_PAGE_LIMIT } from './heyreach-limits.js';
import { messageFromChatroom, threadOf } from './heyreach-message-mapping.js';
import { SequenceMappingError, sequenceTreeFromSteps, stepsFromSequenceTree, type HeyReachSequenceNode } from './heyreach-sequence-mapping.js';
import { batchesOf } from '../lead-batches.js';
import { statisticsFromOverallStats, UnreadableStatisticsError } from './heyreach-statistics-mapping.js';
import { campaignStatusFromHeyReach, leadStatusFromHeyReach } from './heyreach-status-mapping.js';
import {
  addLeadsResultSchema,
  campaignLeadSchema,
  campaignSchema,
  chatroomMessageSchema,
  conversationSchema,
  createdCampaignSchema,
  createdListSchema,
  leadProfileSchema,
  overallStatsSchema,
  pageEnvelopeSchema,
  senderAccountSchema,
  sequenceNodeSchema,
} from './heyreach.schemas.js';

/**
 * Statistics are asked for over the campaign's whole life. HeyReach wants a date range; this
 * start predates its public API, so it covers any campaign without an extra read of its
 * creation time.
 */
const STATISTICS_FROM = '2020-01-01T00:00:00.000Z';

type Operation =
  | 'credentials.check'
  | 'sender_accounts.list'
  | 'campaign.create'
  | 'campaign.get'
  | 'campaign.set_status'
  | 'sequence.get'
  | 'sequence.save'
  | 'leads.add'
  | 'leads.list'
  | 'lead.stop'
  | 'lead.unsubscribe'
  | 'lead.messages'
  | 'campaign.statistics';

/** The parts of a request every HeyReach call shares: the key header and the account it counts against. */
interface Call {
  readonly operation: Operation;
  readonly connection: ProviderConnection;
}

interface PageOf<T> {
  readonly items: T[];
  /** How many rows the page held: the next offset moves by this. */
  readonly received: number;
  readonly totalCount: number | null;
}

/**
 * LinkedIn outreach through HeyReach's public API (providers.md §3), as documented in
 * docs/providers/heyreach.md: `X-API-KEY` auth only, POST list endpoints paged by
 * `{offset, limit ≤ 100}`, campaign commands with `campaignId` in the query string, and the
 * lead member id (`linkedin_id`) as the lead's external id.
 */
export class HeyReachLinkedInOutreachAdapter implements LinkedInOutreachProvider {
  constructor(private readonly http: ProviderHttpClient) {}

  async checkCredentials(connection: ProviderConnection): Promise<void> {
    await this.http.send(this.request({ operation: 'credentials.check', connection }, { method: 'GET', path: '/auth/CheckApiKey' }));
  }

  async listSenderAccounts(connection: ProviderConnection): Promise<readonly LinkedInSenderAccount[]> {
    const accounts = await this.readAllPages({ operation: 'sender_accounts.list', connection }, '/li_account/GetAll', {}, senderAccountSchema);
    return accounts.map((account) => ({
      externalId: String(account.id),
      displayName: [account.firstName, account.lastName].filter((part) => part !== null).join(' ') || null,
      email: account.emailAddress,
      profileUrl: account.profileUrl,
      // A deactivated account, or one whose LinkedIn session expired, sends nothing.
      active: account.isActive && account.authIsValid,
    }));
  }

  /**
   * HeyReach runs a campaign over a lead list, so one USER_LIST is created for it first. If the
   * campaign create then fails, that list stays behind: HeyReach has no list delete.
   */
  async createCampaign(
    connection: ProviderConnection,
    input: { readonly name: string; readonly senderAccountIds: readonly string[] },
  ): Promise<ProviderLinkedInCampaign> {
    const call: Call = { operation: 'campaign.create', connection };
    const name = this.campaignName(call, input.name);
    const accountIds = input.senderAccountIds.map((id) => this.integerId(call, id, 'request_rejected'));
    if (accountIds.length === 0) throw this.refusedLocally(call, 'request_rejected');
    // Creates are never repeated after an ambiguous failure: a second list or campaign would appear.
    const list = await this.http.sendFor(
      this.request(call, { method: 'POST', path: '/list/CreateEmptyList', body: { name, type: 'USER_LIST' }, idempotent: false }),
      createdListSchema,
    );
    const created = await this.http.sendFor(
      this.request(call, {
        method: 'POST',
        path: '/campaign/Create',
        body: { name, linkedInUserListId: list.id, linkedInAccountIds: accountIds },
        idempotent: false,
      }),
      createdCampaignSchema,
    );
    return { externalId: String(created.campaignId), name, status: 'DRAFTED' };
  }

  async getCampaign(connection: ProviderConnection, campaignId: string): Promise<ProviderLinkedInCampaign> {
    const call: Call = { operation: 'campaign.get', connection };
    const campaign = await this.readCampaign(call, campaignId);
    return { externalId: String(campaign.id), name: campaign.name, status: campaign.status };
  }

  /**
   * ACTIVE: StartCampaign for a draft (Resume refuses drafts), Resume for anything halted.
   * PAUSED and STOPPED: HeyReach has no stop, cancel or delete; Pause is its only halt, so both
   * pause a running campaign (the engine keeps STOPPED final on its side). A campaign already
   * in the asked-for state is left alone, so repeating a request is harmless.
   */
  async setCampaignStatus(connection: ProviderConnection, campaignId: string, target: LinkedInCampaignStatusTarget): Promise<ProviderOutcome> {
    const call: Call = { operation: 'campaign.set_status', connection };
    const current = (await this.readCampaign(call, campaignId)).status;
    if (target === 'ACTIVE') {
      if (current === 'ACTIVE') return DONE;
      await this.campaignCommand(call, current === 'DRAFTED' ? '/campaign/StartCampaign' : '/campaign/Resume', campaignId);
      return DONE;
    }
    if (current === 'ACTIVE') await this.campaignCommand(call, '/campaign/Pause', campaignId);
    return DONE;
  }

  async getSequence(connection: ProviderConnection, campaignId: string): Promise<readonly LinkedInSequenceStep[]> {
    const call: Call = { operation: 'sequence.get', connection };
    const request = this.request(call, { method: 'GET', path: '/campaign/GetCampaignSequence', query: { campaignId: this.integerId(call, campaignId) } });
    const response = await this.http.send(request);
    // A campaign created without a sequence answers with no body at all.
    if (response.body === null || response.body === '' || response.status === 204) return [];
    const root = this.http.validate(request, response.body, sequenceNodeSchema, response.status);
    try {
      return stepsFromSequenceTree(root);
    } catch (error) {
      if (error instanceof SequenceMappingError) throw this.http.error(request, 'malformed_response', response.status, 1);
      throw error;
    }
  }

  /** Replaces the whole tree; HeyReach refuses it while the campaign runs or is finished. */
  async saveSequence(connection: ProviderConnection, campaignId: string, steps: readonly LinkedInSequenceStep[]): Promise<ProviderOutcome> {
    const call: Call = { operation: 'sequence.save', connection };
    const id = this.integerId(call, campaignId);
    let sequence: HeyReachSequenceNode;
    try {
      sequence = sequenceTreeFromSteps(steps);
    } catch (error) {
      if (error instanceof SequenceMappingError) throw this.refusedLocally(call, 'request_rejected');
      throw error;
    }
    await this.http.send(this.request(call, { method: 'POST', path: '/campaign/UpdateSequence', body: { campaignId: id, sequence }, idempotent: true }));
    return DONE;
  }

  /**
   * HeyReach refuses leads on a draft campaign ("You cannot add new leads to a draft campaign"),
   * so a draft is started first — HeyReach's own order is Create → StartCampaign → add leads.
   * Adding leads to a drafted LinkedIn campaign therefore launches it. Paused and finished
   * campaigns take leads without being resumed (no `resume…Campaign` flags are sent).
   */
  async addLeads(connection: ProviderConnection, campaignId: string, leads: readonly LinkedInLeadInput[]): Promise<AddLeadsOutcome> {
    const call: Call = { operation: 'leads.add', connection };
    const id = this.integerId(call, campaignId);
    const outcome = { submitted: leads.length, added: 0, alreadyPresent: 0, rejected: 0, created: [] as const };
    if (leads.length === 0) return outcome;
    // Checked for every batch up front: a refusal half-way would leave the import half done.
    if (invalidCustomFieldNames(leads).length > 0) throw this.refusedLocally(call, 'request_rejected');
    if ((await this.readCampaign(call, campaignId)).status === 'DRAFTED') await this.campaignCommand(call, '/campaign/StartCampaign', campaignId);
    for (const batch of batchesOf(leads, HEYREACH_ADD_LEADS_BATCH)) {
      const counts = await this.http.sendFor(
        this.request(call, {
          method: 'POST',
          path: '/campaign/AddLeadsToCampaignV2',
          body: { campaignId: id, accountLeadPairs: batch.map(accountLeadPairOf) },
          // HeyReach upserts by profile: a repeated batch updates the leads instead of duplicating them.
          idempotent: true,
        }),
        addLeadsResultSchema,
      );
      outcome.added += counts.addedLeadsCount;
      outcome.alreadyPresent += counts.updatedLeadsCount;
      outcome.rejected += counts.failedLeadsCount;
    }
    // HeyReach reports counts only; the member ids show up in listLeads.
    return outcome;
  }

  /** The cursor is the offset of the next page, so a page maps onto one `{offset, limit}` read. */
  async listLeads(connection: ProviderConnection, campaignId: string, page: PageRequest): Promise<Page<ProviderLinkedInLead>> {
    const call: Call = { operation: 'leads.list', connection };
    const id = this.integerId(call, campaignId);
    const offset = this.offsetOf(call, page.cursor);
    const limit = Number.isFinite(page.limit) ? Math.min(HEYREACH_PAGE_LIMIT, Math.max(1, Math.floor(page.limit))) : HEYREACH_PAGE_LIMIT;
    const rows = await this.readPage(call, '/campaign/GetLeadsFromCampaign', { campaignId: id, offset, limit }, campaignLeadSchema);
    const next = offset + rows.received;
    const more = rows.received > 0 && (rows.totalCount === null ? rows.received >= limit : next < rows.totalCount);
    return {
      items: rows.items.map((row) => ({
        externalId: row.linkedInUserProfile.linkedin_id,
        profileUrl: row.linkedInUserProfile.profileUrl,
        firstName: row.linkedInUserProfile.firstName,
        lastName: row.linkedInUserProfile.lastName,
        status: leadStatusFromHeyReach(row.leadCampaignStatus),
      })),
      nextCursor: more ? String(next) : null,
    };
  }

  /** HeyReach has no per-lead pause; stopping is final, so it is not offered as a pause. */
  async pauseLead(_connection: ProviderConnection, _campaignId: string, _lead: LinkedInLeadRef): Promise<ProviderOutcome> {
    return unsupported('pause_lead');
  }

  /** HeyReach has no per-lead resume (a stopped lead stays stopped). */
  async resumeLead(_connection: ProviderConnection, _campaignId: string, _lead: LinkedInLeadRef): Promise<ProviderOutcome> {
    return unsupported('resume_lead');
  }

  async stopLead(connection: ProviderConnection, campaignId: string, lead: LinkedInLeadRef): Promise<ProviderOutcome> {
    const call: Call = { operation: 'lead.stop', connection };
    await this.stopInCampaign(call, campaignId, lead);
    return DONE;
  }

  /**
   * HeyReach has no unsubscribe. The workspace blacklist keeps the profile out of every campaign
   * from now on; stopping the lead in this campaign halts what is already scheduled. A lead the
   * campaign (or HeyReach) does not know is still blacklisted, which is what unsubscribing means.
   */
  async unsubscribeLead(connection: ProviderConnection, campaignId: string, lead: LinkedInLeadRef): Promise<ProviderOutcome> {
    const call: Call = { operation: 'lead.unsubscribe', connection };
    // Checked before the blacklist write, so a bad id never leaves half an unsubscribe behind.
    this.integerId(call, campaignId);
    await this.http.send(
      this.request(call, { method: 'POST', path: '/blacklist/AddLeads', body: { leads: [{ profileUrl: lead.profileUrl }] }, idempotent: true }),
    );
    try {
      await this.stopInCampaign(call, campaignId, lead);
    } catch (error) {
      if (!(error instanceof ProviderCallError && error.kind === 'not_found')) throw error;
    }
    return DONE;
  }

  /** Every conversation of the lead in this campaign, each read in full from its chatroom. */
  async listLeadMessages(connection: ProviderConnection, campaignId: string, lead: LinkedInLeadRef): Promise<readonly ProviderLinkedInMessage[]> {
    const call: Call = { operation: 'lead.messages', connection };
    const id = this.integerId(call, campaignId);
    const conversations = await this.readAllPages(
      call,
      '/inbox/GetConversationsV2',
      { filters: { campaignIds: [id], leadProfileUrl: lead.profileUrl } },
      conversationSchema,
    );
    const messages: ProviderLinkedInMessage[] = [];
    for (const conversation of conversations) {
      const request = this.request(call, {
        method: 'GET',
        path: `/inbox/GetChatroom/${encodeURIComponent(String(conversation.accountId))}/${encodeURIComponent(conversation.id)}`,
      });
      const response = await this.http.send(request);
      const raw = listIn(response.body, ['messages']);
      if (raw === null) throw this.http.error(request, 'malformed_response', response.status, 1);
      for (const item of raw) messages.push(messageFromChatroom(conversation.id, this.http.validate(request, item, chatroomMessageSchema, response.status)));
    }
    return threadOf(messages);
  }

  async getCampaignStatistics(connection: ProviderConnection, campaignId: string): Promise<LinkedInCampaignStatistics> {
    const call: Call = { operation: 'campaign.statistics', connection };
    const request = this.request(call, {
      method: 'POST',
      path: '/stats/GetOverallStats',
      body: { startDate: STATISTICS_FROM, endDate: new Date().toISOString(), accountIds: [], campaignIds: [this.integerId(call, campaignId)] },
      idempotent: true,
    });
    const stats = await this.http.sendFor(request, overallStatsSchema);
    try {
      return statisticsFromOverallStats(stats);
    } catch (error) {
      if (error instanceof UnreadableStatisticsError) throw this.http.error(request, 'malformed_response', 200, 1);
      throw error;
    }
  }

  private async readCampaign(call: Call, campaignId: string): Promise<{ id: number; name: string; status: LinkedInCampaignStatus }> {
    const request = this.request(call, { method: 'GET', path: '/campaign/GetById', query: { campaignId: this.integerId(call, campaignId) } });
    const campaign = await this.http.sendFor(request, campaignSchema);
    const status = campaignStatusFromHeyReach(campaign.status);
    if (status === null) throw this.http.error(request, 'malformed_response', 200, 1);
    return { id: campaign.id, name: campaign.name, status };
  }

  /** StartCampaign, Pause and Resume take the id in the query string and no body at all. */
  private async campaignCommand(call: Call, path: '/campaign/StartCampaign' | '/campaign/Pause' | '/campaign/Resume', campaignId: string): Promise<void> {
    await this.http.send(this.request(call, { method: 'POST', path, query: { campaignId: this.integerId(call, campaignId) }, idempotent: true }));
  }

  /**
   * `StopLeadInCampaign` only knows the member id (`linkedin_id`); a lead the engine has not
   * listed yet is looked up by profile URL first.
   */
  private async stopInCampaign(call: Call, campaignId: string, lead: LinkedInLeadRef): Promise<void> {
    const id = this.integerId(call, campaignId);
    const leadMemberId =
      lead.externalId ??
      (
        await this.http.sendFor(
          this.request(call, { method: 'POST', path: '/lead/GetLead', body: { profileUrl: lead.profileUrl }, idempotent: true }),
          leadProfileSchema,
        )
      ).linkedin_id;
    await this.http.send(this.request(call, { method: 'POST', path: '/campaign/StopLeadInCampaign', body: { campaignId: id, leadMemberId }, idempotent: true }));
  }

  private async readAllPages<S extends z.ZodType>(call: Call, path: string, filters: Record<string, unknown>, schema: S): Promise<z.output<S>[]> {
    const all: z.output<S>[] = [];
    for (let offset = 0; ; ) {
      const page = await this.readPage(call, path, { ...filters, offset, limit: HEYREACH_PAGE_LIMIT }, schema);
      all.push(...page.items);
      offset += page.received;
      const exhausted = page.totalCount === null ? page.received < HEYREACH_PAGE_LIMIT : offset >= page.totalCount;
      if (page.received === 0 || exhausted) return all;
    }
  }

  private async readPage<S extends z.ZodType>(call: Call, path: string, body: Record<string, unknown>, schema: S): Promise<PageOf<z.output<S>>> {
    const request = this.request(call, { method: 'POST', path, body, idempotent: true });
    const response = await this.http.send(request);
    const raw = listIn(response.body, ['items']);
    if (raw === null) throw this.http.error(request, 'malformed_response', response.status, 1);
    const envelope = Array.isArray(response.body) ? { totalCount: null } : this.http.validate(request, response.body, pageEnvelopeSchema, response.status);
    return {
      items: raw.map((item) => this.http.validate(request, item, schema, response.status)),
      received: raw.length,
      totalCount: envelope.totalCount,
    };
  }

  private request(call: Call, request: Omit<ProviderRequest, 'operation' | 'pacingKey' | 'headers'>): ProviderRequest {
    return {
      ...request,
      operation: call.operation,
      // HeyReach reads the key from this header only; it is never sent as Bearer or in the URL.
      headers: { 'X-API-KEY': call.connection.apiKey },
      pacingKey: `heyreach:key:${call.connection.apiKey}`,
    };
  }

  /**
   * HeyReach ids are integers. Anything else cannot name a HeyReach object: as a campaign id it
   * is a campaign HeyReach does not have, as a sender id a request HeyReach would refuse.
   */
  private integerId(call: Call, value: string, kind: 'not_found' | 'request_rejected' = 'not_found'): number {
    if (!/^\d{1,15}$/.test(value.trim())) throw this.refusedLocally(call, kind);
    return Number(value.trim());
  }

  private offsetOf(call: Call, cursor: string | null): number {
    if (cursor === null) return 0;
    if (!/^\d{1,9}$/.test(cursor)) throw this.refusedLocally(call, 'request_rejected');
    return Number(cursor);
  }

  /** 1–50 characters: longer names are cut (the engine keeps the full name), blank ones refused. */
  private campaignName(call: Call, name: string): string {
    const trimmed = [...name.trim()].slice(0, HEYREACH_CAMPAIGN_NAME_MAX).join('').trim();
    if (trimmed === '') throw this.refusedLocally(call, 'request_rejected');
    return trimmed;
  }

  /** A request the adapter refuses before sending it: nothing was attempted. */
  private refusedLocally(call: Call, kind: 'not_found' | 'request_rejected'): ProviderCallError {
    return this.http.error({ operation: call.operation }, kind, null, 0);
  }
}
