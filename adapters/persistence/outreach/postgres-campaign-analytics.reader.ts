import type { MikroORM } from '@mikro-orm/postgresql';
import type { CampaignActivity, CampaignAnalyticsReader } from '../../../application/outreach/analytics/campaign-analytics.reader.js';
import type { LeadStatus } from '../../../domain/outreach/campaign-lead.js';
import { executeSql } from '../shared/execute-sql.js';

/**
 * A campaign's activity in one round trip of two aggregates. The campaign is checked against the
 * organization once (`owned`); the lead counts then read only the (campaign_id, status, …) index
 * and the message counts the (campaign_id, direction, sent_at …) index plus the rows' lead ids.
 */
export class PostgresCampaignAnalyticsReader implements CampaignAnalyticsReader {
  constructor(private readonly orm: MikroORM) {}

  async activityOf(orgId: string, campaignId: string): Promise<CampaignActivity> {
    const [row] = (await executeSql(
      this.orm,
      `with owned as (
         select id from campaigns where id = ?::uuid and org_id = ?::uuid
       ),
       leads as (
         select status, count(*)::int as leads from campaign_leads where campaign_id = (select id from owned) group by status
       ),
       messages as (
         select count(*) filter (where direction = 'outbound')::int as outbound,
                count(*) filter (where direction = 'inbound')::int as inbound,
                count(distinct lead_id)::int as leads_contacted,
                count(distinct lead_id) filter (where direction = 'inbound')::int as leads_replied,
                max(sent_at) as last_message_at
           from campaign_messages where campaign_id = (select id from owned)
       )
       select (select coalesce(jsonb_object_agg(status, leads), '{}'::jsonb) from leads) as leads_by_status, messages.*
         from messages`,
      [campaignId, orgId],
    ))
    const lastMessageAt = row?.['last_message_at'];
    return {
      leadsByStatus: (row?.['leads_by_status'] as Partial<Record<LeadStatus, number>> | undefined) ?? {},
      outboundMessages: Number(row?.['outbound'] ?? 0),
      inboundMessages: Number(row?.['inbound'] ?? 0),
      leadsContacted: Number(row?.['leads_contacted'] ?? 0),
      leadsReplied: Number(row?.['leads_replied'] ?? 0),
      lastMessageAt: lastMessageAt === null || lastMessageAt === undefined ? null : new Date(lastMessageAt as string),
    };
  }
}
