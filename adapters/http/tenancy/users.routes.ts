import type { CreateUser } from '../../../application/identity/create-user.js';
import type { DeleteUser } from '../../../application/identity/delete-user.js';
import type { GetUser } from '../../../application/identity/get-user.js';
import type { ListUsers } from '../../../application/identity/list-users.js';
import type { UpdateUser } from '../../../application/identity/update-user.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { EmptyUpdateError } from './empty-update-error.js';
import {
  UserCreate,
  UserIdParams,
  UserList,
  UserListQuery,
  UserResponse,
  UserUpdate,
  toUserChanges,
  toNewUserFields,
  toUserResponse,
  userUpdateIsEmpty,
} from './user.schemas.js';

export interface UserUseCases {
  readonly createUser: CreateUser;
  readonly listUsers: ListUsers;
  readonly getUser: GetUser;
  readonly updateUser: UpdateUser;
  readonly deleteUser: DeleteUser;
}

const COLLECTION = '/api/users/';
const ITEM = '/api/users/{user_id}';
const TAGS = ['users'];
const PERMISSION = 'org.manage_users';

const notFound = { description: 'No live user of your organization has this id.', schema: ErrorEnvelopeSchema };
const companyNotFound = { description: 'company_id names no live company of your organization.', schema: ErrorEnvelopeSchema };
const emailTaken = { description: 'Another live user of the organization has this email.', schema: ErrorEnvelopeSchema };

export function userRoutes(useCases: UserUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: COLLECTION,
      operationId: 'create_user',
      summary: 'Create a user in the caller\'s organization.',
      description: 'org_admin has no company; company_admin and company_member need a company of this organization.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      body: UserCreate,
      responses: {
        201: { description: 'Created.', schema: UserResponse },
        400: { description: 'Role and company do not pair.', schema: ErrorEnvelopeSchema },
        404: companyNotFound,
        409: emailTaken,
      },
      handle: async ({ body, principal, requestId }) => {
        const user = await useCases.createUser.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          ...toNewUserFields(body),
        });
        return { status: 201, body: toUserResponse(user) };
      },
    }),
    defineRoute({
      method: 'get',
      path: COLLECTION,
      operationId: 'list_users',
      summary: 'List the live users of the caller\'s organization, oldest first.',
      description: 'Keyset-paginated: when more remain, the X-Next-Cursor header holds the `after` value for the next page.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      query: UserListQuery,
      responses: {
        200: pagedResponseSpec('One page of users.', UserList),
        404: companyNotFound,
      },
      handle: async ({ query, principal }) => {
        const page = await useCases.listUsers.execute({
          orgId: principal.orgId,
          companyId: query.company_id,
          limit: query.limit,
          after: query.after,
        });
        return pagedResult(page, toUserResponse);
      },
    }),
    defineRoute({
      method: 'get',
      path: ITEM,
      operationId: 'get_user',
      summary: 'Get one user.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: UserIdParams,
      responses: { 200: { description: 'The user.', schema: UserResponse }, 404: notFound },
      handle: async ({ params, principal }) => {
        const user = await useCases.getUser.execute({ orgId: principal.orgId, userId: params.user_id });
        return { status: 200, body: toUserResponse(user) };
      },
    }),
    defineRoute({
      method: 'put',
      path: ITEM,
      operationId: 'update_user',
      summary: 'Change a user\'s email, password, names, role or company.',
      description:
        'Role and company are validated together. Callers cannot change their own role or company. A body naming no change is refused with 400 `empty_update`.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: UserIdParams,
      body: UserUpdate,
      responses: {
        200: { description: 'Updated.', schema: UserResponse },
        400: { description: 'Nothing to change, role and company do not pair, or an own access change.', schema: ErrorEnvelopeSchema },
        404: { description: 'No such user, or company_id names no live company of your organization.', schema: ErrorEnvelopeSchema },
        409: emailTaken,
      },
      handle: async ({ params, body, principal, requestId }) => {
        if (userUpdateIsEmpty(body)) throw new EmptyUpdateError();
        const user = await useCases.updateUser.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          userId: params.user_id,
          changes: toUserChanges(body),
        });
        return { status: 200, body: toUserResponse(user) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: ITEM,
      operationId: 'delete_user',
      summary: 'Soft-delete a user; their sessions and API tokens stop working at once.',
      tags: TAGS,
      auth: 'tenant',
      permission: PERMISSION,
      params: UserIdParams,
      responses: {
        204: { description: 'Deleted.' },
        400: { description: 'Callers cannot delete themselves.', schema: ErrorEnvelopeSchema },
        404: notFound,
      },
      handle: async ({ params, principal, requestId }) => {
        await useCases.deleteUser.execute({
          context: requestContextOf(principal, requestId),
          orgId: principal.orgId,
          userId: params.user_id,
        });
        return { status: 204 };
      },
    }),
  ];
}
