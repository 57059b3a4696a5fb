import type { InboxReference } from '../outreach/sender-account.repository.js';
import type { CanonicalWebhookEventType, ParsedWebhookEvent } from './provider-webhook.port.js';

/** An authenticated delivery as it is kept: once, before it is acknowledged. */
export interface NewWebhookEvent {
  readonly id: string;
  readonly providerId: string;
  readonly eventKey: string;
  /** Null when a delivery to the shared URL matched no organization. */
  readonly orgId: string | null;
  readonly endpointId: string | null;
  readonly providerEventType: string;
  readonly canonicalType: CanonicalWebhookEventType;
  /** `received`: waiting for projection; `ignored`: kept for inspection only (see `reason`). */
  readonly status: 'received' | 'ignored';
  readonly reason: string | null;
  /** The parsed JSON body. */
  readonly payload: unknown;
  /** What the parser read from it: all the projector needs. */
  readonly event: ParsedWebhookEvent;
  readonly occurredAt: Date | null;
  readonly receivedAt: Date;
}

/** Why a shared-URL delivery that no single organization claims is kept `ignored`. */
export const UNATTRIBUTED_REASON = 'unattributed: no organization holds the campaign or sending account this event names';

/** A stored event as the projector reads it. */
export interface StoredWebhookEvent {
  readonly id: string;
  readonly providerId: string;
  readonly orgId: string | null;
  readonly status: 'received' | 'projected' | 'ignored' | 'failed' | 'dead_letter';
  readonly event: ParsedWebhookEvent;
  readonly projectionAttempts: number;
  /** When the delivery was acknowledged: the event's time when the provider sent none. */
  readonly receivedAt: Date;
}

export interface WebhookEventStore {
  /**
   * Stores the event unless the organization (or the unattributed scope) already holds one with
   * this provider and key. Concurrent deliveries of one event store exactly one row.
   */
  storeOnce(event: NewWebhookEvent): Promise<'stored' | 'duplicate'>;
  /** The event, locked until the transaction ends, so one event is projected by one worker at a time. */
  findForProjection(id: string): Promise<StoredWebhookEvent | null>;
  /** Projection is done: its state changes applied (`projected`), or nothing to apply (`ignored`, with why). */
  finishProjection(
    id: string,
    outcome: { readonly status: 'projected' | 'ignored'; readonly reason: string | null; readonly companyId: string | null },
    at: Date,
  ): Promise<void>;
  /** A failed attempt: `failed` while retries remain, `dead_letter` after the last, with the reason. */
  recordProjectionFailure(id: string, failure: { readonly reason: string; readonly deadLetter: boolean }, at: Date): Promise<void>;
}

/** Which organization a delivery to the shared URL belongs to, from what its payload names. */
export interface WebhookAttribution {
  /** The one organization holding a live campaign with this provider id; null when none or several do. */
  organizationOfCampaign(providerId: string, externalCampaignId: string): Promise<string | null>;
  /** The one organization holding an inbox of this provider with this account id (else address); null when none or several do. */
  organizationOfInbox(providerId: string, inbox: InboxReference): Promise<string | null>;
}
