import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.js';

export interface WebhookEndpointRepository {
  /** Stores an endpoint with the SHA-256 of its token (the raw token is never stored). */
  add(endpoint: WebhookEndpoint, tokenHash: string): Promise<void>;
  /** The active endpoint whose token hashes to `tokenHash`, for a provider; null otherwise. */
  findActiveByTokenHash(providerId: string, tokenHash: string): Promise<WebhookEndpoint | null>;
  /** The organization's endpoints, newest first. */
  listForOrganization(orgId: string): Promise<WebhookEndpoint[]>;
  /** Revokes it when active; answers the endpoint as it now is, or null when the org has none with this id. */
  revoke(orgId: string, id: string, at: Date): Promise<WebhookEndpoint | null>;
}
