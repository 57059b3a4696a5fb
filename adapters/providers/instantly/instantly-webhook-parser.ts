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
import { webhookId, webhookStep, webhookText, webhookTimestamp } from '../webhooks/webhook-fields.js';
import { webhookJsonObject } from '../webhooks/webhook-json-body.js';

/**
 * Payload `event_type` values. The payload spelling can differ from the subscription name
 * (`email_link_clicked` subscribes, `link_clicked` arrives); both are accepted.
 */
const CANONICAL_TYPES: Readonly<Record<string, CanonicalWebhookEventType>> = {
  email_sent: 'message_sent',
  email_opened: 'opened',
  link_clicked: 'clicked',
  email_link_clicked: 'clicked',
  reply_received: 'replied',
  auto_reply_received: 'replied',
  email_bounced: 'bounced',
  lead_unsubscribed: 'unsubscribed',
  campaign_completed: 'campaign_status_changed',
  account_error: 'account_error',
};

/**
 * Instantly's built-in interest statuses, as category labels spelled the way the built-in lead
 * categories of the other email provider are, so one label means one thing across providers.
 */
const INTEREST_LABELS: Readonly<Record<string, string>> = {
  lead_interested: 'Interested',
  lead_not_interested: 'Not Interested',
  lead_neutral: 'Neutral',
  lead_meeting_booked: 'Meeting Booked',
  lead_meeting_completed: 'Meeting Completed',
  lead_closed: 'Closed',
  lead_out_of_office: 'Out Of Office',
  lead_wrong_person: 'Wrong Person',
  lead_no_show: 'No Show',
};

/**
 * A system event name is lower snake_case; a workspace's custom label arrives verbatim as the
 * event type and is whatever a person typed. A snake_case name we do not know is a new system
 * event (e.g. `supersearch_enrichment_completed`), not a label.
 */
const SYSTEM_EVENT_NAME = /^[a-z0-9]+(_[a-z0-9]+)+$/;

const payloadSchema = z.looseObject({
  event_type: webhookText,
  timestamp: webhookText,
  campaign_id: webhookId,
  lead_email: webhookText,
  email_id: webhookId,
  step: webhookStep,
  email_subject: webhookText,
  email_text: webhookText,
  email_html: webhookText,
  reply_subject: webhookText,
  reply_text: webhookText,
  reply_html: webhookText,
  reply_text_snippet: webhookText,
  email_account: webhookText,
});
type InstantlyPayload = z.infer<typeof payloadSchema>;

interface Classification {
  readonly canonicalType: CanonicalWebhookEventType;
  readonly category: string | null;
}

/**
 * Instantly v2 webhooks (providers.md §4.3). Instantly signs nothing (an "x-instantly-signature"
 * HMAC some third parties describe does not exist): a delivery is authenticated by the tokenised
 * URL (the route's job) or by a secret in a custom header registered with the subscription.
 * Leads are matched by `campaign_id` + `lead_email`.
 */
export class InstantlyWebhookParser implements ProviderWebhookParser {
  authenticate(delivery: WebhookDelivery, secrets: WebhookSecrets): WebhookAuthentication {
    return authenticateBySharedHeader(delivery, secrets);
  }

  parse(delivery: WebhookDelivery): ParsedWebhookEvent {
    const raw = webhookJsonObject(delivery.rawBody);
    const payload = payloadSchema.parse(raw);
    const providerEventType = payload.event_type ?? '';
    const { canonicalType, category } = classify(providerEventType, payload);
    const occurredAt = webhookTimestamp.parse(payload.timestamp);

    return {
      eventKey: eventKeyOf(payload, providerEventType, raw),
      providerEventType,
      canonicalType,
      occurredAt,
      campaignExternalId: payload.campaign_id,
      lead: leadReference(payload.lead_email, null, null),
      message: messageOf(payload, canonicalType, occurredAt),
      category,
      campaignStatus: canonicalType === 'campaign_status_changed' ? 'COMPLETED' : null,
      // No bounce reason is sent, so hard or soft cannot be told: suppress (see docs/webhooks/parsing.md).
      hardBounce: canonicalType === 'bounced',
      clientId: null,
      // Instantly keys accounts by address, and says nothing of what failed.
      senderAccount:
        canonicalType === 'account_error' && payload.email_account !== null
          ? { channel: 'email', externalId: payload.email_account, email: payload.email_account, error: null }
          : null,
    };
  }
}

function classify(eventType: string, payload: InstantlyPayload): Classification {
  const name = eventType.trim();
  const known = CANONICAL_TYPES[name];
  if (known) return { canonicalType: known, category: null };
  const interest = INTEREST_LABELS[name];
  if (interest) return { canonicalType: 'category_changed', category: interest };
  // A custom label is set on a lead; without one it cannot be a label change.
  if (name !== '' && !SYSTEM_EVENT_NAME.test(name) && payload.lead_email !== null) return { canonicalType: 'category_changed', category: name };
  return { canonicalType: 'unknown', category: null };
}

/**
 * `email_id` + event type when the event carries an email id (the same email is sent, then
 * opened, then replied to); else a hash of timestamp, event type, lead and campaign (providers.md).
 */
function eventKeyOf(payload: InstantlyPayload, eventType: string, raw: unknown): string {
  if (payload.email_id !== null) return `${payload.email_id}:${eventType}`;
  return eventKeyFrom([eventType, payload.timestamp, payload.lead_email, payload.campaign_id], raw);
}

function messageOf(payload: InstantlyPayload, type: CanonicalWebhookEventType, occurredAt: Date | null): WebhookMessage | null {
  if (type === 'replied') {
    return {
      externalId: payload.email_id,
      direction: 'inbound',
      subject: payload.reply_subject,
      body: payload.reply_text ?? payload.reply_html ?? payload.reply_text_snippet,
      stepNumber: payload.step,
      sentAt: occurredAt,
    };
  }
  if (type === 'message_sent') {
    return {
      externalId: payload.email_id,
      direction: 'outbound',
      subject: payload.email_subject,
      body: payload.email_text ?? payload.email_html,
      stepNumber: payload.step,
      sentAt: occurredAt,
    };
  }
  // Opens, clicks and bounces name the step but not the email; the step is all that ties them to a message.
  if ((type === 'opened' || type === 'clicked' || type === 'bounced') && payload.step !== null) {
    return { externalId: payload.email_id, direction: 'outbound', subject: null, body: null, stepNumber: payload.step, sentAt: null };
  }
  return null;
}
