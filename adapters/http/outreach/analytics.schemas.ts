import { z } from 'zod';
import type { CampaignAnalyticsSummary } from '../../../application/outreach/analytics/get-campaign-analytics-summary.js';
import type { CampaignProviderAnalytics } from '../../../application/outreach/analytics/get-campaign-provider-analytics.js';
import { LEAD_STATUSES } from '../../../domain/outreach/campaign-lead.js';
import { CAMPAIGN_STATUSES } from '../../../domain/outreach/campaign-status.js';

const count = z.number().int().min(0);

export const CampaignAnalyticsSummaryResponse = z
  .object({
    campaign_id: z.uuid(),
    campaign_status: z.enum(CAMPAIGN_STATUSES),
    leads_total: count,
    leads_active: count,
    leads_paused: count,
    leads_unsubscribed: count,
    leads_by_status: z.object(Object.fromEntries(LEAD_STATUSES.map((status) => [status, count]))).describe('Every lead status, zero where no lead has it.'),
    outbound_messages_total: count.describe('Stored outbound messages.'),
    replies_total: count.describe('Stored inbound messages (every reply, not distinct leads).'),
    leads_contacted: count.describe('Distinct leads with at least one stored message, in either direction.'),
    leads_replied: count.describe('Distinct leads with at least one inbound message.'),
    reply_rate: z
      .number()
      .min(0)
      .max(100)
      .describe('leads_replied / leads_contacted × 100, rounded to two decimals; 0 while no lead has been contacted.'),
    last_activity_at: z.iso.datetime().nullable().describe('sent_at of the newest stored message, either direction; null without messages.'),
    updated_at: z.iso.datetime().describe('When these figures were counted: they are live, not a snapshot.'),
  })
  .meta({ id: 'CampaignAnalyticsSummaryResponse' });

const EmailStatistics = z.object({ sent: count, opened: count, clicked: count, replied: count, bounced: count });

export const CampaignAnalyticsProviderResponse = z
  .object({
    campaign_id: z.uuid(),
    provider: z.literal('email_outreach').describe('The capability that answered; which provider fulfils it is not disclosed.'),
    provider_campaign_id: z.string().describe("The campaign's id at the capability (the campaign's external_campaign_id)."),
    normalized: EmailStatistics.describe('sent: emails sent; opened, clicked, replied: leads that did so (where the capability counts leads); bounced: leads.'),
    raw: EmailStatistics.extend({ unsubscribed: count }).describe('Every counter the capability reports, before narrowing to the normalized set.'),
    fetched_at: z.iso.datetime(),
  })
  .meta({ id: 'CampaignAnalyticsProviderResponse' });

export function toCampaignAnalyticsSummaryResponse(summary: CampaignAnalyticsSummary): z.output<typeof CampaignAnalyticsSummaryResponse> {
  return {
    campaign_id: summary.campaignId,
    campaign_status: summary.campaignStatus,
    leads_total: summary.leadsTotal,
    leads_active: summary.leadsByStatus.active,
    leads_paused: summary.leadsByStatus.paused,
    leads_unsubscribed: summary.leadsByStatus.unsubscribed,
    leads_by_status: { ...summary.leadsByStatus },
    outbound_messages_total: summary.outboundMessages,
    replies_total: summary.inboundMessages,
    leads_contacted: summary.leadsContacted,
    leads_replied: summary.leadsReplied,
    reply_rate: summary.replyRatePercent,
    last_activity_at: summary.lastActivityAt?.toISOString() ?? null,
    updated_at: summary.computedAt.toISOString(),
  };
}

/** Field by field: whatever else a statistics object might carry never reaches a tenant. */
export function toCampaignAnalyticsProviderResponse(analytics: CampaignProviderAnalytics): z.output<typeof CampaignAnalyticsProviderResponse> {
  const { sent, opened, clicked, replied, bounced, unsubscribed } = analytics.statistics;
  return {
    campaign_id: analytics.campaignId,
    provider: 'email_outreach',
    provider_campaign_id: analytics.externalCampaignId,
    normalized: { sent, opened, clicked, replied, bounced },
    raw: { sent, opened, clicked, replied, bounced, unsubscribed },
    fetched_at: analytics.fetchedAt.toISOString(),
  };
}
