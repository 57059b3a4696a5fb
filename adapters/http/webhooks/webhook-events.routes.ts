import type { GetDeadLetter, ListWebhookEvents } from '../../../application/webhooks/list-webhook-events.js';
import type { ReplayWebhookEvents } from '../../../application/webhooks/replay-webhook-events.js';
import { WebhookEventNotFoundError } from '../../../domain/webhooks/webhook-errors.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  DeadLetterDetail,
  DeadLetterDetailQuery,
  DeadLetterList,
  DeadLetterListQuery,
  DeadLetterParams,
  DeadLetterReplayRequest,
  DeadLetterReplayResponse,
  ReplayBulkRequest,
  ReplayBulkResponse,
  ReplayOneParams,
  ReplayOneResponse,
  ReplayQueryRequest,
  ReplayQueryResponse,
  WebhookEventList,
  WebhookEventListQuery,
  toDeadLetterDetail,
  toDeadLetterItem,
  toReplayItem,
  toWebhookEventListItem,
} from './webhook-event.schemas.js';

export interface WebhookEventUseCases {
  readonly listWebhookEvents: ListWebhookEvents;
  readonly getDeadLetter: GetDeadLetter;
  readonly replayWebhookEvents: ReplayWebhookEvents;
}

const TAGS = ['webhooks', 'super-admin'];

