import type { SetProviderCredentials } from '../../../application/entitlements/set-provider-credentials.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { OrganizationIdParams } from './organization.schemas.js';
import { ProviderConfigSet, ProviderConfigUpdate } from './provider.schemas.js';

export function providerConfigRoutes(useCases: { setProviderCredentials: SetProviderCredentials }): AnyRoute[] {
  return [
    defineRoute({
      method: 'put',
      path: '/api/super-admin/organizations/{org_id}/provider-config',
      operationId: 'set_provider_config',
      summary: "Set an organization's credentials for one provider.",
      description:
        'Encrypted at rest with AES-256-GCM; no route ever returns them. Unknown provider → 422 `unknown_provider`; ' +
        'a missing or empty `api_key`, or a setting the provider does not know → 422 `invalid_provider_config`.',
      tags: ['super-admin'],
      auth: 'super_admin',
      params: OrganizationIdParams,
      body: ProviderConfigUpdate,
      responses: {
        200: { description: 'Stored.', schema: ProviderConfigSet },
        404: { description: 'No live organization has this id.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, body, principal, requestId }) => {
        const provider = await useCases.setProviderCredentials.execute({
          context: requestContextOf(principal, requestId),
          orgId: params.org_id,
          providerSlug: body.provider_slug,
          config: body.config,
        });
        return { status: 200, body: { provider: provider.slug, config_set: true } };
      },
    }),
  ];
}
