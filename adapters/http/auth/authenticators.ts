import type { Context } from 'koa';
import type { AuthenticateTenant } from '../../../application/access/authenticate-tenant.js';
import type { AuthenticateSuperAdmin } from '../../../application/identity/authenticate-super-admin.js';
import { requestIdOf } from '../middleware/request-id.js';
import type { AuthRequirement } from '../routing/route.js';
import { bearerTokenOf } from './bearer-token.js';
import type { Principal } from './principal.js';

export type Authenticator = (ctx: Context) => Promise<Principal>;
export type Authenticators = Readonly<Record<Exclude<AuthRequirement, 'public'>, Authenticator>>;

export function createAuthenticators(deps: {
  authenticateSuperAdmin: AuthenticateSuperAdmin;
  authenticateTenant: AuthenticateTenant;
}): Authenticators {
  return {
    super_admin: async (ctx) => {
      const superAdmin = await deps.authenticateSuperAdmin.execute({ token: bearerTokenOf(ctx), requestId: requestIdOf(ctx) });
      return { type: 'super_admin', id: superAdmin.id, email: superAdmin.email };
    },
    tenant: async (ctx) => {
      const access = await deps.authenticateTenant.execute({ token: bearerTokenOf(ctx), requestId: requestIdOf(ctx) });
      return { type: 'tenant', ...access };
    },
  };
}
