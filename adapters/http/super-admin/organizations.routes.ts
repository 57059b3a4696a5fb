import type { CreateOrganization } from '../../../application/tenancy/create-organization.js';
import type { DeleteOrganization } from '../../../application/tenancy/delete-organization.js';
import type { GetOrganization } from '../../../application/tenancy/get-organization.js';
import type { ListOrganizations } from '../../../application/tenancy/list-organizations.js';
import type { UpdateOrganization } from '../../../application/tenancy/update-organization.js';
import { requestContextOf as contextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  OrganizationCreate,
  OrganizationIdParams,
  OrganizationList,
  OrganizationListQuery,
  OrganizationResponse,
  OrganizationUpdate,
  toOrganizationResponse,
} from './organization.schemas.js';

export interface OrganizationUseCases {
  readonly createOrganization: CreateOrganization;
  readonly listOrganizations: ListOrganizations;
  readonly getOrganization: GetOrganization;
  readonly updateOrganization: UpdateOrganization;
  readonly deleteOrganization: DeleteOrganization;
}

const COLLECTION = '/api/super-admin/organizations';
const ITEM = `${COLLECTION}/{org_id}`;
const TAGS = ['super-admin'];

const notFound = { description: 'No live organization has this id.', schema: ErrorEnvelopeSchema };
const slugTaken = { description: 'Another live organization already has this slug.', schema: ErrorEnvelopeSchema };

export function organizationRoutes(useCases: OrganizationUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: COLLECTION,
      operationId: 'create_organization',
      summary: 'Create an organization (starts in onboarding).',
      tags: TAGS,
      auth: 'super_admin',
      body: OrganizationCreate,
      responses: { 201: { description: 'Created.', schema: OrganizationResponse }, 409: slugTaken },
      handle: async ({ body, principal, requestId }) => {
        const organization = await useCases.createOrganization.execute({
          context: contextOf(principal, requestId),
          name: body.name,
          slug: body.slug,
        });
        return { status: 201, body: toOrganizationResponse(organization) };
      },
    }),
    defineRoute({
      method: 'get',
      path: COLLECTION,
      operationId: 'list_organizations',
      summary: 'List live organizations, oldest first.',
      description: 'Keyset-paginated: when more remain, the X-Next-Cursor header holds the `after` value for the next page.',
      tags: TAGS,
      auth: 'super_admin',
      query: OrganizationListQuery,
      responses: {
        200: pagedResponseSpec('One page of organizations.', OrganizationList),
      },
      handle: async ({ query }) => {
        const page = await useCases.listOrganizations.execute({ limit: query.limit, after: query.after });
        return pagedResult(page, toOrganizationResponse);
      },
    }),
    defineRoute({
      method: 'get',
      path: ITEM,
      operationId: 'get_organization',
      summary: 'Get one organization.',
      tags: TAGS,
      auth: 'super_admin',
      params: OrganizationIdParams,
      responses: { 200: { description: 'The organization.', schema: OrganizationResponse }, 404: notFound },
      handle: async ({ params }) => {
        const organization = await useCases.getOrganization.execute({ organizationId: params.org_id });
        return { status: 200, body: toOrganizationResponse(organization) };
      },
    }),
    defineRoute({
      method: 'put',
      path: ITEM,
      operationId: 'update_organization',
      summary: 'Rename an organization or change its slug.',
      tags: TAGS,
      auth: 'super_admin',
      params: OrganizationIdParams,
      body: OrganizationUpdate,
      responses: { 200: { description: 'Updated.', schema: OrganizationResponse }, 404: notFound, 409: slugTaken },
      handle: async ({ params, body, principal, requestId }) => {
        const organization = await useCases.updateOrganization.execute({
          context: contextOf(principal, requestId),
          organizationId: params.org_id,
          changes: { name: body.name ?? undefined, slug: body.slug ?? undefined },
        });
        return { status: 200, body: toOrganizationResponse(organization) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: ITEM,
      operationId: 'delete_organization',
      summary: 'Soft-delete an organization; its slug becomes free.',
      tags: TAGS,
      auth: 'super_admin',
      params: OrganizationIdParams,
      responses: { 204: { description: 'Deleted.' }, 404: notFound },
      handle: async ({ params, principal, requestId }) => {
        await useCases.deleteOrganization.execute({ context: contextOf(principal, requestId), organizationId: params.org_id });
        return { status: 204 };
      },
    }),
  ];
}
