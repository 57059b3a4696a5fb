import { z } from 'zod';
import type { ListSwitchableOrganizations, SwitchOrganization } from '../../../application/identity/switch-organization.js';
import type { LoginUser } from '../../../application/identity/login-user.js';
import { TokenManagementReservedError } from '../../../domain/access/access-errors.js';
import { permissionsOf } from '../../../domain/access/permission.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import {
  LoginRequest,
  LoginResponse,
  MeResponse,
  OrganizationChoiceList,
  SwitchOrganizationRequest,
  toLoginResponse,
  toOrganizationChoices,
  tooManyAttempts,
} from './auth.schemas.js';

export interface AuthUseCases {
  readonly loginUser: LoginUser;
  readonly listSwitchableOrganizations: ListSwitchableOrganizations;
  readonly switchOrganization: SwitchOrganization;
}

const TAGS = ['auth'];
const tokensReserved = { description: 'Always: API tokens are issued and revoked by super-admins.', schema: ErrorEnvelopeSchema };

export function authRoutes(useCases: AuthUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      operationId: 'tenant_login',
      summary: 'Log in with email and password; returns a tenant session.',
      description:
        'When the credentials open accounts in several organizations, the session acts in the oldest and `organizations` lists them all; switch with POST /api/auth/switch-org.',
      tags: TAGS,
      auth: 'public',
      body: LoginRequest,
      responses: {
        200: { description: 'Session issued.', schema: LoginResponse },
        401: { description: 'Unknown email or wrong password (indistinguishable).', schema: ErrorEnvelopeSchema },
        429: tooManyAttempts,
      },
      handle: async ({ body, requestId, ctx }) => {
        const result = await useCases.loginUser.execute({
          context: { actor: { type: 'anonymous' }, requestId },
          email: body.email,
          password: body.password,
          clientAddress: ctx.ip,
        });
        return { status: 200, body: toLoginResponse(result) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      operationId: 'tenant_me',
      summary: 'The authenticated caller: organization, role, permissions and company, read fresh from the database.',
      tags: TAGS,
      auth: 'tenant',
      responses: { 200: { description: 'The caller.', schema: MeResponse } },
      handle: async ({ principal }) => ({
        status: 200,
        body: {
          user_id: principal.userId,
          org_id: principal.orgId,
          role: principal.role,
          permissions: permissionsOf(principal.role),
          company_id: principal.companyId,
          auth_method: principal.authMethod,
          organization_status: principal.organizationStatus,
        },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/orgs',
      operationId: 'tenant_list_switchable_organizations',
      summary: 'Organizations this session may switch to (those its login opened), the current one included.',
      tags: TAGS,
      auth: 'tenant',
      responses: { 200: { description: 'The choices.', schema: OrganizationChoiceList } },
      handle: async ({ principal }) => {
        const choices = await useCases.listSwitchableOrganizations.execute(principal);
        return { status: 200, body: toOrganizationChoices(choices, principal.orgId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/switch-org',
      operationId: 'tenant_switch_organization',
      summary: 'Issue a session for another of the organizations GET /api/auth/orgs lists.',
      tags: TAGS,
      auth: 'tenant',
      // Choosing where to act changes no data; a suspended organization's users may leave it.
      writes: false,
      body: SwitchOrganizationRequest,
      responses: {
        200: { description: 'Session issued for the chosen organization.', schema: LoginResponse },
        403: { description: 'Called with an API token, which is bound to one organization.', schema: ErrorEnvelopeSchema },
        404: { description: 'Not one of the organizations this session may switch to.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ body, principal, requestId }) => {
        const result = await useCases.switchOrganization.execute({
          context: requestContextOf(principal, requestId),
          access: principal,
          organizationId: body.organization_id,
        });
        return { status: 200, body: toLoginResponse(result) };
      },
    }),
    ...(['post', 'get'] as const).map((method) =>
      defineRoute({
        method,
        path: '/api/auth/tokens',
        operationId: `tenant_${method === 'post' ? 'create' : 'list'}_api_tokens`,
        summary: 'Not available to tenants: API tokens are managed by super-admins.',
        tags: TAGS,
        auth: 'tenant',
        writes: false,
        responses: { 403: tokensReserved },
        handle: () => Promise.reject(new TokenManagementReservedError()),
      }),
    ),
    defineRoute({
      method: 'delete',
      path: '/api/auth/tokens/{token_id}',
      operationId: 'tenant_revoke_api_token',
      summary: 'Not available to tenants: API tokens are managed by super-admins.',
      tags: TAGS,
      auth: 'tenant',
      writes: false,
      params: z.strictObject({ token_id: z.string().max(200) }),
      responses: { 403: tokensReserved },
      handle: () => Promise.reject(new TokenManagementReservedError()),
    }),
  ];
}
