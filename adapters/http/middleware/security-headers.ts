import type { Middleware } from 'koa';

/** An API answers JSON: nothing it returns should ever be framed, sniffed or run as a page. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'Content-Security-Policy': API_CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-store',
    });
    ctx.remove('X-Powered-By');
    await next();
  };
}
