import { CampaignConnectionChangedError } from '../../../domain/outreach/campaign-errors.js';
import { CapabilityNotConnectedError, CapabilityNotEntitledError } from '../../../domain/entitlements/entitlement-errors.js';
import type { Campaign } from '../../../domain/outreach/campaign.js';
import type { CampaignLead } from '../../../domain/outreach/campaign-lead.js';
import { LeadNotFoundError } from '../../../domain/outreach/lead-errors.js';
import { advanceLeadStatus } from '../../../domain/outreach/lead-progress.js';
import type { Clock } from '../../shared/clock.port.js';
import type { TransactionRunner } from '../../shared/transaction-runner.port.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CapabilityConnections } from '../capability-connections.js';
import type { ProviderEmailMessage } from '../email-outreach-provider.port.js';
import type { CampaignLeadRepository } from '../leads/campaign-lead.repository.js';
import { ProviderCallError } from '../provider-call-error.js';
import { describeProviderFailure } from '../provider-failure-description.js';
import { OperationNotSupportedError } from '../require-supported.js';
import type { CampaignMessage, CampaignMessageRepository } from './campaign-message.repository.js';

export interface GetLeadThreadQuery {
  readonly caller: CampaignCaller;
  readonly campaignId: string;
  readonly leadId: string;
}

/**
 * Where the answer's view comes from. `provider`: the thread was refreshed from the provider
 * just now. `local`: the provider was not asked or did not answer; `reason` is a stable code
 * (`campaign_not_synced`, `lead_not_synced`, `capability_not_entitled`, `capability_not_connected`,
 * `operation_not_supported`, `capability_unavailable`, `capability_credentials_rejected`,
 * `capability_failed`).
 */
export type ThreadSource = { readonly kind: 'provider' } | { readonly kind: 'local'; readonly reason: string };

export interface LeadThread {
  /** Oldest first, always as stored: a refresh is written first, then read back. */
  readonly messages: readonly CampaignMessage[];
  readonly source: ThreadSource;
}

/**
 * The thread with one lead. When the provider can be asked (campaign and lead held there,
 * capability connected) it is refreshed first: its messages are upserted by their provider id,
 * so refreshing twice stores nothing twice, and a reply moves the lead to `replied` unless it
 * has gone further. Any reason the provider cannot answer serves the stored thread instead of
 * failing: a conversation stays readable while the provider is down.
 */
export class GetLeadThread {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly leads: CampaignLeadRepository,
    private readonly messages: CampaignMessageRepository,
    private readonly connections: Pick<CapabilityConnections, 'emailOutreachForCampaign'>,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetLeadThreadQuery): Promise<LeadThread> {
    const campaign = await findCampaignFor(this.campaigns, query.caller, query.campaignId);
    const lead = await this.leads.findById(campaign.orgId, campaign.id, query.leadId);
    if (!lead) throw new LeadNotFoundError();
    const source = await this.refresh(campaign, lead);
    return { messages: await this.messages.thread(campaign.orgId, campaign.id, lead.id), source };
  }

  private async refresh(campaign: Campaign, lead: CampaignLead): Promise<ThreadSource> {
    // A read never creates the provider campaign nor pushes the lead: it only asks what exists.
    const externalCampaignId = campaign.externalCampaignId;
    if (externalCampaignId === null) return { kind: 'local', reason: 'campaign_not_synced' };
    if (lead.syncState !== 'synced') return { kind: 'local', reason: 'lead_not_synced' };
    let observed: readonly ProviderEmailMessage[];
    try {
      const { adapter, connection } = await this.connections.emailOutreachForCampaign(campaign);
      observed = await adapter.listLeadMessages(connection, externalCampaignId, { externalId: lead.externalLeadId, email: lead.email });
    } catch (error) {
      const reason = unreachableReason(error);
      if (reason === null) throw error;
      return { kind: 'local', reason };
    }
    await this.store(campaign, lead, observed);
    return { kind: 'provider' };
  }

  private async store(campaign: Campaign, lead: CampaignLead, observed: readonly ProviderEmailMessage[]): Promise<void> {
    const now = this.clock.now();
    await this.transactions.run(async () => {
      await this.messages.upsertMany(
        { orgId: campaign.orgId, companyId: campaign.companyId, campaignId: campaign.id },
        observed.map((message) => ({
          leadId: lead.id,
          externalId: message.externalId,
          direction: message.direction,
          sentAt: message.sentAt,
          stepNumber: message.stepNumber,
          subject: message.subject,
          body: message.body,
          fromAddress: message.fromAddress,
          toAddress: message.toAddress,
        })),
        now,
      );
      if (!observed.some((message) => message.direction === 'inbound')) return;
      // Decided from the locked row, so an unsubscribe landing meanwhile is never overwritten.
      const current = await this.leads.findByIdForUpdate(campaign.orgId, campaign.id, lead.id);
      if (!current) return;
      const status = advanceLeadStatus(current.status, 'replied');
      if (status !== current.status) await this.leads.setStatus(campaign.orgId, campaign.id, lead.id, status, now);
    });
  }
}

/** Why the provider could not be asked, as a stable code; null for failures that are not about reaching it. */
function unreachableReason(error: unknown): string | null {
  if (error instanceof ProviderCallError) return describeProviderFailure(error).code;
  if (
    error instanceof CapabilityNotConnectedError ||
    error instanceof CapabilityNotEntitledError ||
    error instanceof OperationNotSupportedError ||
    error instanceof CampaignConnectionChangedError
  ) {
    return error.code;
  }
  return null;
}
