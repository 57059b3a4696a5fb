import { z } from 'zod';
import type {
  AddLeadsOutcome,
  EmailCampaignStatistics,
  EmailCampaignStatusTarget,
  EmailLeadInput,
  EmailLeadRef,
  EmailOutreachProvider,
  EmailSequenceStep,
  Page,
  PageRequest,
  ProviderEmailCampaign,
  ProviderEmailLead,
  ProviderEmailMessage,
  SendingAccount,
} from '../../../application/outreach/email-outreach-provider.port.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import { DONE, unsupported, type ProviderOutcome } from '../../../application/outreach/provider-outcome.js';
import { listIn } from '../http/lenient-values.js';
import type { ProviderHttpClient, ProviderRequest } from '../http/provider-http-client.js';
import { sendingAccountFromInstantly } from './instantly-account-mapping.js';
import { campaignScheduleFor, DEFAULT_SENDING_WINDOW, type InstantlyCampaignSchedule, type InstantlySendingWindow } from './instantly-campaign-schedule.js';
import { addBatchOutcome, EMPTY_ADD_LEADS_OUTCOME, leadFromInstantly, leadToInstantly } from './instantly-lead-mapping.js';
import { compareMessages, messageFromInstantly } from './instantly-message-mapping.js';
import { emailsPacingKey, workspacePacingKey } from './instantly-pacing.js';
import { sequenceFromInstantly, sequenceToInstantly } from './instantly-sequence-mapping.js';
import { batchesOf } from '../lead-batches.js';
import { statisticsFromInstantly } from './instantly-statistics-mapping.js';
import { campaignStatusFromInstantly, campaignActionFor, leadStatusFromInstantly } from './instantly-status-mapping.js';
import {
  cursorPageSchema,
  instantlyAccountSchema,
  instantlyAddLeadsResultSchema,
  instantlyCampaignAnalyticsSchema,
  instantlyCampaignSchema,
  instantlyEmailSchema,
  instantlyLeadSchema,
  type InstantlyCampaign,
} from './instantly.schemas.js';

/** `POST /api/v2/leads/add` takes 1–1,000 leads per call. */
export const INSTANTLY_ADD_LEADS_BATCH = 1_000;
/** Every cursor-paginated list answers at most 100 items per page. */
export const INSTANTLY_PAGE_LIMIT = 100;

const API = '/api/v2';

export interface InstantlyAdapterOptions {
  /**
   * The client for `GET /api/v2/emails` only. That endpoint has its own limit of 20 requests per
   * minute, and a ProviderHttpClient paces by one rule, so the composition root builds a second
   * client with INSTANTLY_EMAILS_PACING for it (calls are paced under `…:emails`). Defaults to the
   * main client, which then paces those calls by the workspace rule under the `…:emails` key.
   */
  readonly emailsHttp?: ProviderHttpClient;
  /** The schedule every new campaign starts with (the port's create carries only a name). */
  readonly sendingWindow?: InstantlySendingWindow;
}

const accountsPage = cursorPageSchema(instantlyAccountSchema);
const campaignsPage = cursorPageSchema(instantlyCampaignSchema);
const leadsPage = cursorPageSchema(instantlyLeadSchema);
const emailsPage = cursorPageSchema(instantlyEmailSchema);

/**
 * Email outreach through Instantly API v2 (providers.md §4): Bearer key in the Authorization
 * header, every path under `/api/v2`, cursor pagination, UUID ids, accounts keyed by address.
 * Instantly has no per-lead pause or resume: those answer `unsupported` without calling it.
 */
export class InstantlyEmailOutreachAdapter implements EmailOutreachProvider {
  private readonly emailsHttp: ProviderHttpClient;
  private readonly schedule: InstantlyCampaignSchedule;

  constructor(
    private readonly http: ProviderHttpClient,
    options: InstantlyAdapterOptions = {},
  ) {
    this.emailsHttp = options.emailsHttp ?? http;
    this.schedule = campaignScheduleFor(options.sendingWindow ?? DEFAULT_SENDING_WINDOW);
  }

  async checkCredentials(connection: ProviderConnection): Promise<void> {
    await this.http.send(this.request(connection, { operation: 'credentials.check', method: 'GET', path: `${API}/accounts`, query: { limit: 1 } }));
  }

  async listSendingAccounts(connection: ProviderConnection): Promise<readonly SendingAccount[]> {
    const accounts = await this.readAllPages(this.http, accountsPage, (cursor) =>
      this.request(connection, { operation: 'accounts.list', method: 'GET', path: `${API}/accounts`, query: { limit: INSTANTLY_PAGE_LIMIT, starting_after: cursor } }),
    );
    return accounts.map(sendingAccountFromInstantly);
  }

