import type { GetReliabilityAnalytics } from '../../../application/analytics/get-reliability-analytics.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { ReliabilityAnalyticsQuery, ReliabilityAnalyticsResponse, toReliabilityAnalyticsResponse } from './reliability.schemas.js';

export interface ReliabilityUseCases {
  readonly getReliabilityAnalytics: GetReliabilityAnalytics;
}

export function reliabilityRoutes(useCases: ReliabilityUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/analytics/reliability',
      operationId: 'get_reliability_analytics',
      summary: 'How reliably capability webhooks reached you: events received, replayed and failed, per capability.',
      description:
        'Counted live from the stored webhook events, by received time (from_ts inclusive, to_ts exclusive). Org admins read the whole ' +
        'organization (events not yet tied to a company included) or one company_id; company users read their company. ' +
        'by_provider[].provider_slug is the capability (email_outreach, linkedin_outreach): providers are never named.',
      tags: ['analytics'],
      auth: 'tenant',
      permission: 'analytics.read',
      query: ReliabilityAnalyticsQuery,
      responses: {
        200: { description: 'The figures.', schema: ReliabilityAnalyticsResponse },
        404: { description: 'company_id names no company you may see.', schema: ErrorEnvelopeSchema },
        422: { description: 'A query parameter is invalid (an unknown capability, a malformed time) or from_ts is later than to_ts.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ query, principal }) => ({
        status: 200,
        body: toReliabilityAnalyticsResponse(
          await useCases.getReliabilityAnalytics.execute({
            caller: { orgId: principal.orgId, role: principal.role, companyId: principal.companyId },
            companyId: query.company_id,
            capability: query.provider_slug,
            from: query.from_ts === undefined ? undefined : new Date(query.from_ts),
            to: query.to_ts === undefined ? undefined : new Date(query.to_ts),
          }),
        ),
      }),
    }),
  ];
}
