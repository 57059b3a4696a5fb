import type { Context } from 'koa';
import type { AuthenticateSuperAdmin } from '../../../application/identity/authenticate-super-admin.js';
import type { Principal } from './principal.js';
import { bearerTokenOf } from './bearer-token.js';
import type { AuthRequirement } from '../routing/route.js';

export type Authenticator = (ctx: Context) => Promise<Principal>;
export type Authenticators = Readonly<Record<Exclude<AuthRequirement, 'public'>, Authenticator>>;

export function createAuthenticators(deps: { authenticateSuperAdmin: AuthenticateSuperAdmin }): Authenticators {
  return {
    super_admin: async (ctx) => {
      const superAdmin = await deps.authenticateSuperAdmin.execute(bearerTokenOf(ctx));
      return { type: 'super_admin', id: superAdmin.id, email: superAdmin.email };
    },
  };
}