/** Super-admin routes over stored events. Mounted before the token URL, which `dead-letters/replay` would also match. */
export function webhookEventRoutes(useCases: WebhookEventUseCases): AnyRoute[] {
  const replayCounts = (results: readonly { status: string }[]) => ({
    requested: results.length,
    replayed: results.filter((result) => result.status === 'replayed').length,
    not_found: results.filter((result) => result.status === 'not_found').length,
  });
  return [
    defineRoute({
      method: 'get',
      path: '/api/webhooks/events',
      operationId: 'list_webhook_events',
      summary: 'Stored webhook events across organizations, newest first; never their payloads.',
      tags: TAGS,
      auth: 'super_admin',
      query: WebhookEventListQuery,
      responses: { 200: { description: 'One page (limit/offset).', schema: WebhookEventList } },
      handle: async ({ query }) => ({
        status: 200,
        body: (
          await useCases.listWebhookEvents.execute({
            filter: { providerSlug: query.provider_slug, eventType: query.event_type, orgId: query.org_id, companyId: query.company_id, status: query.status },
            page: { limit: query.limit, offset: query.offset },
          })
        ).map(toWebhookEventListItem),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/webhooks/dead-letters',
      operationId: 'list_webhook_dead_letters',
      summary: 'Events whose projection failed its last attempt, newest first, with the reason.',
      tags: TAGS,
      auth: 'super_admin',
      query: DeadLetterListQuery,
      responses: { 200: { description: 'One page (limit/offset).', schema: DeadLetterList } },
      handle: async ({ query }) => ({
        status: 200,
        body: (
          await useCases.listWebhookEvents.execute({
            filter: {
              status: 'dead_letter',
              orgId: query.org_id,
              reason: query.reason,
              receivedFrom: query.from_ts ? new Date(query.from_ts) : undefined,
              receivedTo: query.to_ts ? new Date(query.to_ts) : undefined,
              replayed: query.replay_status === 'all' ? undefined : query.replay_status === 'replayed',
            },
            page: { limit: query.limit, offset: query.offset },
          })
        ).map(toDeadLetterItem),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/webhooks/dead-letters/{event_key}',
      operationId: 'get_webhook_dead_letter',
      summary: 'One dead letter, with its payload.',
      tags: TAGS,
      auth: 'super_admin',
      params: DeadLetterParams,
      query: DeadLetterDetailQuery,
      responses: {
        200: { description: 'The dead letter.', schema: DeadLetterDetail },
        404: { description: 'No dead letter has this key (`webhook_event_not_found`).', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, query }) => ({
        status: 200,
        body: toDeadLetterDetail(await useCases.getDeadLetter.execute({ eventKey: params.event_key, providerSlug: query.provider_slug })),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/webhooks/dead-letters/replay',
      operationId: 'replay_webhook_dead_letters',
      summary: 'Replay dead letters by key, once their cause is fixed. Idempotent.',
      tags: TAGS,
      auth: 'super_admin',
      body: DeadLetterReplayRequest,
      responses: { 200: { description: 'What was replayed, per key.', schema: DeadLetterReplayResponse } },
      handle: async ({ body, principal, requestId }) => {
        const outcome = await useCases.replayWebhookEvents.execute({
          context: requestContextOf(principal, requestId),
          selector: { kind: 'dead_letters', eventKeys: body.event_keys },
        });
        return { status: 200, body: { ...replayCounts(outcome.results), failed: 0, results: outcome.results.map(toReplayItem) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/webhooks/replay/{provider_slug}/{event_key}',
      operationId: 'replay_webhook_event',
      summary: "Replay one stored event (every organization's copy of it). Idempotent.",
      tags: TAGS,
      auth: 'super_admin',
      params: ReplayOneParams,
      responses: {
        200: { description: 'Put back in the projection queue.', schema: ReplayOneResponse },
        404: { description: 'No stored event has this provider and key (`webhook_event_not_found`).', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, principal, requestId }) => {
        const outcome = await useCases.replayWebhookEvents.execute({
          context: requestContextOf(principal, requestId),
          selector: { kind: 'keys', providerSlug: params.provider_slug, eventKeys: [params.event_key] },
        });
        const [first] = outcome.replayed;
        if (!first) throw new WebhookEventNotFoundError();
        return {
          status: 200,
          body: { status: 'replayed', provider_slug: params.provider_slug, event_key: params.event_key, event_type: first.providerEventType, replayed_events: outcome.replayed.length },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/webhooks/replay-bulk',
      operationId: 'replay_webhook_events_bulk',
      summary: 'Replay up to 100 stored events of one provider by key. Idempotent.',
      tags: TAGS,
      auth: 'super_admin',
      body: ReplayBulkRequest,
      responses: { 200: { description: 'What was replayed, per key.', schema: ReplayBulkResponse } },
      handle: async ({ body, principal, requestId }) => {
        const outcome = await useCases.replayWebhookEvents.execute({
          context: requestContextOf(principal, requestId),
          selector: { kind: 'keys', providerSlug: body.provider_slug, eventKeys: body.event_keys },
        });
        return { status: 200, body: { provider_slug: body.provider_slug, ...replayCounts(outcome.results), results: outcome.results.map(toReplayItem) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/webhooks/replay-query',
      operationId: 'replay_webhook_events_by_query',
      summary: 'Replay the newest stored events matching a query (at most `limit`). Idempotent.',
      tags: TAGS,
      auth: 'super_admin',
      body: ReplayQueryRequest,
      responses: { 200: { description: 'What was replayed.', schema: ReplayQueryResponse } },
      handle: async ({ body, principal, requestId }) => {
        const outcome = await useCases.replayWebhookEvents.execute({
          context: requestContextOf(principal, requestId),
          selector: {
            kind: 'query',
            limit: body.limit,
            filter: {
              providerSlug: body.provider_slug,
              eventType: body.event_type ?? undefined,
              orgId: body.org_id ?? undefined,
              companyId: body.company_id ?? undefined,
              receivedFrom: body.from_ts ? new Date(body.from_ts) : undefined,
              receivedTo: body.to_ts ? new Date(body.to_ts) : undefined,
            },
          },
        });
        return {
          status: 200,
          body: { provider_slug: body.provider_slug, matched: outcome.replayed.length, replayed: outcome.replayed.length, results: outcome.results.map(toReplayItem) },
        };
      },
    }),
  ];
}