  async createCampaign(connection: ProviderConnection, input: { readonly name: string }): Promise<ProviderEmailCampaign> {
    const request = this.request(connection, {
      operation: 'campaign.create',
      method: 'POST',
      path: `${API}/campaigns`,
      body: { name: input.name, campaign_schedule: this.schedule },
    });
    return this.campaignOf(request, await this.http.sendFor(request, instantlyCampaignSchema));
  }

  async getCampaign(connection: ProviderConnection, campaignId: string): Promise<ProviderEmailCampaign> {
    const request = this.campaignRequest(connection, campaignId, 'campaign.get');
    return this.campaignOf(request, await this.http.sendFor(request, instantlyCampaignSchema));
  }

  /**
   * Reads every page of `GET /api/v2/campaigns` and keeps exact matches. providers.md documents no
   * name filter for that list, so none is sent: the whole workspace is read and filtered here.
   */
  async findCampaignsByName(connection: ProviderConnection, name: string): Promise<readonly ProviderEmailCampaign[]> {
    const requestFor = (cursor: string | null): ProviderRequest =>
      this.request(connection, { operation: 'campaign.find_by_name', method: 'GET', path: `${API}/campaigns`, query: { limit: INSTANTLY_PAGE_LIMIT, starting_after: cursor } });
    const campaigns = await this.readAllPages(this.http, campaignsPage, requestFor);
    return campaigns.filter((campaign) => campaign.name === name).map((campaign) => this.campaignOf(requestFor(null), campaign));
  }

  async setCampaignStatus(connection: ProviderConnection, campaignId: string, target: EmailCampaignStatusTarget): Promise<ProviderOutcome> {
    // Activating or pausing twice leaves the campaign as once: safe to retry after a 5xx.
    await this.http.send(
      this.request(connection, {
        operation: 'campaign.status',
        method: 'POST',
        path: `${API}/campaigns/${encodeURIComponent(campaignId)}/${campaignActionFor(target)}`,
        idempotent: true,
      }),
    );
    return DONE;
  }

  async getSequence(connection: ProviderConnection, campaignId: string): Promise<readonly EmailSequenceStep[]> {
    const campaign = await this.http.sendFor(this.campaignRequest(connection, campaignId, 'sequence.get'), instantlyCampaignSchema);
    return sequenceFromInstantly(campaign.sequences[0]?.steps ?? []);
  }

  async saveSequence(connection: ProviderConnection, campaignId: string, steps: readonly EmailSequenceStep[]): Promise<readonly EmailSequenceStep[]> {
    // Only `sequences` is sent: `email_list` in a PATCH would replace the campaign's senders.
    const campaign = await this.http.sendFor(
      this.request(connection, {
        operation: 'sequence.save',
        method: 'PATCH',
        path: `${API}/campaigns/${encodeURIComponent(campaignId)}`,
        body: { sequences: [{ steps: sequenceToInstantly(steps) }] },
        idempotent: true,
      }),
      instantlyCampaignSchema,
    );
    const saved = campaign.sequences[0]?.steps ?? [];
    // The PATCH answers the campaign; should it ever come back without its sequence, read it.
    if (saved.length === 0 && steps.length > 0) return this.getSequence(connection, campaignId);
    return sequenceFromInstantly(saved);
  }

  async addLeads(connection: ProviderConnection, campaignId: string, leads: readonly EmailLeadInput[]): Promise<AddLeadsOutcome> {
    let outcome = EMPTY_ADD_LEADS_OUTCOME;
    for (const batch of batchesOf(leads, INSTANTLY_ADD_LEADS_BATCH)) {
      const result = await this.http.sendFor(
        this.request(connection, {
          operation: 'leads.add',
          method: 'POST',
          path: `${API}/leads/add`,
          body: { campaign_id: campaignId, leads: batch.map(leadToInstantly), skip_if_in_campaign: true },
          // With skip_if_in_campaign a repeat adds nobody twice; it only reports the batch as present.
          idempotent: true,
        }),
        instantlyAddLeadsResultSchema,
      );
      outcome = addBatchOutcome(outcome, batch.length, result);
    }
    return outcome;
  }

  async listLeads(connection: ProviderConnection, campaignId: string, page: PageRequest): Promise<Page<ProviderEmailLead>> {
    const request = this.request(connection, {
      operation: 'leads.list',
      method: 'POST',
      path: `${API}/leads/list`,
      body: {
        campaign: campaignId,
        limit: Math.max(1, Math.min(page.limit, INSTANTLY_PAGE_LIMIT)),
        ...(page.cursor ? { starting_after: page.cursor } : {}),
      },
      // A read that Instantly puts behind POST for its filters.
      idempotent: true,
    });
    const result = await this.http.sendFor(request, leadsPage);
    const items = result.items.map((lead) => {
      const status = leadStatusFromInstantly(lead.status);
      if (status === null) throw this.http.error(request, 'malformed_response', 200, 1);
      return leadFromInstantly(lead, status);
    });
    // The last page with data may still carry a cursor; the empty page after it ends the list.
    return { items, nextCursor: items.length === 0 ? null : result.next_starting_after };
  }

