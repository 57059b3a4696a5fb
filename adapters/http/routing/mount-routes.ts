import type {} from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { ApiThrottle } from '../../../application/access/api-throttle.js';
import type { Authenticators } from '../auth/authenticators.js';
import type { Principal } from '../auth/principal.js';
import { admitTenant, refuseCallerSuppliedOrgId } from '../auth/tenant-admission.js';
import { requestIdOf } from '../middleware/request-id.js';
import type { AnyRoute } from './route.js';
import { parseRequestPart } from './parse-request-part.js';
import { UnsupportedMediaTypeError } from './unsupported-media-type-error.js';

export interface MountOptions {
  readonly authenticators: Authenticators;
  /** Per-principal request budget; absent, authenticated calls are not counted. */
  readonly throttle?: ApiThrottle | undefined;
  /**
   * Validate every response body against its declared schema and fail loudly on drift. On in
   * tests, so the published OpenAPI document is proven to describe what the routes really send.
   */
  readonly checkResponses: boolean;
}

/** A route with no declared query accepts none: unknown parameters are refused, not ignored. */
const NO_QUERY = z.strictObject({});

export function mountRoutes(routes: readonly AnyRoute[], options: MountOptions): Router {
  // Not strict: `/api/organizations` and `/api/organizations/` are the same resource.
  const router = new Router({ strict: false });
  for (const route of routes) {
    router[route.method](route.operationId, toKoaPath(route.path), async (ctx) => {
      const principal = route.auth === 'public' ? null : await options.authenticators[route.auth](ctx);
      if (principal) await admit(route, principal, ctx, options.throttle);
      // The body parser ignores what is not JSON; say so instead of reporting every field missing.
      if (route.body && ctx.request.type && !ctx.request.is('json')) throw new UnsupportedMediaTypeError();
      const result = await route.handle({
        params: route.params ? parseRequestPart('path', route.params, ctx.params) : undefined,
        query: parseRequestPart('query', route.query ?? NO_QUERY, ctx.query),
        body: route.body ? parseRequestPart('body', route.body, ctx.request.body) : undefined,
        principal,
        requestId: requestIdOf(ctx),
        ctx,
      });
      if (options.checkResponses) assertMatchesDeclaredResponse(route, result.status, result.body);
      ctx.status = result.status;
      if (result.headers) ctx.set(result.headers);
      if (result.body !== undefined) ctx.body = result.body;
    });
  }
  return router;
}

/** Everything between "who are you" and "what did you send": budget, permission, tenant rules. */
async function admit(route: AnyRoute, principal: Principal, ctx: Context, throttle: ApiThrottle | undefined): Promise<void> {
  if (throttle) {
    const budget = await throttle.admit(throttleKeyOf(principal));
    ctx.set({ 'RateLimit-Limit': String(budget.limit), 'RateLimit-Remaining': String(Math.max(0, budget.limit - budget.hits)) });
  }
  if (principal.type !== 'tenant') return;
  admitTenant(route, principal);
  refuseCallerSuppliedOrgId(ctx.query, ctx.request.body);
}

/** An API token has a budget of its own, apart from its user's interactive sessions. */
function throttleKeyOf(principal: Principal): string {
  if (principal.type === 'super_admin') return `super_admin:${principal.id}`;
  return principal.apiTokenId ? `api_token:${principal.apiTokenId}` : `user:${principal.userId}`;
}

function toKoaPath(openApiPath: string): string {
  // The reference contract spells some collections with a trailing slash (`/api/companies/`); the
  // non-strict router only makes the slash optional when the declared path has none.
  return openApiPath.replace(/\{(\w+)\}/g, ':$1').replace(/(.)\/$/, '$1');
}

function assertMatchesDeclaredResponse(route: AnyRoute, status: number, body: unknown): void {
  const spec = route.responses[status];
  if (!spec) throw new Error(`${route.operationId} answered ${status}, which it does not declare`);
  if (!spec.schema) {
    if (body !== undefined) throw new Error(`${route.operationId} declares no body for ${status} but sent one`);
    return;
  }
  const result = spec.schema.safeParse(body);
  if (!result.success) {
    throw new Error(`${route.operationId} ${status} body breaks its declared schema: ${result.error.message}`);
  }
}
