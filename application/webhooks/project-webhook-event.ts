import type { Campaign } from '../../domain/outreach/campaign.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { canonicalEmail, type LeadStatus } from '../../domain/outreach/campaign-lead.js';
import { advanceLeadStatus } from '../../domain/outreach/lead-progress.js';
import { accountErrorReason, reportedErrorIsNewer } from '../../domain/outreach/sender-account-status.js';
import type { CampaignRepository } from '../outreach/campaigns/campaign.repository.js';
import type { CampaignLeadRepository } from '../outreach/leads/campaign-lead.repository.js';
import type { SuppressionList } from '../outreach/leads/suppression-list.port.js';
import type { CampaignMessageRepository } from '../outreach/messages/campaign-message.repository.js';
import type { SenderAccountRepository } from '../outreach/sender-account.repository.js';
import type { Clock } from '../shared/clock.port.js';
import type { TransactionRunner } from '../shared/transaction-runner.port.js';
import type { CanonicalWebhookEventType, ParsedWebhookEvent } from './provider-webhook.port.js';
import { UNATTRIBUTED_REASON, type StoredWebhookEvent, type WebhookEventStore } from './webhook-event.store.js';

export interface ProjectWebhookEventCommand {
  readonly eventId: string;
  /** No retry follows this attempt: a failure dead-letters the event. */
  readonly lastAttempt: boolean;
}

type Outcome = { readonly status: 'projected' | 'ignored'; readonly reason: string | null; readonly companyId: string | null };

const ignored = (reason: string, companyId: string | null = null): Outcome => ({ status: 'ignored', reason, companyId });
const projected = (owner: { readonly companyId: string }): Outcome => ({ status: 'projected', reason: null, companyId: owner.companyId });

/** What each lead event says about the lead's progress; advanceLeadStatus keeps it from moving back. */
const OBSERVED_LEAD_STATUS: Partial<Record<CanonicalWebhookEventType, LeadStatus>> = {
  message_sent: 'contacted',
  replied: 'replied',
  bounced: 'bounced',
  unsubscribed: 'unsubscribed',
};

/** Event types with no local state to change yet (LinkedIn campaigns are not stored locally). */
const NOT_PROJECTED: ReadonlySet<CanonicalWebhookEventType> = new Set(['unknown', 'connection_sent', 'connection_accepted']);

/**
 * Projects one stored webhook event into the local state of the organization it belongs to, in
 * one transaction with the event row locked: messages upserted by their provider id, the lead's
 * status advanced (never backwards: a late "sent" after "replied" keeps "replied"), its category
 * set, the campaign's status moved where the state machine allows, the address suppressed on
 * an unsubscribe or a hard bounce, and a sending account the provider reports broken marked
 * inactive with the provider's words (unless a later sync already saw it). Every lookup is
 * scoped to the event's organization, so an event can never touch another organization's data,
 * whatever ids it carries. Running it again changes nothing: a projected event is skipped.
 */
