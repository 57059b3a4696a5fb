import type { Context } from 'koa';
import type { z } from 'zod';
import type { Permission } from '../../../domain/access/permission.js';
import type { Principal } from '../auth/principal.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Which kind of caller a route admits; `public` routes take no credentials at all. The kinds
 * never mix: a super-admin token does not pass a tenant route, nor a tenant token an admin one.
 */
export type AuthRequirement = 'public' | 'super_admin' | 'tenant';

type PrincipalFor<A extends AuthRequirement> = A extends 'public' ? null : Extract<Principal, { type: A }>;

export interface RouteInput<P, Q, B, A extends AuthRequirement> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: PrincipalFor<A>;
  readonly requestId: string;
  readonly ctx: Context;
}

export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ResponseSpec {
  readonly description: string;
  /** Must carry a `.meta({ id })`: the OpenAPI document references it by that name. */
  readonly schema?: z.ZodType;
  readonly headers?: Readonly<Record<string, { readonly description: string }>>;
}

/**
 * One HTTP operation, described once: the router validates with these schemas and the OpenAPI
 * document is generated from the same objects, so the two cannot drift apart.
 */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  A extends AuthRequirement = AuthRequirement,
> {
  readonly method: HttpMethod;
  /** OpenAPI-style template, e.g. `/api/super-admin/organizations/{org_id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly auth: A;
  /** Tenant routes: the permission the caller's role must hold (checked before the body is read). */
  readonly permission?: Permission;
  /**
   * Tenant routes: whether the route changes data, which a suspended organization may not do.
   * Defaults to true for every method but GET.
   */
  readonly writes?: boolean;
  readonly params?: P;
  readonly query?: Q;
  /** Must carry a `.meta({ id })`. */
  readonly body?: B;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>, A>): Promise<RouteResult>;
}

export type AnyRoute = RouteDefinition<z.ZodType, z.ZodType, z.ZodType, AuthRequirement>;

/** Keeps the handler's input types inferred from the schemas, then erases them for the router. */
export function defineRoute<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  A extends AuthRequirement = AuthRequirement,
>(route: RouteDefinition<P, Q, B, A>): AnyRoute {
  return route as unknown as AnyRoute;
}
