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
import { DONE, type ProviderOutcome } from '../../../application/outreach/provider-outcome.js';
import type { ProviderHttpClient, ProviderRequest, QueryValue } from '../http/provider-http-client.js';
import { listIn } from '../http/lenient-values.js';
import {
  isExplicitRefusal,
  SmartleadAddLeadsResult,
  SmartleadCampaign,
  SmartleadCampaignAnalytics,
  SmartleadCampaignLeadPage,
  SmartleadCampaignList,
  SmartleadCreatedCampaign,
  SmartleadEmailAccountPage,
  SmartleadLeadLookup,
  SmartleadMessageHistory,
  SmartleadSequence,
} from './smartlead.schemas.js';
import { belongsToClient, sendingAccountFromSmartlead } from './smartlead-account-mapping.js';
import { campaignStatusFromSmartlead, smartleadStatusCommand } from './smartlead-status-mapping.js';
import { sequenceFromSmartlead, sequenceToSmartlead, stepsWithMixedDistribution } from './smartlead-sequence-mapping.js';
import { batchesOf, sumAddLeadsOutcomes } from '../lead-batches.js';
import { addLeadsBody, addLeadsOutcomeOf, leadFromSmartlead } from './smartlead-lead-mapping.js';
import { SMARTLEAD_LEADS_PER_CALL, SMARTLEAD_PAGE_LIMIT } from './smartlead-limits.js';
import { decodeLeadCursor, encodeLeadCursor } from './smartlead-lead-cursor.js';
import { messageFromSmartlead, oldestFirst } from './smartlead-message-mapping.js';

type Method = ProviderRequest['method'];

interface CallOptions {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly idempotent?: boolean;
}

/**
 * Email outreach through Smartlead's API v1 (providers.md §2). The base URL is the API root
 * including `/api/v1`. Authentication is the `api_key` query parameter on every call — never a
 * header — and calls are paced per API key, the unit Smartlead rate-limits.
 */
export class SmartleadEmailOutreachAdapter implements EmailOutreachProvider {
  constructor(private readonly http: ProviderHttpClient) {}

  async checkCredentials(connection: ProviderConnection): Promise<void> {
    const call = this.request(connection, 'credentials.check', 'GET', '/email-accounts/', { query: { offset: 0, limit: 1 } });
    const response = await this.http.send(call);
    this.http.validate(call, listIn(response.body, ['data']), z.array(z.unknown()), response.status);
  }

  async listSendingAccounts(connection: ProviderConnection): Promise<readonly SendingAccount[]> {
    const clientId = this.clientIdOf(connection, 'accounts.list');
    const accounts: SendingAccount[] = [];
    const seen = new Set<string>();
    for (let offset = 0; ; offset += SMARTLEAD_PAGE_LIMIT) {
      const call = this.request(connection, 'accounts.list', 'GET', '/email-accounts/', {
        query: { offset, limit: SMARTLEAD_PAGE_LIMIT, client_id: clientId },
      });
      const response = await this.http.send(call);
      const page = this.http.validate(call, listIn(response.body, ['data']), SmartleadEmailAccountPage, response.status);
      let fresh = 0;
      for (const account of page) {
        if (seen.has(account.id)) continue;
        seen.add(account.id);
        fresh += 1;
        if (belongsToClient(account, connection.clientId)) accounts.push(sendingAccountFromSmartlead(account));
      }
      // A short page is the last one; a page of nothing new means the offset was ignored.
      if (page.length < SMARTLEAD_PAGE_LIMIT || fresh === 0) return accounts;
    }
  }

  async createCampaign(connection: ProviderConnection, input: { readonly name: string }): Promise<ProviderEmailCampaign> {
    const clientId = this.clientIdOf(connection, 'campaign.create');
    // Smartlead accepts only `name` and `client_id` here; everything else is set by later calls.
    const call = this.request(connection, 'campaign.create', 'POST', '/campaigns/create', {
      body: clientId === null ? { name: input.name } : { name: input.name, client_id: clientId },
    });
    const response = await this.http.send(call);
    if (isExplicitRefusal(response.body)) throw this.http.error(call, 'request_rejected', response.status, 1);
    const created = this.http.validate(call, response.body, SmartleadCreatedCampaign, response.status);
    return { externalId: created.id, name: created.name ?? input.name, status: 'DRAFTED' };
  }

  async getCampaign(connection: ProviderConnection, campaignId: string): Promise<ProviderEmailCampaign> {
    const call = this.request(connection, 'campaign.get', 'GET', campaignPath(campaignId));
    return this.campaignOf(call, await this.http.sendFor(call, SmartleadCampaign));
  }