export class ProjectWebhookEvent {
  constructor(
    private readonly events: WebhookEventStore,
    private readonly campaigns: CampaignRepository,
    private readonly leads: CampaignLeadRepository,
    private readonly messages: CampaignMessageRepository,
    private readonly suppressions: SuppressionList,
    private readonly senderAccounts: SenderAccountRepository,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(command: ProjectWebhookEventCommand): Promise<void> {
    try {
      await this.transactions.run(async () => {
        const stored = await this.events.findForProjection(command.eventId);
        if (!stored || stored.status === 'projected' || stored.status === 'ignored') return;
        await this.events.finishProjection(stored.id, await this.apply(stored), this.clock.now());
      });
    } catch (error) {
      const reason = failureReasonOf(error);
      await this.events.recordProjectionFailure(command.eventId, { reason, deadLetter: command.lastAttempt }, this.clock.now());
      throw error;
    }
  }

  private async apply(stored: StoredWebhookEvent): Promise<Outcome> {
    const { event, orgId } = stored;
    if (orgId === null) return ignored(UNATTRIBUTED_REASON);
    if (NOT_PROJECTED.has(event.canonicalType)) return ignored(`no local state to change for an event of type ${event.canonicalType}`);
    if (event.canonicalType === 'account_error') return this.applyAccountError(orgId, stored);
    if (event.campaignExternalId === null) return ignored('the event names no campaign');
    const campaign = await this.campaigns.findByExternalIdForUpdate(orgId, stored.providerId, event.campaignExternalId);
    if (!campaign) return ignored('unknown campaign: no campaign of the organization has this id');
    if (event.canonicalType === 'campaign_status_changed') return this.applyCampaignStatus(campaign, event);
    return this.applyToLead(campaign, event);
  }

  private async applyAccountError(orgId: string, stored: StoredWebhookEvent): Promise<Outcome> {
    const account = stored.event.senderAccount;
    if (account === null) return ignored('the event names no sending account');
    // LinkedIn senders belong to another provider than the one that reports them (no local copy to mark).
    if (account.channel !== 'email') return ignored(`no local state to change for a ${account.channel} account error`);
    const inbox = await this.senderAccounts.findInboxForUpdate(orgId, stored.providerId, { externalId: account.externalId, email: account.email });
    if (!inbox) return ignored('unknown sending account: no inbox of the organization has this id or address');
    const now = this.clock.now();
    const reportedAt = stored.event.occurredAt ?? stored.receivedAt;
    if (!reportedErrorIsNewer(inbox, reportedAt)) {
      return ignored('stale: the inbox was synced after this error was reported', inbox.companyId);
    }
    await this.senderAccounts.deactivateInbox(orgId, inbox.id, accountErrorReason(account.error), reportedAt, now);
    return projected(inbox);
  }

  private async applyCampaignStatus(campaign: Campaign, event: ParsedWebhookEvent): Promise<Outcome> {
    if (event.campaignStatus === null) return ignored('the reported campaign status has no engine equivalent', campaign.companyId);
    if (!campaign.observeProviderStatus(event.campaignStatus, this.clock.now())) {
      return ignored(`the campaign is ${campaign.status}; a reported ${event.campaignStatus} does not apply`, campaign.companyId);
    }
    await this.campaigns.save(campaign);
    return projected(campaign);
  }

  private async applyToLead(campaign: Campaign, event: ParsedWebhookEvent): Promise<Outcome> {
    const email = event.lead?.email ? canonicalEmail(event.lead.email) : null;
    if (email === null) return ignored('the event names no lead', campaign.companyId);
    const lead = await this.leads.findByEmailForUpdate(campaign.orgId, campaign.id, email);
    if (!lead) return ignored('unknown lead: the campaign has no lead with this address', campaign.companyId);
    const now = this.clock.now();

    const message = event.message;
    if (message?.externalId && (event.canonicalType === 'message_sent' || event.canonicalType === 'replied')) {
      await this.messages.upsertMany(
        { orgId: campaign.orgId, companyId: campaign.companyId, campaignId: campaign.id },
        [
          {
            leadId: lead.id,
            externalId: message.externalId,
            direction: message.direction,
            sentAt: message.sentAt ?? event.occurredAt ?? now,
            stepNumber: message.stepNumber,
            subject: message.subject,
            body: message.body,
            fromAddress: null,
            toAddress: null,
          },
        ],
        now,
      );
    }
    const observed = OBSERVED_LEAD_STATUS[event.canonicalType];
    if (observed) {
      const next = advanceLeadStatus(lead.status, observed);
      if (next !== lead.status) await this.leads.setStatus(campaign.orgId, campaign.id, lead.id, next, now);
    }
    if (event.canonicalType === 'category_changed' && event.category) await this.leads.setCategory(campaign.orgId, campaign.id, lead.id, event.category, now);
    if (event.canonicalType === 'unsubscribed' || (event.canonicalType === 'bounced' && event.hardBounce)) {
      const reason = event.canonicalType === 'unsubscribed' ? 'unsubscribed' : 'hard_bounce';
      await this.suppressions.add(campaign.orgId, campaign.companyId, [{ email, reason, sourceCampaignId: campaign.id }], now);
    }
    return projected(campaign);
  }
}

/**
 * What is stored and shown to super-admins about a failure. Driver and ORM messages quote the
 * statement and its values (addresses, message bodies), so only the error's name and SQLSTATE are
 * kept from them; the engine's own errors say what happened in their message.
 */
function failureReasonOf(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  if (!(error instanceof Error)) return 'projection failed';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (SQLSTATE ${code})` : error.name;
}
