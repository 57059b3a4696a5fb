import type { LeadStatus } from '../../../domain/outreach/campaign-lead.js';

/** What the engine's own tables say about one campaign, counted in the database. */
export interface CampaignActivity {
  /** Leads per status; statuses no lead has are absent. */
  readonly leadsByStatus: Readonly<Partial<Record<LeadStatus, number>>>;
  readonly outboundMessages: number;
  readonly inboundMessages: number;
  /** Distinct leads with at least one stored message, in either direction. */
  readonly leadsContacted: number;
  /** Distinct leads with at least one inbound message. */
  readonly leadsReplied: number;
  /** The newest message's sent_at, either direction; null without messages. */
  readonly lastMessageAt: Date | null;
}

/** A read model over campaign_leads and campaign_messages: indexed aggregate queries, no provider call. */
export interface CampaignAnalyticsReader {
  /** Zeros for a campaign that is not the organization's. */
  activityOf(orgId: string, campaignId: string): Promise<CampaignActivity>;
}