  /**
   * `GET /campaigns/` answers every campaign of the key in one bare array (it has no pages), or
   * only the client's with `client_id`. Each campaign's `client_id` is checked again, as for
   * inboxes, so another client's campaign never matches should the filter be ignored.
   */
  async findCampaignsByName(connection: ProviderConnection, name: string): Promise<readonly ProviderEmailCampaign[]> {
    const operation = 'campaign.find_by_name';
    const clientId = this.clientIdOf(connection, operation);
    const call = this.request(connection, operation, 'GET', '/campaigns/', { query: { client_id: clientId } });
    const response = await this.http.send(call);
    const campaigns = this.http.validate(call, listIn(response.body, ['data']), SmartleadCampaignList, response.status);
    return campaigns
      .filter((campaign) => (campaign.name ?? '') === name && belongsToClient(campaign, connection.clientId))
      .map((campaign) => this.campaignOf(call, campaign));
  }

  async setCampaignStatus(connection: ProviderConnection, campaignId: string, target: EmailCampaignStatusTarget): Promise<ProviderOutcome> {
    // Setting a status twice leaves it set: safe to repeat after a lost response.
    const call = this.request(connection, 'campaign.set_status', 'POST', `${campaignPath(campaignId)}/status`, {
      body: { status: smartleadStatusCommand(target) },
      idempotent: true,
    });
    await this.sendWrite(call);
    return DONE;
  }

  async getSequence(connection: ProviderConnection, campaignId: string): Promise<readonly EmailSequenceStep[]> {
    const call = this.request(connection, 'sequence.get', 'GET', `${campaignPath(campaignId)}/sequences`);
    const response = await this.http.send(call);
    const steps = this.http.validate(call, listIn(response.body, ['data', 'sequences']), SmartleadSequence, response.status);
    return sequenceFromSmartlead(steps);
  }

  async saveSequence(connection: ProviderConnection, campaignId: string, steps: readonly EmailSequenceStep[]): Promise<readonly EmailSequenceStep[]> {
    const operation = 'sequence.save';
    if (stepsWithMixedDistribution(steps).length > 0) throw this.http.error({ operation }, 'request_rejected', null, 0);
    const call = this.request(connection, operation, 'POST', `${campaignPath(campaignId)}/sequences`, {
      body: sequenceToSmartlead(steps),
      // The body is the whole sequence and replaces the stored one: a repeat stores the same thing.
      idempotent: true,
    });
    await this.sendWrite(call);
    // The save answers no reliable ids; the stored sequence does.
    return this.getSequence(connection, campaignId);
  }

  async addLeads(connection: ProviderConnection, campaignId: string, leads: readonly EmailLeadInput[]): Promise<AddLeadsOutcome> {
    const outcomes: AddLeadsOutcome[] = [];
    for (const batch of batchesOf(leads, SMARTLEAD_LEADS_PER_CALL)) {
      const call = this.request(connection, 'leads.add', 'POST', `${campaignPath(campaignId)}/leads`, {
        body: addLeadsBody(batch),
        // Smartlead dedupes on the address within a campaign, so a repeated batch cannot add a
        // lead twice; it only reports the first attempt's leads as already present.
        idempotent: true,
      });
      const response = await this.http.send(call);
      if (isExplicitRefusal(response.body)) throw this.http.error(call, 'request_rejected', response.status, 1);
      outcomes.push(addLeadsOutcomeOf(this.http.validate(call, response.body, SmartleadAddLeadsResult, response.status), batch.length));
    }
    return sumAddLeadsOutcomes(outcomes);
  }

  async listLeads(connection: ProviderConnection, campaignId: string, page: PageRequest): Promise<Page<ProviderEmailLead>> {
    const limit = Number.isFinite(page.limit) ? Math.min(SMARTLEAD_PAGE_LIMIT, Math.max(1, Math.floor(page.limit))) : SMARTLEAD_PAGE_LIMIT;
    const offset = decodeLeadCursor(page.cursor);
    if (offset === null) throw this.http.error({ operation: 'leads.list' }, 'request_rejected', null, 0);
    const call = this.request(connection, 'leads.list', 'GET', `${campaignPath(campaignId)}/leads`, { query: { offset, limit } });
    const body = await this.http.sendFor(call, SmartleadCampaignLeadPage);
    const items: ProviderEmailLead[] = [];
    for (const item of body.data) {
      const lead = leadFromSmartlead(item, connection.clientId);
      if (lead === null) throw this.http.error(call, 'malformed_response', 200, 1);
      items.push(lead);
    }
    const next = offset + body.data.length;
    const more = body.data.length > 0 && (body.total_leads === null ? body.data.length === limit : next < body.total_leads);
    return { items, nextCursor: more ? encodeLeadCursor(next) : null };
  }

