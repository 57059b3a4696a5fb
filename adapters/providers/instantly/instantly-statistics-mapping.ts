import type { EmailCampaignStatistics } from '../../../application/outreach/email-outreach-provider.port.js';
import type { InstantlyCampaignAnalytics } from './instantly.schemas.js';

/**
 * One row of `GET /api/v2/campaigns/analytics` as the engine's statistics. Opens, clicks and
 * replies count leads (the `_unique` counts), not events: one lead opening five times is one
 * open, as with the other providers. Where Instantly leaves a unique count out, its total is used.
 */
export function statisticsFromInstantly(row: InstantlyCampaignAnalytics): EmailCampaignStatistics {
  return {
    sent: row.emails_sent_count ?? 0,
    opened: row.open_count_unique ?? row.open_count ?? 0,
    clicked: row.link_click_count_unique ?? row.link_click_count ?? 0,
    replied: row.reply_count_unique ?? row.reply_count ?? 0,
    bounced: row.bounced_count ?? 0,
    unsubscribed: row.unsubscribed_count ?? 0,
  };
}
