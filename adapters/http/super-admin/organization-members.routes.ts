import { z } from 'zod';
import type { CreateUser } from '../../../application/identity/create-user.js';
import type { DeleteUser } from '../../../application/identity/delete-user.js';
import type { ListUsers } from '../../../application/identity/list-users.js';
import type { CreateCompany } from '../../../application/tenancy/create-company.js';
import type { ListCompanies } from '../../../application/tenancy/list-companies.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { CompanyCreate, CompanyList, CompanyListQuery, CompanyResponse, toCompanyResponse } from '../tenancy/company.schemas.js';
import { SuperAdminUserCreate, UserList, UserListQuery, UserResponse, toNewUserFields, toUserResponse } from '../tenancy/user.schemas.js';
import { OrganizationIdParams } from './organization.schemas.js';

export interface OrganizationMemberUseCases {
  readonly createUser: CreateUser;
  readonly listUsers: ListUsers;
  readonly deleteUser: DeleteUser;
  readonly createCompany: CreateCompany;
  readonly listCompanies: ListCompanies;
}

const ORGANIZATION = '/api/super-admin/organizations/{org_id}';
const TAGS = ['super-admin'];

const OrganizationUserParams = z.strictObject({ org_id: z.uuid(), user_id: z.uuid() });

const organizationNotFound = { description: 'No live organization has this id.', schema: ErrorEnvelopeSchema };

/** How a super-admin bootstraps an organization: its first users and companies. */
export function organizationMemberRoutes(useCases: OrganizationMemberUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: `${ORGANIZATION}/users`,
      operationId: 'create_organization_user',
      summary: 'Create a user in an organization (role defaults to org_admin).',
      description: 'company_id (an extension of the reference contract) places a company_admin or company_member in a company of this organization.',
      tags: TAGS,
      auth: 'super_admin',
      params: OrganizationIdParams,
      body: SuperAdminUserCreate,
      responses: {
        201: { description: 'Created.', schema: UserResponse },
        400: { description: 'Role and company do not pair.', schema: ErrorEnvelopeSchema },
        404: { description: 'No such organization, or company_id names no live company of it.', schema: ErrorEnvelopeSchema },
        409: { description: 'Another live user of the organization has this email.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, body, principal, requestId }) => {
        const user = await useCases.createUser.execute({
          context: requestContextOf(principal, requestId),
          orgId: params.org_id,
          ...toNewUserFields(body),
        });
        return { status: 201, body: toUserResponse(user) };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${ORGANIZATION}/users`,
      operationId: 'list_organization_users',
      summary: 'List the live users of an organization, oldest first.',
      description: 'Keyset-paginated: when more remain, the X-Next-Cursor header holds the `after` value for the next page.',
      tags: TAGS,
      auth: 'super_admin',
      params: OrganizationIdParams,
      query: UserListQuery,
      responses: {
        200: pagedResponseSpec('One page of users.', UserList),
        404: { description: 'No such organization, or company_id names no live company of it.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, query }) => {
        const page = await useCases.listUsers.execute({
          orgId: params.org_id,
          companyId: query.company_id,
          limit: query.limit,
          after: query.after,
        });
        return pagedResult(page, toUserResponse);
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${ORGANIZATION}/users/{user_id}`,
      operationId: 'delete_organization_user',
      summary: 'Soft-delete a user of an organization.',
      tags: TAGS,
      auth: 'super_admin',
      params: OrganizationUserParams,
      responses: {
        204: { description: 'Deleted.' },
        404: { description: 'No such organization, or no live user of it has this id.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, principal, requestId }) => {
        await useCases.deleteUser.execute({ context: requestContextOf(principal, requestId), orgId: params.org_id, userId: params.user_id });
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${ORGANIZATION}/companies`,
      operationId: 'create_organization_company',
      summary: 'Create a company in an organization.',
      tags: TAGS,
      auth: 'super_admin',
      params: OrganizationIdParams,
      body: CompanyCreate,
      responses: {
        201: { description: 'Created.', schema: CompanyResponse },
        404: organizationNotFound,
        409: { description: 'Another live company of the organization has this name.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, body, principal, requestId }) => {
        const company = await useCases.createCompany.execute({
          context: requestContextOf(principal, requestId),
          orgId: params.org_id,
          name: body.name,
          domain: body.domain,
        });
        return { status: 201, body: toCompanyResponse(company) };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${ORGANIZATION}/companies`,
      operationId: 'list_organization_companies',
      summary: 'List the live companies of an organization, oldest first.',
      description: 'Keyset-paginated: when more remain, the X-Next-Cursor header holds the `after` value for the next page.',
      tags: TAGS,
      auth: 'super_admin',
      params: OrganizationIdParams,
      query: CompanyListQuery,
      responses: {
        200: pagedResponseSpec('One page of companies.', CompanyList),
        404: organizationNotFound,
      },
      handle: async ({ params, query }) => {
        const page = await useCases.listCompanies.execute({ orgId: params.org_id, limit: query.limit, after: query.after });
        return pagedResult(page, toCompanyResponse);
      },
    }),
  ];
}
