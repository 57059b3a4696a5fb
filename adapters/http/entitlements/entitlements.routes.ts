import type { CreateEntitlement } from '../../../application/entitlements/create-entitlement.js';
import type { DeleteEntitlement } from '../../../application/entitlements/delete-entitlement.js';
import type { GetEntitlement } from '../../../application/entitlements/get-entitlement.js';
import type { ListEntitlements } from '../../../application/entitlements/list-entitlements.js';
import type { UpdateEntitlement } from '../../../application/entitlements/update-entitlement.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { EmptyUpdateError } from '../tenancy/empty-update-error.js';
import {
  EntitlementCreate,
  EntitlementIdParams,
  EntitlementList,
  EntitlementListQuery,
  EntitlementResponse,
  EntitlementUpdate,
  toEntitlementResponse,
} from './entitlement.schemas.js';
import { ProviderConfigNotWritableError } from './provider-config-not-writable-error.js';

export interface EntitlementUseCases {
  readonly createEntitlement: CreateEntitlement;
  readonly listEntitlements: ListEntitlements;
  readonly getEntitlement: GetEntitlement;
  readonly updateEntitlement: UpdateEntitlement;
  readonly deleteEntitlement: DeleteEntitlement;
}

const COLLECTION = '/api/entitlements/';
const ITEM = '/api/entitlements/{entitlement_id}';
const TAGS = ['entitlements'];
const PERMISSION = 'org.manage_entitlements';

const notFound = { description: 'No live entitlement of your organization has this id.', schema: ErrorEnvelopeSchema };

export function entitlementRoutes(useCases: EntitlementUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: COLLECTION,
      operationId: 'create_entitlement',
      summary: 'Entitle a company to a capability.',
      description: 'The entitlement starts `entitled`; it becomes usable once a platform administrator has provisioned it.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      body: EntitlementCreate,
      responses: {
        201: { description: 'Created.', schema: EntitlementResponse },
        404: { description: 'No live company of your organization has company_id.', schema: ErrorEnvelopeSchema },
        409: { description: 'The company already has a live entitlement for the capability.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ body, principal, requestId }) => {
        const entitlement = await useCases.createEntitlement.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          companyId: body.company_id,
          capabilityId: body.capability_id,
          providerId: body.provider_id ?? undefined,
        });
        return { status: 201, body: toEntitlementResponse(entitlement) };
      },
    }),
    defineRoute({
      method: 'get',
      path: COLLECTION,
      operationId: 'list_entitlements',
      summary: "List the live entitlements of the caller's organization, oldest first.",
      description: 'Keyset-paginated: when more remain, the X-Next-Cursor header holds the `after` value for the next page.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      query: EntitlementListQuery,
      responses: {
        200: pagedResponseSpec('One page of entitlements.', EntitlementList),
        404: { description: 'company_id names no live company of your organization.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ query, principal }) => {
        const page = await useCases.listEntitlements.execute({
          orgId: principal.orgId,
          companyId: query.company_id,
          limit: query.limit,
          after: query.after,
        });
        return pagedResult(page, toEntitlementResponse);
      },
    }),
    defineRoute({
      method: 'get',
      path: ITEM,
      operationId: 'get_entitlement',
      summary: 'Get one entitlement.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: EntitlementIdParams,
      responses: { 200: { description: 'The entitlement.', schema: EntitlementResponse }, 404: notFound },
      handle: async ({ params, principal }) => {
        const entitlement = await useCases.getEntitlement.execute({ orgId: principal.orgId, entitlementId: params.entitlement_id });
        return { status: 200, body: toEntitlementResponse(entitlement) };
      },
    }),
    defineRoute({
      method: 'put',
      path: ITEM,
      operationId: 'update_entitlement',
      summary: 'Switch an entitlement off (`disconnected`) or back on (`connected`).',
      description:
        '`connected` is accepted only for an entitlement provisioning has already verified (409 `entitlement_not_provisioned` otherwise); ' +
        'other moves answer 409 `illegal_entitlement_transition`. Asking for the current status changes nothing. ' +
        'A non-null provider_config is refused (422); a body naming no change answers 400 `empty_update`.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: EntitlementIdParams,
      body: EntitlementUpdate,
      responses: {
        200: { description: 'Updated.', schema: EntitlementResponse },
        400: { description: 'Nothing to change.', schema: ErrorEnvelopeSchema },
        404: notFound,
        409: { description: 'The status cannot move that way from the current one.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, body, principal, requestId }) => {
        if (body.provider_config !== undefined && body.provider_config !== null) throw new ProviderConfigNotWritableError();
        const status = body.status ?? undefined;
        if (status === undefined) throw new EmptyUpdateError();
        const entitlement = await useCases.updateEntitlement.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          entitlementId: params.entitlement_id,
          status,
        });
        return { status: 200, body: toEntitlementResponse(entitlement) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: ITEM,
      operationId: 'delete_entitlement',
      summary: 'Withdraw a capability from a company (soft delete).',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: EntitlementIdParams,
      responses: { 204: { description: 'Deleted.' }, 404: notFound },
      handle: async ({ params, principal, requestId }) => {
        await useCases.deleteEntitlement.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          entitlementId: params.entitlement_id,
        });
        return { status: 204 };
      },
    }),
  ];
}
