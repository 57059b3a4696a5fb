import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id.js';

/**
 * Gives each request a child logger carrying its request id, and writes one line per response.
 * Only method, route template, status and timing are logged: never bodies, queries or headers,
 * which may hold credentials or personal data.
 */
export function accessLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    const log = logger.child({ requestId: requestIdOf(ctx) });
    ctx.state['log'] = log;
    try {
      await next();
    } finally {
      const routeTemplate = typeof ctx['_matchedRoute'] === 'string' ? ctx['_matchedRoute'] : undefined;
      log.info(
        { method: ctx.method, route: routeTemplate ?? 'unmatched', status: ctx.status, ms: Math.round(performance.now() - started) },
        'request completed',
      );
    }
  };
}

export function requestLoggerOf(ctx: { state: Record<string, unknown> }, fallback: Logger): Logger {
  return (ctx.state['log'] as Logger | undefined) ?? fallback;
}
