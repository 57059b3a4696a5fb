import cors from '@koa/cors';
import type { Middleware } from 'koa';
import { REQUEST_ID_HEADER } from './request-id.js';

/** CORS for exactly the configured front-end origins; any other origin gets no CORS headers. */
export function corsAllowlist(allowedOrigins: readonly string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) ? origin : '';
    },
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', REQUEST_ID_HEADER],
    exposeHeaders: [REQUEST_ID_HEADER, 'X-Next-Cursor', 'Retry-After', 'X-Data-Source', 'X-Data-Source-Reason'],
    maxAge: 600,
    keepHeadersOnError: true,
  });
}
