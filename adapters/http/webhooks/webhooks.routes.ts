import type { Context } from 'koa';
import type { ReceiveWebhook, WebhookProviderSlug } from '../../../application/webhooks/receive-webhook.js';
import type { WebhookDelivery } from '../../../application/webhooks/provider-webhook.port.js';
import { MalformedWebhookError } from '../../../domain/webhooks/malformed-webhook-error.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { WEBHOOK_PROVIDER_SLUGS, WebhookReceiptResponse, WebhookTokenParams } from './webhook.schemas.js';

const TAGS = ['webhooks'];

const receiptResponses = {
  200: { description: 'Stored (or already stored: `duplicate`); projection happens asynchronously.', schema: WebhookReceiptResponse },
  400: { description: 'The body is not a JSON object (`malformed_json`, `malformed_webhook`).', schema: ErrorEnvelopeSchema },
  401: { description: 'Not authenticated (`webhook_unauthenticated`); audited, payload not stored.', schema: ErrorEnvelopeSchema },
  429: {
    description: 'Too many refused deliveries from this address (`too_many_refused_deliveries`); not audited. See `Retry-After`.',
    schema: ErrorEnvelopeSchema,
  },
};

/** The delivery exactly as received: signatures are over the raw bytes, never re-serialised JSON. */
function deliveryOf(ctx: Context): WebhookDelivery {
  const raw = (ctx.request as { rawBody?: string }).rawBody;
  if (raw === undefined) throw new MalformedWebhookError('the request carried no JSON body');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(ctx.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return { rawBody: Buffer.from(raw, 'utf8'), headers };
}

export function webhookRoutes(receiveWebhook: ReceiveWebhook): AnyRoute[] {
  const shared = WEBHOOK_PROVIDER_SLUGS.map((provider: WebhookProviderSlug) =>
    defineRoute({
      method: 'post',
      path: `/api/webhooks/${provider}`,
      operationId: `receive_${provider}_webhook`,
      summary: `Receive a ${provider} webhook on the deployment's shared URL.`,
      description:
        'Authenticated with the deployment\'s secret for this provider (see docs/webhooks/ingestion.md) and attributed to the organization ' +
        'holding the campaign (or, for an account error, the sending account) it names; unattributed deliveries are kept as `ignored`. ' +
        'Prefer the per-organization URL.',
      tags: TAGS,
      auth: 'public',
      responses: receiptResponses,
      handle: async ({ ctx, requestId }) => {
        const received = await receiveWebhook.execute({
          providerSlug: provider,
          endpointToken: null,
          delivery: deliveryOf(ctx),
          payload: ctx.request.body,
          requestId,
          clientAddress: ctx.ip,
        });
        return { status: 200, body: { status: received.outcome, event_key: received.eventKey } };
      },
    }),
  );
  return [
    ...shared,
    defineRoute({
      method: 'post',
      path: '/api/webhooks/{provider_slug}/{endpoint_token}',
      operationId: 'receive_webhook_for_organization',
      summary: "Receive a provider webhook on an organization's own URL.",
      description: 'The token (issued by a super-admin) attributes the delivery to exactly one organization, whatever the payload says.',
      tags: TAGS,
      auth: 'public',
      params: WebhookTokenParams,
      responses: { ...receiptResponses, 422: { description: 'Unknown provider in the path.', schema: ErrorEnvelopeSchema } },
      handle: async ({ ctx, params, requestId }) => {
        const received = await receiveWebhook.execute({
          providerSlug: params.provider_slug,
          endpointToken: params.endpoint_token,
          delivery: deliveryOf(ctx),
          payload: ctx.request.body,
          requestId,
          clientAddress: ctx.ip,
        });
        return { status: 200, body: { status: received.outcome, event_key: received.eventKey } };
      },
    }),
  ];
}
