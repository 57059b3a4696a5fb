import { LEAD_STATUSES, type LeadStatus } from '../../../domain/outreach/campaign-lead.js';
import type { CampaignStatus } from '../../../domain/outreach/campaign-status.js';
import type { Clock } from '../../shared/clock.port.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CampaignAnalyticsReader } from './campaign-analytics.reader.js';

export interface CampaignAnalyticsSummary {
  readonly campaignId: string;
  readonly campaignStatus: CampaignStatus;
  readonly leadsTotal: number;
  /** Every lead status, zero where no lead has it. */
  readonly leadsByStatus: Readonly<Record<LeadStatus, number>>;
  readonly outboundMessages: number;
  readonly inboundMessages: number;
  readonly leadsContacted: number;
  readonly leadsReplied: number;
  /** leadsReplied / leadsContacted × 100, two decimals; 0 while no lead has been contacted. */
  readonly replyRatePercent: number;
  /** The newest message's time, either direction; null without messages. */
  readonly lastActivityAt: Date | null;
  /** When these figures were counted: they are live, not a snapshot. */
  readonly computedAt: Date;
}

/**
 * A campaign's figures from the engine's own tables: leads by status and the messages stored by
 * thread refreshes and webhooks. No provider call: it answers while the provider is down, and as
 * fast as two indexed aggregates.
 */
export class GetCampaignAnalyticsSummary {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly reader: CampaignAnalyticsReader,
    private readonly clock: Clock,
  ) {}

  async execute(query: { readonly caller: CampaignCaller; readonly campaignId: string }): Promise<CampaignAnalyticsSummary> {
    const campaign = await findCampaignFor(this.campaigns, query.caller, query.campaignId);
    const activity = await this.reader.activityOf(campaign.orgId, campaign.id);
    const leadsByStatus = Object.fromEntries(LEAD_STATUSES.map((status) => [status, activity.leadsByStatus[status] ?? 0])) as Record<LeadStatus, number>;
    return {
      campaignId: campaign.id,
      campaignStatus: campaign.status,
      leadsTotal: Object.values(leadsByStatus).reduce((sum, count) => sum + count, 0),
      leadsByStatus,
      outboundMessages: activity.outboundMessages,
      inboundMessages: activity.inboundMessages,
      leadsContacted: activity.leadsContacted,
      leadsReplied: activity.leadsReplied,
      replyRatePercent: percentOf(activity.leadsReplied, activity.leadsContacted),
      lastActivityAt: activity.lastMessageAt,
      computedAt: this.clock.now(),
    };
  }
}

/** part / whole as a percentage with two decimals; 0 for an empty whole. */
function percentOf(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.round((part / whole) * 10_000) / 100;
}
