import { z } from 'zod';
import type {
  CanonicalWebhookEventType,
  ParsedWebhookEvent,
  ProviderWebhookParser,
  WebhookAuthentication,
  WebhookDelivery,
  WebhookMessage,
  WebhookSecrets,
} from '../../../application/webhooks/provider-webhook.port.js';
import { authenticateBySharedHeader } from '../webhooks/shared-header-authentication.js';
import { eventKeyFrom } from '../webhooks/webhook-event-key.js';
import { leadReference } from '../webhooks/webhook-event-parts.js';
import { webhookFlag, webhookId, webhookList, webhookObject, webhookText, webhookTextList, webhookTimestamp } from '../webhooks/webhook-fields.js';
import { webhookJsonObject } from '../webhooks/webhook-json-body.js';

/**
 * Event names upper-cased: deliveries have been seen in lower case. FOLLOW_SENT, LIKED_POST and
 * VIEWED_PROFILE are our sender's own engagement actions, not the lead's, so nothing in the
 * engine's state follows from them: `unknown`, stored and visible.
 */
const CANONICAL_TYPES: Readonly<Record<string, CanonicalWebhookEventType>> = {
  CONNECTION_REQUEST_SENT: 'connection_sent',
  CONNECTION_REQUEST_ACCEPTED: 'connection_accepted',
  MESSAGE_SENT: 'message_sent',
  INMAIL_SENT: 'message_sent',
  MESSAGE_REPLY_RECEIVED: 'replied',
  INMAIL_REPLY_RECEIVED: 'replied',
  EVERY_MESSAGE_REPLY_RECEIVED: 'replied',
  LEAD_TAG_UPDATED: 'category_changed',
  CAMPAIGN_COMPLETED: 'campaign_status_changed',
};

/** What a delivery without any event-type key is taken for when its thread holds a reply. */
const INFERRED_REPLY_TYPE = 'EVERY_MESSAGE_REPLY_RECEIVED';

const threadMessage = z.looseObject({ creation_time: webhookText, message: webhookText, is_reply: webhookFlag });

const payloadSchema = z.looseObject({
  event_type: webhookText,
  eventType: webhookText,
  correlation_id: webhookText,
  timestamp: webhookText,
  conversation_id: webhookText,
  is_inmail: webhookFlag,
  recent_messages: webhookList(threadMessage),
  campaign: webhookObject({ id: webhookId }),
  lead: webhookObject({
    id: webhookId,
    profile_url: webhookText,
    email_address: webhookText,
    tags: webhookTextList,
  }),
});
type HeyReachPayload = z.infer<typeof payloadSchema>;
type ThreadMessage = z.infer<typeof threadMessage>;

/**
 * HeyReach webhooks (providers.md §3.3). HeyReach signs nothing: a delivery is authenticated by
 * the tokenised URL (the route's job) or a shared secret header. The lead is identified by its
 * LinkedIn profile URL and member id.
 */
export class HeyReachWebhookParser implements ProviderWebhookParser {
  authenticate(delivery: WebhookDelivery, secrets: WebhookSecrets): WebhookAuthentication {
    return authenticateBySharedHeader(delivery, secrets);
  }

  parse(delivery: WebhookDelivery): ParsedWebhookEvent {
    const raw = webhookJsonObject(delivery.rawBody);
    const payload = payloadSchema.parse(raw);
    const providerEventType = payload.event_type ?? payload.eventType ?? '';
    const effectiveType = providerEventType.trim().toUpperCase() || inferredType(payload);
    const canonicalType = CANONICAL_TYPES[effectiveType] ?? 'unknown';
    const campaignStatus = canonicalType === 'campaign_status_changed' ? 'COMPLETED' : null;

    return {
      eventKey: eventKeyOf(payload, effectiveType, raw),
      providerEventType,
      canonicalType,
      occurredAt: webhookTimestamp.parse(payload.timestamp),
      campaignExternalId: payload.campaign.id,
      lead: leadReference(payload.lead.email_address, payload.lead.id, payload.lead.profile_url),
      message: messageOf(payload, canonicalType),
      // A lead's tags are a set with no "new" one; the category is all of them, as the lead now has them.
      category: canonicalType === 'category_changed' && payload.lead.tags.length > 0 ? payload.lead.tags.join(', ') : null,
      campaignStatus,
      hardBounce: false,
      clientId: null,
      // HeyReach reports no account errors by webhook.
      senderAccount: null,
    };
  }
}

/** Some deliveries carry no event type; a thread with a reply in it can only be a reply event. */
function inferredType(payload: HeyReachPayload): string {
  return payload.recent_messages.some((message) => message.is_reply === true) ? INFERRED_REPLY_TYPE : '';
}

/**
 * `correlation_id` when present; else, per providers.md, the conversation and the creation time
 * of its last message, or (for events without a thread) the campaign, lead and timestamp.
 * The type is part of the hash because one reply is delivered both as MESSAGE_REPLY_RECEIVED
 * and as EVERY_MESSAGE_REPLY_RECEIVED, and each delivery is its own event.
 */
function eventKeyOf(payload: HeyReachPayload, eventType: string, raw: unknown): string {
  if (payload.correlation_id) return payload.correlation_id;
  const last = latest(payload.recent_messages);
  if (payload.conversation_id !== null && last !== null) {
    return eventKeyFrom([eventType, payload.conversation_id, last.creation_time], raw);
  }
  return eventKeyFrom([eventType, payload.campaign.id, payload.lead.profile_url ?? payload.lead.id, payload.timestamp], raw);
}

function messageOf(payload: HeyReachPayload, type: CanonicalWebhookEventType): WebhookMessage | null {
  if (type !== 'replied' && type !== 'message_sent') return null;
  const inbound = type === 'replied';
  const message = latest(payload.recent_messages.filter((entry) => (inbound ? entry.is_reply === true : entry.is_reply !== true)));
  if (message === null) return null;
  return {
    externalId: derivedMessageId(payload.conversation_id, message),
    direction: inbound ? 'inbound' : 'outbound',
    subject: null,
    body: message.message,
    stepNumber: null,
    sentAt: webhookTimestamp.parse(message.creation_time),
  };
}

/**
 * HeyReach gives messages no id. Conversation + creation time identifies one message in a
 * thread, so a reply delivered twice (first-reply and every-reply webhooks) is stored once.
 */
function derivedMessageId(conversationId: string | null, message: ThreadMessage): string | null {
  return conversationId !== null && message.creation_time !== null ? `${conversationId}@${message.creation_time}` : null;
}

/** The message with the latest creation time; order in the list is not promised. */
function latest(messages: readonly ThreadMessage[]): ThreadMessage | null {
  let found: ThreadMessage | null = null;
  for (const message of messages) {
    if (found === null || timeOf(message) >= timeOf(found)) found = message;
  }
  return found;
}

function timeOf(message: ThreadMessage): number {
  return webhookTimestamp.parse(message.creation_time)?.getTime() ?? Number.NEGATIVE_INFINITY;
}
