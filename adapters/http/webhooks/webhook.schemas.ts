import { z } from 'zod';
import type { WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint.js';

export const WEBHOOK_PROVIDER_SLUGS = ['smartlead', 'instantly', 'heyreach'] as const;

export const WebhookTokenParams = z.strictObject({ provider_slug: z.enum(WEBHOOK_PROVIDER_SLUGS), endpoint_token: z.string().min(1).max(200) });
export const WebhookEndpointCollectionParams = z.strictObject({ org_id: z.uuid() });
export const WebhookEndpointItemParams = z.strictObject({ org_id: z.uuid(), endpoint_id: z.uuid() });

export const WebhookEndpointCreateRequest = z
  .strictObject({ provider_slug: z.enum(WEBHOOK_PROVIDER_SLUGS).describe('Whose webhooks the URL receives.') })
  .meta({ id: 'WebhookEndpointCreateRequest' });

export const WebhookReceiptResponse = z
  .object({
    status: z.enum(['accepted', 'duplicate']).describe('duplicate: this event was already stored; nothing changed.'),
    event_key: z.string(),
  })
  .meta({ id: 'WebhookReceiptResponse' });

export const WebhookEndpointResponse = z
  .object({
    id: z.uuid(),
    org_id: z.uuid(),
    provider_slug: z.string(),
    status: z.enum(['active', 'revoked']),
    created_at: z.iso.datetime(),
    revoked_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'WebhookEndpointResponse' });

export const WebhookEndpointCreateResponse = WebhookEndpointResponse.extend({
  url_path: z.string().describe('Where the provider must post, token included. Shown this once; only the token\'s SHA-256 is stored.'),
}).meta({ id: 'WebhookEndpointCreateResponse' });

export const WebhookEndpointList = z.array(WebhookEndpointResponse).meta({ id: 'WebhookEndpointList' });

export function toWebhookEndpointResponse(endpoint: WebhookEndpoint): z.output<typeof WebhookEndpointResponse> {
  return {
    id: endpoint.id,
    org_id: endpoint.orgId,
    provider_slug: endpoint.providerSlug,
    status: endpoint.status,
    created_at: endpoint.createdAt.toISOString(),
    revoked_at: endpoint.revokedAt?.toISOString() ?? null,
  };
}
