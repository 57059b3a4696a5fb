import { z } from 'zod';
import type { ReliabilityAnalytics } from '../../../application/analytics/get-reliability-analytics.js';
import { CAPABILITY_SLUGS } from '../../../domain/entitlements/capability.js';

const count = z.number().int().min(0);

function fromNotAfterTo(query: { from_ts?: string | undefined; to_ts?: string | undefined }): boolean {
  return !query.from_ts || !query.to_ts || Date.parse(query.from_ts) <= Date.parse(query.to_ts);
}

export const ReliabilityAnalyticsQuery = z
  .strictObject({
    company_id: z.uuid().optional().describe('Org admins: one company instead of the whole organization. Company users: their own company only.'),
    provider_slug: z
      .enum(CAPABILITY_SLUGS)
      .optional()
      .describe('Only the webhooks of this capability. Named provider_slug for the reference contract; it takes a capability, never a provider.'),
    from_ts: z.iso.datetime({ offset: true }).optional().describe('Events received at or after this time.'),
    to_ts: z.iso.datetime({ offset: true }).optional().describe('Events received before this time.'),
  })
  .refine(fromNotAfterTo, { message: 'from_ts must not be later than to_ts', path: ['to_ts'] });

const reliabilityCounts = {
  events_total: count.describe('Webhook events received in the window.'),
  replayed_events_total: count.describe('Events replayed at least once.'),
  replay_count_total: count.describe('Replays of those events, summed.'),
  errors_total: count.describe('Events whose processing failed or was dead-lettered.'),
};

export const ReliabilityByProviderItem = z
  .object({
    provider_slug: z.enum(CAPABILITY_SLUGS).describe('The capability whose webhooks these are; which provider fulfils it is not disclosed.'),
    ...reliabilityCounts,
  })
  .meta({ id: 'ReliabilityByProviderItem' });

export const ReliabilityAnalyticsResponse = z
  .object({
    company_id: z.uuid().nullable().describe('The company read; null for an organization-wide read.'),
    ...reliabilityCounts,
    by_provider: z.array(ReliabilityByProviderItem).describe('One item per capability the filter admits, zeros included.'),
    from_ts: z.iso.datetime().nullable(),
    to_ts: z.iso.datetime().nullable(),
    updated_at: z.iso.datetime().describe('When these figures were counted: they are live, not a snapshot.'),
  })
  .meta({ id: 'ReliabilityAnalyticsResponse' });

export function toReliabilityAnalyticsResponse(analytics: ReliabilityAnalytics): z.output<typeof ReliabilityAnalyticsResponse> {
  return {
    company_id: analytics.scope.kind === 'company' ? analytics.scope.companyId : null,
    events_total: analytics.eventsTotal,
    replayed_events_total: analytics.replayedEventsTotal,
    replay_count_total: analytics.replayCountTotal,
    errors_total: analytics.errorsTotal,
    by_provider: analytics.byCapability.map((item) => ({
      provider_slug: item.capability,
      events_total: item.eventsTotal,
      replayed_events_total: item.replayedEventsTotal,
      replay_count_total: item.replayCountTotal,
      errors_total: item.errorsTotal,
    })),
    from_ts: analytics.from?.toISOString() ?? null,
    to_ts: analytics.to?.toISOString() ?? null,
    updated_at: analytics.computedAt.toISOString(),
  };
}
