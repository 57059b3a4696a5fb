import type { CampaignStatus } from '../../domain/outreach/campaign-status.js';

/**
 * The engine's own event taxonomy. Every provider event lands on exactly one of these; what the
 * engine does not project (our own LinkedIn engagement actions, manual-task reminders, new
 * provider events) is `unknown`, stored and reported rather than rejected.
 */
export const CANONICAL_WEBHOOK_EVENT_TYPES = [
  'message_sent',
  'opened',
  'clicked',
  'replied',
  'bounced',
  'unsubscribed',
  'category_changed',
  'campaign_status_changed',
  'connection_sent',
  'connection_accepted',
  'account_error',
  'unknown',
] as const;
export type CanonicalWebhookEventType = (typeof CANONICAL_WEBHOOK_EVENT_TYPES)[number];

/** One HTTP delivery as the route received it, before anything is trusted. */
export interface WebhookDelivery {
  /** Exactly the bytes received: signatures are computed over these, never over re-serialised JSON. */
  readonly rawBody: Buffer;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** What the organization (or the deployment) configured for this provider; null when not set. */
export interface WebhookSecrets {
  /** Key of a provider-computed HMAC over the raw body. */
  readonly signingSecret: string | null;
  /** A secret the provider echoes back verbatim, in the payload or in a custom header. */
  readonly sharedSecret: string | null;
}

export type WebhookAuthenticationMethod = 'signature' | 'payload_secret' | 'shared_header' | 'url_token';

/**
 * `missing`: nothing to check against (no secret configured, or the delivery carries none);
 * `mismatch`: a credential was presented and is wrong. Both answer 401.
 * `url_token` is decided by the route from the tokenised URL, never by a parser.
 */
export type WebhookAuthentication =
  | { readonly ok: true; readonly method: WebhookAuthenticationMethod }
  | { readonly ok: false; readonly reason: 'missing' | 'mismatch' };

/** The lead an event is about, by whichever identifiers the provider sent. */
export interface WebhookLeadReference {
  readonly email: string | null;
  /** The provider's id of the lead (in the campaign), as a string. */
  readonly externalId: string | null;
  /** A social profile URL: the LinkedIn channel's lead identity. */
  readonly profileUrl: string | null;
}

export type WebhookMessageDirection = 'inbound' | 'outbound' | 'unknown';

/** The message an event is about: the sent message for sent/opened/clicked/bounced, the reply for replied. */
export interface WebhookMessage {
  /**
   * The provider's message id; for a provider that sends none, a stable id derived from the
   * provider's own fields (documented per adapter) so redeliveries upsert the same message.
   */
  readonly externalId: string | null;
  readonly direction: WebhookMessageDirection;
  readonly subject: string | null;
  readonly body: string | null;
  /** 1-based sequence step, when the provider says. */
  readonly stepNumber: number | null;
  readonly sentAt: Date | null;
}

/** The sending account an account_error is about, by whichever identifiers the provider sent. */
export interface WebhookSenderAccount {
  readonly channel: 'email' | 'linkedin';
  /** The provider's id of the account, as a string (for a provider keying accounts by address, the address). */
  readonly externalId: string | null;
  readonly email: string | null;
  /** What failed, in the provider's (or the mail server's) words; null when it said nothing. */
  readonly error: string | null;
}

export interface ParsedWebhookEvent {
  /**
   * Deduplication key, unique per provider: the provider's delivery or event id when it has one,
   * else a SHA-256 hex of the fields that identify the event (rules per provider in
   * docs/webhooks/parsing.md).
   */
  readonly eventKey: string;
  /** As the provider spelled it; '' when the body carries none. */
  readonly providerEventType: string;
  readonly canonicalType: CanonicalWebhookEventType;
  readonly occurredAt: Date | null;
  readonly campaignExternalId: string | null;
  readonly lead: WebhookLeadReference | null;
  readonly message: WebhookMessage | null;
  /** For category_changed: the new category / interest label. */
  readonly category: string | null;
  /** For campaign_status_changed: the engine's spelling when it maps, else null. */
  readonly campaignStatus: Extract<CampaignStatus, 'ACTIVE' | 'PAUSED' | 'STOPPED' | 'COMPLETED'> | null;
  /** For bounced: whether the address should be suppressed. False for every other type. */
  readonly hardBounce: boolean;
  /** The provider's agency sub-account id, when it sends one. */
  readonly clientId: string | null;
  /** For account_error: the failing account; null for every other type. */
  readonly senderAccount: WebhookSenderAccount | null;
}

export type WebhookCampaignStatus = NonNullable<ParsedWebhookEvent['campaignStatus']>;

/** One per provider; pure: no I/O, no clock, no database. */
export interface ProviderWebhookParser {
  /** Constant-time comparisons (equal-length digests); the raw body is what is verified. */
  authenticate(delivery: WebhookDelivery, secrets: WebhookSecrets): WebhookAuthentication;
  /**
   * Throws MalformedWebhookError when the body is not a JSON object. An event type the parser
   * does not know is `unknown`, never a throw.
   */
  parse(delivery: WebhookDelivery): ParsedWebhookEvent;
}
