import type { CanonicalWebhookEventType } from './provider-webhook.port.js';

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
  readonly occurredAt: Date | null;
  readonly receivedAt: Date;
}

export interface WebhookEventStore {
  /**
   * Stores the event unless the organization (or the unattributed scope) already holds one with
   * this provider and key. Concurrent deliveries of one event store exactly one row.
   */
  storeOnce(event: NewWebhookEvent): Promise<'stored' | 'duplicate'>;
}

/** Which organization a delivery to the shared URL belongs to, from what its payload names. */
export interface WebhookAttribution {
  /** The one organization holding a live campaign with this provider id; null when none or several do. */
  organizationOfCampaign(providerId: string, externalCampaignId: string): Promise<string | null>;
}