  /** Instantly v2 has no endpoint to pause one lead (its status is read-only). */
  async pauseLead(_connection: ProviderConnection, _campaignId: string, _lead: EmailLeadRef): Promise<ProviderOutcome> {
    return unsupported('pause_lead');
  }

  /** Instantly v2 has no endpoint to resume one lead. */
  async resumeLead(_connection: ProviderConnection, _campaignId: string, _lead: EmailLeadRef): Promise<ProviderOutcome> {
    return unsupported('resume_lead');
  }

  /**
   * Adds the address to the workspace block list: Instantly stops emailing it from every campaign
   * of the workspace, not only this one (there is no per-campaign unsubscribe).
   */
  async unsubscribeLead(connection: ProviderConnection, _campaignId: string, lead: EmailLeadRef): Promise<ProviderOutcome> {
    await this.http.send(this.request(connection, { operation: 'lead.unsubscribe', method: 'POST', path: `${API}/block-lists-entries`, body: { bl_value: lead.email } }));
    return DONE;
  }

  async listLeadMessages(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<readonly ProviderEmailMessage[]> {
    const emails = await this.readAllPages(this.emailsHttp, emailsPage, (cursor) => ({
      ...this.request(connection, {
        operation: 'messages.list',
        method: 'GET',
        path: `${API}/emails`,
        query: { campaign_id: campaignId, lead: lead.email, limit: INSTANTLY_PAGE_LIMIT, starting_after: cursor },
      }),
      pacingKey: emailsPacingKey(connection),
    }));
    return emails
      .map((email) => messageFromInstantly(email, lead.email))
      .filter((message): message is ProviderEmailMessage => message !== null)
      .sort(compareMessages);
  }

  async getCampaignStatistics(connection: ProviderConnection, campaignId: string): Promise<EmailCampaignStatistics> {
    const request = this.request(connection, { operation: 'campaign.statistics', method: 'GET', path: `${API}/campaigns/analytics`, query: { id: campaignId } });
    const response = await this.http.send(request);
    const rows = listIn(response.body, ['items']);
    if (rows === null) throw this.http.error(request, 'malformed_response', response.status, 1);
    const analytics = this.http.validate(request, rows, z.array(instantlyCampaignAnalyticsSchema), response.status);
    const row = analytics.find((candidate) => candidate.campaign_id === campaignId) ?? (analytics.length === 1 ? analytics[0] : undefined);
    // Instantly answers an empty list for a campaign it does not know.
    if (!row) throw this.http.error(request, 'not_found', response.status, 1);
    return statisticsFromInstantly(row);
  }

  /** Auth is the Bearer header only (never a query key); limits are counted per workspace. */
  private request(connection: ProviderConnection, request: Omit<ProviderRequest, 'pacingKey' | 'headers'>): ProviderRequest {
    return { ...request, headers: { authorization: `Bearer ${connection.apiKey}` }, pacingKey: workspacePacingKey(connection) };
  }

  private campaignRequest(connection: ProviderConnection, campaignId: string, operation: string): ProviderRequest {
    return this.request(connection, { operation, method: 'GET', path: `${API}/campaigns/${encodeURIComponent(campaignId)}` });
  }

  private campaignOf(request: ProviderRequest, campaign: InstantlyCampaign): ProviderEmailCampaign {
    const status = campaignStatusFromInstantly(campaign.status);
    if (status === null) throw this.http.error(request, 'malformed_response', 200, 1);
    return { externalId: campaign.id, name: campaign.name, status };
  }

  /**
   * Every item of a cursor-paginated list. Stops on an empty page (the last page with data may
   * still carry a cursor) or a missing cursor; a cursor that repeats would loop forever, so it is
   * a malformed response.
   */
  private async readAllPages<T>(
    http: ProviderHttpClient,
    schema: z.ZodType<{ items: T[]; next_starting_after: string | null }>,
    requestFor: (cursor: string | null) => ProviderRequest,
  ): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (;;) {
      const request = requestFor(cursor);
      const page = await http.sendFor(request, schema);
      items.push(...page.items);
      if (page.items.length === 0 || page.next_starting_after === null) return items;
      if (seen.has(page.next_starting_after)) throw http.error(request, 'malformed_response', 200, 1);
      seen.add(page.next_starting_after);
      cursor = page.next_starting_after;
    }
  }
}
