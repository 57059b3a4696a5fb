import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

/** Accept a caller's id only if it is short and harmless to echo into logs and headers. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'X-Request-ID';

export function requestId(): Middleware {
  return async (ctx, next) => {
    const offered = ctx.get(REQUEST_ID_HEADER);
    const id = ACCEPTABLE_REQUEST_ID.test(offered) ? offered : randomUUID();
    ctx.state['requestId'] = id;
    ctx.set(REQUEST_ID_HEADER, id);
    await next();
  };
}

export function requestIdOf(ctx: { state: Record<string, unknown> }): string {
  const id = ctx.state['requestId'];
  if (typeof id !== 'string') throw new Error('requestId middleware must run first');
  return id;
}
