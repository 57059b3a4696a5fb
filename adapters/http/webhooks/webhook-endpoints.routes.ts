import type { IssueWebhookEndpoint } from '../../../application/webhooks/issue-webhook-endpoint.js';
import type { ListWebhookEndpoints, RevokeWebhookEndpoint } from '../../../application/webhooks/manage-webhook-endpoints.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  WebhookEndpointCollectionParams,
  WebhookEndpointCreateRequest,
  WebhookEndpointCreateResponse,
  WebhookEndpointItemParams,
  WebhookEndpointList,
  WebhookEndpointResponse,
  toWebhookEndpointResponse,
} from './webhook.schemas.js';

export interface WebhookEndpointUseCases {
  readonly issueWebhookEndpoint: IssueWebhookEndpoint;
  readonly listWebhookEndpoints: ListWebhookEndpoints;
  readonly revokeWebhookEndpoint: RevokeWebhookEndpoint;
}

const COLLECTION = '/api/super-admin/organizations/{org_id}/webhook-endpoints';
const TAGS = ['super-admin', 'webhooks'];
const orgNotFound = { description: 'No live organization has this id.', schema: ErrorEnvelopeSchema };

export function webhookEndpointRoutes(useCases: WebhookEndpointUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: COLLECTION,
      operationId: 'issue_webhook_endpoint',
      summary: "Issue an organization a URL for one provider's webhooks.",
      description: 'The URL (with its token) is in this answer only. Earlier URLs stay active until revoked, so a rotation loses no delivery.',
      tags: TAGS,
      auth: 'super_admin',
      params: WebhookEndpointCollectionParams,
      body: WebhookEndpointCreateRequest,
      responses: { 201: { description: 'Issued.', schema: WebhookEndpointCreateResponse }, 404: orgNotFound },
      handle: async ({ params, body, principal, requestId }) => {
        const { endpoint, token } = await useCases.issueWebhookEndpoint.execute({
          context: requestContextOf(principal, requestId),
          orgId: params.org_id,
          providerSlug: body.provider_slug,
        });
        return {
          status: 201,
          body: { ...toWebhookEndpointResponse(endpoint), url_path: `/api/webhooks/${endpoint.providerSlug}/${token}` },
          headers: { 'Cache-Control': 'no-store' },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: COLLECTION,
      operationId: 'list_webhook_endpoints',
      summary: "The organization's webhook URLs, newest first, revoked ones included; never their tokens.",
      tags: TAGS,
      auth: 'super_admin',
      params: WebhookEndpointCollectionParams,
      responses: { 200: { description: 'The endpoints.', schema: WebhookEndpointList }, 404: orgNotFound },
      handle: async ({ params }) => ({
        status: 200,
        body: (await useCases.listWebhookEndpoints.execute({ orgId: params.org_id })).map(toWebhookEndpointResponse),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: `${COLLECTION}/{endpoint_id}`,
      operationId: 'revoke_webhook_endpoint',
      summary: 'Revoke a webhook URL: deliveries to it answer 401 from now on. Idempotent.',
      tags: TAGS,
      auth: 'super_admin',
      params: WebhookEndpointItemParams,
      responses: {
        200: { description: 'The endpoint, revoked.', schema: WebhookEndpointResponse },
        404: { description: 'The organization has no webhook endpoint with this id.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, principal, requestId }) => ({
        status: 200,
        body: toWebhookEndpointResponse(
          await useCases.revokeWebhookEndpoint.execute({ context: requestContextOf(principal, requestId), orgId: params.org_id, endpointId: params.endpoint_id }),
        ),
      }),
    }),
  ];
}
