import type { GetCampaignAnalyticsSummary } from '../../../application/outreach/analytics/get-campaign-analytics-summary.js';
import type { GetCampaignProviderAnalytics } from '../../../application/outreach/analytics/get-campaign-provider-analytics.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  CampaignAnalyticsProviderResponse,
  CampaignAnalyticsSummaryResponse,
  toCampaignAnalyticsProviderResponse,
  toCampaignAnalyticsSummaryResponse,
} from './analytics.schemas.js';
import { campaignCallerOf } from './campaign-caller-of.js';
import { CampaignIdParams } from './campaign.schemas.js';
import { campaignNotFound, capabilityErrors } from './outreach-error-responses.js';

export interface AnalyticsUseCases {
  readonly getCampaignAnalyticsSummary: GetCampaignAnalyticsSummary;
  readonly getCampaignProviderAnalytics: GetCampaignProviderAnalytics;
}

const TAGS = ['campaigns'];

export function analyticsRoutes(useCases: AnalyticsUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/analytics/summary',
      operationId: 'get_campaign_analytics_summary',
      summary: "A campaign's figures from the engine's own records.",
      description:
        'Leads by status and the stored messages, counted live (no capability call). reply_rate = distinct leads with a reply / distinct leads ' +
        'with any stored message × 100, two decimals, 0 without contacted leads. last_activity_at = the newest stored message.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'analytics.read',
      params: CampaignIdParams,
      responses: { 200: { description: 'The figures.', schema: CampaignAnalyticsSummaryResponse }, 404: campaignNotFound },
      handle: async ({ params, principal }) => ({
        status: 200,
        body: toCampaignAnalyticsSummaryResponse(
          await useCases.getCampaignAnalyticsSummary.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id }),
        ),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/analytics/provider',
      operationId: 'get_campaign_analytics_provider',
      summary: "The capability's own statistics of a campaign, fetched live.",
      description:
        'normalized: {sent, opened, clicked, replied, bounced}; raw adds every other counter the capability reports (unsubscribed). ' +
        'A campaign not created at the capability yet answers 409 `campaign_not_synced`: reading never creates it.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'analytics.read',
      params: CampaignIdParams,
      responses: {
        200: { description: 'The statistics.', schema: CampaignAnalyticsProviderResponse },
        404: campaignNotFound,
        409: {
          description: 'The campaign is not created at the capability yet (`campaign_not_synced`), or the capability is not entitled/connected.',
          schema: ErrorEnvelopeSchema,
        },
        ...capabilityErrors,
      },
      handle: async ({ params, principal }) => ({
        status: 200,
        body: toCampaignAnalyticsProviderResponse(
          await useCases.getCampaignProviderAnalytics.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id }),
        ),
      }),
    }),
  ];
}
