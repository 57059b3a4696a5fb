import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type {
  CanonicalWebhookEventType,
  ParsedWebhookEvent,
  ProviderWebhookParser,
  WebhookAuthentication,
  WebhookCampaignStatus,
  WebhookDelivery,
  WebhookMessage,
  WebhookSecrets,
  WebhookSenderAccount,
} from '../../../application/webhooks/provider-webhook.port.js';
import { constantTimeEquals } from '../webhooks/constant-time-equals.js';
import { eventKeyFrom, payloadEventKey } from '../webhooks/webhook-event-key.js';
import { leadReference } from '../webhooks/webhook-event-parts.js';
import { webhookFlag, webhookId, webhookObject, webhookStep, webhookText, webhookTimestamp } from '../webhooks/webhook-fields.js';
import { webhookJsonObject, webhookJsonObjectOrNull } from '../webhooks/webhook-json-body.js';
import { campaignStatusFromSmartlead } from './smartlead-status-mapping.js';

const SIGNATURE_HEADER = 'x-smartlead-signature';
const DELIVERY_ID_HEADER = 'x-request-id';

/**
 * Event names as delivered in `event_type`, plus the spellings some doc pages use
 * (`EMAIL_OPENED`, …), which no real handler has seen but which cost nothing to accept.
 * MANUAL_STEP_REACHED is a reminder for a human, not a change of state: `unknown`.
 */
const CANONICAL_TYPES: Readonly<Record<string, CanonicalWebhookEventType>> = {
  EMAIL_SENT: 'message_sent',
  FIRST_EMAIL_SENT: 'message_sent',
  EMAIL_OPEN: 'opened',
  EMAIL_OPENED: 'opened',
  EMAIL_LINK_CLICK: 'clicked',
  EMAIL_CLICKED: 'clicked',
  EMAIL_REPLY: 'replied',
  EMAIL_REPLIED: 'replied',
  UNTRACKED_REPLIES: 'replied',
  EMAIL_BOUNCE: 'bounced',
  EMAIL_BOUNCED: 'bounced',
  LEAD_UNSUBSCRIBED: 'unsubscribed',
  LEAD_CATEGORY_UPDATED: 'category_changed',
  CAMPAIGN_STATUS_CHANGED: 'campaign_status_changed',
  EMAIL_ACCOUNT_DISCONNECTED: 'account_error',
  LINKEDIN_DISCONNECTED: 'account_error',
};

/** Events about a message we sent, where `to_email` is the lead (for replies it may be our mailbox). */
const ABOUT_OUR_MESSAGE = new Set<CanonicalWebhookEventType>(['message_sent', 'opened', 'clicked', 'bounced', 'unsubscribed']);

const messagePart = webhookObject({ message_id: webhookText, html: webhookText, text: webhookText, time: webhookTimestamp });

const payloadSchema = z.looseObject({
  event_type: webhookText,
  event: webhookText,
  event_timestamp: webhookText,
  campaign_id: webhookId,
  client_id: webhookId,
  stats_id: webhookId,
  sl_email_lead_id: webhookId,
  sl_email_lead_map_id: webhookId,
  sl_lead_email: webhookText,
  lead_id: webhookId,
  lead_email: webhookText,
  to_email: webhookText,
  email_account_id: webhookId,
  from_email: webhookText,
  smtp_failure_error: webhookText,
  imap_failure_error: webhookText,
  subject: webhookText,
  sequence_number: webhookStep,
  current_sequence_number: webhookStep,
  message_id: webhookText,
  sent_message: messagePart,
  reply_message: messagePart,
  reply_body: webhookText,
  preview_text: webhookText,
  visible_text: webhookText,
  bounce_message: messagePart,
  bounce_reply_email_preview: webhookText,
  is_bounced: webhookFlag,
  previous_status: webhookText,
  current_status: webhookText,
  campaign_status: webhookText,
  lead_category: webhookObject({ new_name: webhookText }),
  category: webhookText,
  lead_data: webhookObject({ email: webhookText }),
  leadCorrespondence: webhookObject({ targetLeadEmail: webhookText }),
  // Doc-only nested variant (`lead{}`), read as a last resort.
  lead: webhookObject({ email: webhookText, id: webhookId }),
});
type SmartleadPayload = z.infer<typeof payloadSchema>;

