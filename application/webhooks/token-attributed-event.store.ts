import type { NewWebhookEvent } from './webhook-event.store.js';

/** A delivery on an organization's own URL: who it belongs to comes from the token, not from here. */
export type TokenAttributedEvent = Omit<NewWebhookEvent, 'orgId' | 'endpointId' | 'status' | 'reason'>;

export interface TokenAttributedStorage {
  /** The endpoint whose token it was. */
  readonly endpointId: string;
  readonly orgId: string;
  readonly outcome: 'stored' | 'duplicate';
}

/**
 * Stores a per-organization URL's delivery in the same statement that finds its endpoint, so the
 * hot path pays one round trip for both (every acknowledgement waits on them).
 */
export interface TokenAttributedEventStore {
  /**
   * When an active endpoint of this provider, of a live organization, holds the token hashing to
   * `tokenHash` (the same rule as `WebhookEndpointRepository.findActiveByTokenHash`): the event
   * attributed to it and stored `received` unless that organization already holds it (see
   * `WebhookEventStore.storeOnce`). Null, with nothing stored, when none does.
   */
  storeOnceForToken(tokenHash: string, event: TokenAttributedEvent): Promise<TokenAttributedStorage | null>;
}