  async pauseLead(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<ProviderOutcome> {
    return this.leadAction(connection, campaignId, lead, 'pause', 'lead.pause');
  }

  async resumeLead(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<ProviderOutcome> {
    return this.leadAction(connection, campaignId, lead, 'resume', 'lead.resume');
  }

  async unsubscribeLead(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<ProviderOutcome> {
    return this.leadAction(connection, campaignId, lead, 'unsubscribe', 'lead.unsubscribe');
  }

  async listLeadMessages(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<readonly ProviderEmailMessage[]> {
    const leadId = await this.leadIdOf(connection, lead, 'lead.messages');
    const call = this.request(connection, 'lead.messages', 'GET', `${campaignPath(campaignId)}/leads/${encodeURIComponent(leadId)}/message-history`);
    const response = await this.http.send(call);
    // Live responses wrap the thread as `{history:[…]}`; SL-DOCS' `{messages:[…]}` is wrong (providers.md §2.2).
    const history = this.http.validate(call, listIn(response.body, ['history']), SmartleadMessageHistory, response.status);
    const messages: ProviderEmailMessage[] = [];
    for (const entry of history) {
      const mapped = messageFromSmartlead(entry);
      if (mapped.kind === 'unusable') throw this.http.error(call, 'malformed_response', response.status, 1);
      if (mapped.kind === 'message') messages.push(mapped.message);
    }
    return oldestFirst(messages);
  }

  /**
   * Opens and clicks are the unique counts (leads who opened or clicked) where Smartlead sends
   * them: raw totals grow with every re-open and with mail-client image proxies, which would
   * overstate engagement next to per-lead replies and bounces. `sent_count` is every email sent.
   */
  async getCampaignStatistics(connection: ProviderConnection, campaignId: string): Promise<EmailCampaignStatistics> {
    const call = this.request(connection, 'campaign.statistics', 'GET', `${campaignPath(campaignId)}/analytics`);
    const analytics = await this.http.sendFor(call, SmartleadCampaignAnalytics);
    return {
      sent: analytics.sent_count,
      opened: analytics.unique_open_count ?? analytics.open_count,
      clicked: analytics.unique_click_count ?? analytics.click_count,
      replied: analytics.reply_count,
      bounced: analytics.bounce_count,
      unsubscribed: analytics.unsubscribed_count,
    };
  }

  private async leadAction(
    connection: ProviderConnection,
    campaignId: string,
    lead: EmailLeadRef,
    action: 'pause' | 'resume' | 'unsubscribe',
    operation: string,
  ): Promise<ProviderOutcome> {
    const leadId = await this.leadIdOf(connection, lead, operation);
    // Pausing, resuming or unsubscribing twice ends in the same state: safe to repeat.
    const call = this.request(connection, operation, 'POST', `${campaignPath(campaignId)}/leads/${encodeURIComponent(leadId)}/${action}`, { idempotent: true });
    await this.sendWrite(call);
    return DONE;
  }

  /**
   * Smartlead's per-lead paths take its lead id. A lead the engine knows only by address (added
   * before its id was learnt) is looked up with `GET /leads/?email=`, which answers `{}` for an
   * address Smartlead does not know: that lead is not found.
   */
  private async leadIdOf(connection: ProviderConnection, lead: EmailLeadRef, operation: string): Promise<string> {
    if (lead.externalId !== null) return lead.externalId;
    const call = this.request(connection, operation, 'GET', '/leads/', { query: { email: lead.email } });
    const found = await this.http.sendFor(call, SmartleadLeadLookup);
    if (found.id === undefined) throw this.http.error(call, 'not_found', 200, 1);
    return found.id;
  }

  /** An unknown status is reported as malformed, never guessed. */
  private campaignOf(call: ProviderRequest, campaign: SmartleadCampaign): ProviderEmailCampaign {
    const status = campaignStatusFromSmartlead(campaign.status);
    if (status === null) throw this.http.error(call, 'malformed_response', 200, 1);
    return { externalId: campaign.id, name: campaign.name ?? '', status };
  }

  /** A write whose answer varies (JSON or plain text): only an explicit `ok:false` is a refusal. */
  private async sendWrite(call: ProviderRequest): Promise<void> {
    const response = await this.http.send(call);
    if (isExplicitRefusal(response.body)) throw this.http.error(call, 'request_rejected', response.status, 1);
  }

  /**
   * Smartlead client ids are integers, sent as numbers. A connection bound to anything else is
   * refused before any call: sent as is, Smartlead could ignore it and act on the agency's own
   * account, outside the company's client.
   */
  private clientIdOf(connection: ProviderConnection, operation: string): number | null {
    if (connection.clientId === null) return null;
    if (!/^\d+$/.test(connection.clientId)) throw this.http.error({ operation }, 'request_rejected', null, 0);
    return Number(connection.clientId);
  }

  private request(connection: ProviderConnection, operation: string, method: Method, path: string, options: CallOptions = {}): ProviderRequest {
    return {
      operation,
      method,
      path,
      query: { ...options.query, api_key: connection.apiKey },
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.idempotent === undefined ? {} : { idempotent: options.idempotent }),
      pacingKey: `smartlead:key:${connection.apiKey}`,
    };
  }
}

function campaignPath(campaignId: string): string {
  return `/campaigns/${encodeURIComponent(campaignId)}`;
}
