import { z } from 'zod';
import type { WebhookEventDetail, WebhookEventSummary } from '../../../application/webhooks/webhook-event.queries.js';
import type { WebhookReplayResult } from '../../../application/webhooks/replay-webhook-events.js';
import { WEBHOOK_PROVIDER_SLUGS } from './webhook.schemas.js';

const Limit = z.coerce.number().int().min(1).max(200).default(50);
const Offset = z.coerce.number().int().min(0).max(100_000).default(0);
const EventKey = z.string().min(1).max(500);
const Timestamp = z.iso.datetime({ offset: true });

/** The engine's statuses in the contract's vocabulary; the exact one is in `engine_status`. */
const CONTRACT_STATUS: Readonly<Record<string, string>> = {
  received: 'accepted',
  projected: 'processed',
  ignored: 'processed',
  failed: 'failed',
  dead_letter: 'dead_letter',
};

export const WebhookEventListQuery = z.strictObject({
  provider_slug: z.enum(WEBHOOK_PROVIDER_SLUGS).optional(),
  event_type: z.string().min(1).max(100).optional().describe("The provider's spelling or the canonical type."),
  org_id: z.uuid().optional(),
  company_id: z.uuid().optional(),
  status: z.enum(['received', 'projected', 'ignored', 'failed', 'dead_letter']).optional(),
  limit: Limit,
  offset: Offset,
});

export const DeadLetterListQuery = z.strictObject({
  from_ts: Timestamp.optional(),
  to_ts: Timestamp.optional(),
  reason: z.string().min(1).max(200).optional().describe('A part of the dead-letter reason.'),
  replay_status: z.enum(['all', 'replayed', 'not_replayed']).default('all'),
  org_id: z.uuid().optional(),
  limit: Limit,
  offset: Offset,
});

export const DeadLetterParams = z.strictObject({ event_key: EventKey });
export const DeadLetterDetailQuery = z.strictObject({ provider_slug: z.enum(WEBHOOK_PROVIDER_SLUGS).optional() });
export const ReplayOneParams = z.strictObject({ provider_slug: z.enum(WEBHOOK_PROVIDER_SLUGS), event_key: EventKey });

export const DeadLetterReplayRequest = z.strictObject({ event_keys: z.array(EventKey).min(1).max(200) }).meta({ id: 'WebhookDeadLetterReplayRequest' });
export const ReplayBulkRequest = z
  .strictObject({ provider_slug: z.enum(WEBHOOK_PROVIDER_SLUGS), event_keys: z.array(EventKey).min(1).max(100) })
  .meta({ id: 'WebhookReplayBulkRequest' });
export const ReplayQueryRequest = z
  .strictObject({
    provider_slug: z.enum(WEBHOOK_PROVIDER_SLUGS),
    event_type: z.string().min(1).max(100).nullish(),
    org_id: z.uuid().nullish(),
    company_id: z.uuid().nullish(),
    from_ts: Timestamp.nullish(),
    to_ts: Timestamp.nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .meta({ id: 'WebhookReplayQueryRequest' });

const summaryFields = {
  provider_slug: z.string(),
  event_key: z.string(),
  event_type: z.string().nullable(),
  canonical_type: z.string(),
  status: z.string().describe('In the contract\'s vocabulary (accepted, processed, failed, dead_letter).'),
  engine_status: z.enum(['received', 'projected', 'ignored', 'failed', 'dead_letter']),
  reason: z.string().nullable().describe('Why the event was ignored or failed.'),
  org_id: z.uuid().nullable(),
  company_id: z.uuid().nullable(),
  replay_count: z.number().int(),
  last_replay_at: z.iso.datetime().nullable(),
  last_error: z.string().nullable(),
  processed_at: z.iso.datetime().nullable(),
  created_at: z.iso.datetime(),
};

export const WebhookEventListItem = z.object({ id: z.uuid(), ...summaryFields }).meta({ id: 'WebhookEventListItem' });
export const WebhookEventList = z.array(WebhookEventListItem).meta({ id: 'WebhookEventList' });
export const DeadLetterListItem = z
  .object({ ...summaryFields, dead_letter_reason: z.string().nullable(), dead_letter_retryable: z.boolean() })
  .meta({ id: 'WebhookDeadLetterListItem' });
export const DeadLetterList = z.array(DeadLetterListItem).meta({ id: 'WebhookDeadLetterList' });
export const DeadLetterDetail = DeadLetterListItem.extend({ payload: z.record(z.string(), z.unknown()) }).meta({ id: 'WebhookDeadLetterDetailResponse' });

const ReplayItem = z.object({
  event_key: z.string(),
  status: z.enum(['replayed', 'not_found', 'replay_failed']),
  event_type: z.string().nullable(),
  error: z.string().nullable(),
});
export const ReplayOneResponse = z
  .object({ status: z.literal('replayed'), provider_slug: z.string(), event_key: z.string(), event_type: z.string(), replayed_events: z.number().int() })
  .meta({ id: 'WebhookReplayResponse' });
export const DeadLetterReplayResponse = z
  .object({ requested: z.number().int(), replayed: z.number().int(), not_found: z.number().int(), failed: z.number().int(), results: z.array(ReplayItem) })
  .meta({ id: 'WebhookDeadLetterReplayResponse' });
export const ReplayBulkResponse = z
  .object({ provider_slug: z.string(), requested: z.number().int(), replayed: z.number().int(), not_found: z.number().int(), results: z.array(ReplayItem) })
  .meta({ id: 'WebhookReplayBulkResponse' });
export const ReplayQueryResponse = z
  .object({ provider_slug: z.string(), matched: z.number().int(), replayed: z.number().int(), results: z.array(ReplayItem) })
  .meta({ id: 'WebhookReplayQueryResponse' });


export function toWebhookEventListItem(event: WebhookEventSummary): z.output<typeof WebhookEventListItem> {
  return { id: event.id, ...summaryOf(event) };
}

export function toDeadLetterItem(event: WebhookEventSummary): z.output<typeof DeadLetterListItem> {
  // Every dead letter can be replayed once its cause is fixed: projection is idempotent.
  return { ...summaryOf(event), dead_letter_reason: event.reason, dead_letter_retryable: true };
}

export function toDeadLetterDetail(event: WebhookEventDetail): z.output<typeof DeadLetterDetail> {
  return { ...toDeadLetterItem(event), payload: (event.payload ?? {}) as Record<string, unknown> };
}

export function toReplayItem(result: WebhookReplayResult): z.output<typeof ReplayItem> {
  return { event_key: result.eventKey, status: result.status, event_type: result.eventType, error: null };
}

function summaryOf(event: WebhookEventSummary) {
  return {
    provider_slug: event.providerSlug,
    event_key: event.eventKey,
    event_type: event.providerEventType || null,
    canonical_type: event.canonicalType,
    status: CONTRACT_STATUS[event.status] ?? event.status,
    engine_status: event.status as z.output<typeof summaryFields.engine_status>,
    reason: event.reason,
    org_id: event.orgId,
    company_id: event.companyId,
    replay_count: event.replayCount,
    last_replay_at: event.lastReplayAt?.toISOString() ?? null,
    last_error: event.status === 'failed' || event.status === 'dead_letter' ? event.reason : null,
    processed_at: event.projectedAt?.toISOString() ?? null,
    created_at: event.receivedAt.toISOString(),
  };
}