/**
 * Smartlead webhooks (providers.md §2.3). Authenticated by the `X-Smartlead-Signature` HMAC when
 * the delivery carries one and a signing secret is configured, otherwise by the `secret_key` the
 * body echoes. Leads are matched by `sl_lead_email` / `sl_email_lead_id`, never by from/to on
 * replies, whose direction the sources contradict.
 */
export class SmartleadWebhookParser implements ProviderWebhookParser {
  authenticate(delivery: WebhookDelivery, secrets: WebhookSecrets): WebhookAuthentication {
    const signature = delivery.headers[SIGNATURE_HEADER];
    if (signature && secrets.signingSecret) {
      const expected = createHmac('sha256', secrets.signingSecret).update(delivery.rawBody).digest('hex');
      const presented = signature.trim().replace(/^sha256=/i, '').toLowerCase();
      return constantTimeEquals(presented, expected) ? { ok: true, method: 'signature' } : { ok: false, reason: 'mismatch' };
    }
    if (!secrets.sharedSecret) return { ok: false, reason: 'missing' };
    const secretKey = webhookJsonObjectOrNull(delivery.rawBody)?.['secret_key'];
    if (typeof secretKey !== 'string' || secretKey === '') return { ok: false, reason: 'missing' };
    return constantTimeEquals(secretKey, secrets.sharedSecret) ? { ok: true, method: 'payload_secret' } : { ok: false, reason: 'mismatch' };
  }

  parse(delivery: WebhookDelivery): ParsedWebhookEvent {
    const raw = webhookJsonObject(delivery.rawBody);
    const payload = payloadSchema.parse(raw);
    const providerEventType = payload.event_type ?? payload.event ?? '';
    const canonicalType = CANONICAL_TYPES[providerEventType.trim().toUpperCase()] ?? 'unknown';
    const untracked = providerEventType.trim().toUpperCase() === 'UNTRACKED_REPLIES';

    return {
      eventKey: eventKeyOf(delivery, payload, providerEventType, raw),
      providerEventType,
      canonicalType,
      occurredAt: webhookTimestamp.parse(payload.event_timestamp),
      // An untracked reply matched nothing at Smartlead; whatever ids it carries are not a campaign's.
      campaignExternalId: untracked ? null : payload.campaign_id,
      lead: untracked ? null : leadOf(payload, canonicalType),
      message: messageOf(payload, canonicalType),
      category: canonicalType === 'category_changed' ? (payload.lead_category.new_name ?? payload.category) : null,
      campaignStatus: canonicalType === 'campaign_status_changed' ? campaignStatusOf(payload) : null,
      hardBounce: canonicalType === 'bounced' && isHardBounce(payload),
      clientId: payload.client_id,
      senderAccount: canonicalType === 'account_error' ? senderAccountOf(payload, providerEventType) : null,
    };
  }
}

/**
 * `X-Request-Id` (the delivery id of the new docs) when present on a signed delivery; else the
 * identifying fields of providers.md ("campaign_id, stats_id or sl_email_lead_map_id,
 * event_type, event_timestamp"), widened with the ids that events without a stats id carry
 * (lead, mailbox, reply message). The header counts only next to a signature, the pair the new
 * docs describe: proxies and load balancers stamp their own X-Request-Id on every request, and a
 * fresh one per retry would defeat deduplication.
 */
function eventKeyOf(delivery: WebhookDelivery, payload: SmartleadPayload, eventType: string, raw: unknown): string {
  const deliveryId = delivery.headers[DELIVERY_ID_HEADER]?.trim();
  if (deliveryId && delivery.headers[SIGNATURE_HEADER]) return deliveryId;
  const subject =
    payload.stats_id ??
    payload.sl_email_lead_map_id ??
    payload.sl_email_lead_id ??
    payload.lead_id ??
    payload.email_account_id ??
    payload.reply_message.message_id;
  // Without a timestamp the same fields describe every such event of a campaign: hash it all.
  if (payload.event_timestamp === null) return payloadEventKey(raw);
  return eventKeyFrom([eventType.toUpperCase(), payload.campaign_id, subject, payload.event_timestamp], raw);
}

