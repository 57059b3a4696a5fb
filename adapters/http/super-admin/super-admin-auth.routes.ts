import type { LoginSuperAdmin } from '../../../application/identity/login-super-admin.js';
import { tooManyAttempts } from '../identity/auth.schemas.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { SuperAdminLoginRequest, SuperAdminLoginResponse, SuperAdminMeResponse } from './super-admin-auth.schemas.js';

export function superAdminAuthRoutes(deps: { loginSuperAdmin: LoginSuperAdmin }): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/super-admin/login',
      operationId: 'super_admin_login',
      summary: 'Log in as super-admin; returns a session token of type super_admin.',
      tags: ['super-admin'],
      auth: 'public',
      body: SuperAdminLoginRequest,
      responses: { 200: { description: 'Session issued.', schema: SuperAdminLoginResponse }, 429: tooManyAttempts },
      handle: async ({ body, requestId, ctx }) => {
        const session = await deps.loginSuperAdmin.execute({
          context: { actor: { type: 'anonymous' }, requestId },
          email: body.email,
          password: body.password,
          clientAddress: ctx.ip,
        });
        return {
          status: 200,
          body: { access_token: session.token, token_type: 'bearer', expires_at: session.expiresAt.toISOString() },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/super-admin/me',
      operationId: 'super_admin_me',
      summary: 'The authenticated super-admin.',
      tags: ['super-admin'],
      auth: 'super_admin',
      responses: { 200: { description: 'The caller.', schema: SuperAdminMeResponse } },
      handle: async ({ principal }) => ({ status: 200, body: { super_admin_id: principal.id, email: principal.email } }),
    }),
  ];
}
