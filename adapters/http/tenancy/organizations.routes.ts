import type { GetOrganization } from '../../../application/tenancy/get-organization.js';
import type { UpdateOrganization } from '../../../application/tenancy/update-organization.js';
import { OrganizationNotFoundError } from '../../../domain/tenancy/organization-errors.js';
import type { TenantPrincipal } from '../auth/principal.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  OrganizationIdParams,
  OrganizationList,
  OrganizationResponse,
  OrganizationUpdate,
  toOrganizationResponse,
} from '../super-admin/organization.schemas.js';
import { EmptyUpdateError } from './empty-update-error.js';

export interface TenantOrganizationUseCases {
  readonly getOrganization: GetOrganization;
  readonly updateOrganization: UpdateOrganization;
}

const COLLECTION = '/api/organizations/';
const ITEM = '/api/organizations/{org_id}';
const TAGS = ['organizations'];

const notFound = { description: 'Not your organization, or no such organization: the two are indistinguishable.', schema: ErrorEnvelopeSchema };

/** A tenant sees exactly one organization, its own; any other id is answered as missing. */
function ownOrganizationId(principal: TenantPrincipal, requested: string): string {
  if (requested !== principal.orgId) throw new OrganizationNotFoundError();
  return requested;
}

export function tenantOrganizationRoutes(useCases: TenantOrganizationUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: COLLECTION,
      operationId: 'list_my_organizations',
      summary: "List the caller's organizations: always exactly their own.",
      tags: TAGS,
      auth: 'tenant',
      responses: { 200: { description: "The caller's organization, as a one-element list.", schema: OrganizationList } },
      handle: async ({ principal }) => {
        const organization = await useCases.getOrganization.execute({ organizationId: principal.orgId });
        return { status: 200, body: [toOrganizationResponse(organization)] };
      },
    }),
    defineRoute({
      method: 'get',
      path: ITEM,
      operationId: 'get_my_organization',
      summary: "Get the caller's organization.",
      tags: TAGS,
      auth: 'tenant',
      params: OrganizationIdParams,
      responses: { 200: { description: 'The organization.', schema: OrganizationResponse }, 404: notFound },
      handle: async ({ params, principal }) => {
        const organization = await useCases.getOrganization.execute({ organizationId: ownOrganizationId(principal, params.org_id) });
        return { status: 200, body: toOrganizationResponse(organization) };
      },
    }),
    defineRoute({
      method: 'put',
      path: ITEM,
      operationId: 'update_my_organization',
      summary: "Rename the caller's organization or change its slug.",
      description: 'An active or suspended organization keeps a non-empty name. A body naming no change is refused with 400 `empty_update`.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'org.manage_organization',
      params: OrganizationIdParams,
      body: OrganizationUpdate,
      responses: {
        200: { description: 'Updated.', schema: OrganizationResponse },
        400: { description: 'Nothing to change, or an empty name outside onboarding.', schema: ErrorEnvelopeSchema },
        404: notFound,
        409: { description: 'Another live organization already has this slug.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, body, principal, requestId }) => {
        const organizationId = ownOrganizationId(principal, params.org_id);
        const changes = { name: body.name ?? undefined, slug: body.slug ?? undefined };
        if (changes.name === undefined && changes.slug === undefined) throw new EmptyUpdateError();
        const organization = await useCases.updateOrganization.execute({
          context: requestContextOf(principal, requestId),
          organizationId,
          changes,
        });
        return { status: 200, body: toOrganizationResponse(organization) };
      },
    }),
  ];
}