function leadOf(payload: SmartleadPayload, type: CanonicalWebhookEventType) {
  const email =
    payload.sl_lead_email ??
    payload.leadCorrespondence.targetLeadEmail ??
    payload.lead_data.email ??
    payload.lead_email ??
    payload.lead.email ??
    (ABOUT_OUR_MESSAGE.has(type) ? payload.to_email : null);
  return leadReference(email, payload.sl_email_lead_id ?? payload.lead_id ?? payload.lead.id, null);
}

function messageOf(payload: SmartleadPayload, type: CanonicalWebhookEventType): WebhookMessage | null {
  const stepNumber = payload.sequence_number ?? payload.current_sequence_number;
  if (type === 'replied') {
    const reply = payload.reply_message;
    return {
      externalId: reply.message_id ?? payload.message_id,
      direction: 'inbound',
      subject: payload.subject,
      body: reply.text ?? reply.html ?? payload.visible_text ?? payload.reply_body ?? payload.preview_text,
      stepNumber,
      sentAt: reply.time ?? webhookTimestamp.parse(payload.event_timestamp),
    };
  }
  if (ABOUT_OUR_MESSAGE.has(type) && type !== 'unsubscribed') {
    const sent = payload.sent_message;
    const externalId = sent.message_id ?? payload.message_id;
    if (externalId === null && stepNumber === null) return null;
    return {
      externalId,
      direction: 'outbound',
      subject: payload.subject,
      body: sent.text ?? sent.html,
      stepNumber,
      sentAt: sent.time ?? (type === 'message_sent' ? webhookTimestamp.parse(payload.event_timestamp) : null),
    };
  }
  return null;
}

/** The provider's name, which a tenant-facing text must not carry. */
const PROVIDER_NAME = /smart\s*lead/i;

/**
 * The disconnected account: a mailbox by its id and address, or (LINKEDIN_DISCONNECTED) a LinkedIn
 * sender. The failure text is the mail server's and reaches the tenant as the inbox's reason, so
 * a text that names the provider is dropped rather than shown.
 */
function senderAccountOf(payload: SmartleadPayload, eventType: string): WebhookSenderAccount | null {
  if (payload.email_account_id === null && payload.from_email === null) return null;
  const error = payload.smtp_failure_error ?? payload.imap_failure_error;
  return {
    channel: eventType.trim().toUpperCase() === 'LINKEDIN_DISCONNECTED' ? 'linkedin' : 'email',
    externalId: payload.email_account_id,
    email: payload.from_email,
    error: error !== null && PROVIDER_NAME.test(error) ? null : error,
  };
}

const REPORTABLE_STATUSES = new Set<string>(['ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED']);

function campaignStatusOf(payload: SmartleadPayload): WebhookCampaignStatus | null {
  const spelled = payload.current_status ?? payload.campaign_status;
  const status = spelled === null ? null : campaignStatusFromSmartlead(spelled);
  return status !== null && REPORTABLE_STATUSES.has(status) ? (status as WebhookCampaignStatus) : null;
}

/** An enhanced status code 4.x.x, or a reply that starts with a 4xx code, is a temporary failure: retry, don't suppress. */
const TRANSIENT_SMTP = /^\s*4\d\d[\s-]|(^|[^\d.])4\.\d{1,3}\.\d{1,3}(?![\d.])/;

/**
 * Smartlead does not say hard or soft. Default: hard (suppress the address), because suppressing a
 * deliverable address costs one lead while mailing a dead one costs sender reputation — unless
 * the provider says it did not bounce, or the bounce text carries a transient SMTP code.
 */
function isHardBounce(payload: SmartleadPayload): boolean {
  if (payload.is_bounced === false) return false;
  const reason = payload.bounce_message.text ?? payload.bounce_reply_email_preview;
  return reason === null || !TRANSIENT_SMTP.test(reason);
}
