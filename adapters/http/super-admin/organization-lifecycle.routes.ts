import type { TransitionOrganization } from '../../../application/tenancy/transition-organization.js';
import type { OrganizationTransition } from '../../../domain/tenancy/organization.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute, type HttpMethod } from '../routing/route.js';
import { OrganizationIdParams, OrganizationResponse, toOrganizationResponse } from './organization.schemas.js';

export interface OrganizationLifecycleUseCases {
  readonly transitionOrganization: TransitionOrganization;
}

const ORGANIZATION = '/api/super-admin/organizations/{org_id}';
const TAGS = ['super-admin'];

const STEPS: Readonly<Record<OrganizationTransition, { summary: string; description: string }>> = {
  activate: {
    summary: 'Activate an organization (from onboarding or suspended).',
    description: 'Needs a non-empty name (400 `organization_name_required`). Activating an active organization changes nothing.',
  },
  suspend: {
    summary: 'Suspend an active organization: its users keep read access only.',
    description: 'Only an active organization can be suspended (409 otherwise). Suspending a suspended organization changes nothing.',
  },
};

/** Each step answers to POST and PUT alike: clients of the older system used both. */
export function organizationLifecycleRoutes(useCases: OrganizationLifecycleUseCases): AnyRoute[] {
  const methods: readonly Extract<HttpMethod, 'post' | 'put'>[] = ['post', 'put'];
  return (Object.keys(STEPS) as OrganizationTransition[]).flatMap((step) =>
    methods.map((method) =>
      defineRoute({
        method,
        path: `${ORGANIZATION}/${step}`,
        operationId: method === 'post' ? `${step}_organization` : `${step}_organization_put`,
        summary: STEPS[step].summary,
        description: STEPS[step].description,
        tags: TAGS,
        auth: 'super_admin',
        params: OrganizationIdParams,
        responses: {
          200: { description: 'The organization, with its status.', schema: OrganizationResponse },
          400: { description: 'The organization has no name, so it cannot be activated.', schema: ErrorEnvelopeSchema },
          404: { description: 'No live organization has this id.', schema: ErrorEnvelopeSchema },
          409: { description: 'The step is not allowed from the current status.', schema: ErrorEnvelopeSchema },
        },
        handle: async ({ params, principal, requestId }) => {
          const organization = await useCases.transitionOrganization.execute({
            context: requestContextOf(principal, requestId),
            organizationId: params.org_id,
            step,
          });
          return { status: 200, body: toOrganizationResponse(organization) };
        },
      }),
    ),
  );
}
