import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Logger } from 'pino';
import type { ApiThrottle } from '../../application/access/api-throttle.js';
import type { Authenticators } from './auth/authenticators.js';
import { accessLog } from './middleware/access-log.js';
import { corsAllowlist } from './middleware/cors-allowlist.js';
import { errorEnvelope } from './middleware/error-envelope.js';
import { requestId } from './middleware/request-id.js';
import { securityHeaders } from './middleware/security-headers.js';
import { apiDocsRoutes } from './openapi/api-docs.routes.js';
import { buildOpenApiDocument, type OpenApiInfo } from './openapi/openapi-document.js';
import type { AnyRoute } from './routing/route.js';
import { mountRoutes } from './routing/mount-routes.js';

export interface HttpAppOptions {
  readonly routes: readonly AnyRoute[];
  readonly authenticators: Authenticators;
  readonly throttle?: ApiThrottle;
  readonly logger: Logger;
  readonly corsOrigins: readonly string[];
  /** Largest accepted JSON body, e.g. `1mb`; larger ones get 413. */
  readonly bodyLimit: string;
  /** Honour X-Forwarded-* (only behind a proxy that sets them). */
  readonly trustProxy: boolean;
  readonly checkResponses: boolean;
  readonly openApiInfo: OpenApiInfo;
}

/** The Koa application: middleware in a fixed order, then the route table and its docs. */
export async function createHttpApp(options: HttpAppOptions): Promise<Koa> {
  const app = new Koa({ proxy: options.trustProxy });
  // errorEnvelope answers every failure itself; Koa's default stderr printer would only duplicate it.
  app.silent = true;

  const api = mountRoutes(options.routes, {
    authenticators: options.authenticators,
    throttle: options.throttle,
    checkResponses: options.checkResponses,
  });
  const docs = await apiDocsRoutes(buildOpenApiDocument(options.routes, options.openApiInfo));

  app
    .use(requestId())
    .use(accessLog(options.logger))
    .use(securityHeaders())
    .use(corsAllowlist(options.corsOrigins))
    .use(errorEnvelope(options.logger))
    .use(bodyParser({ enableTypes: ['json'], jsonLimit: options.bodyLimit, jsonStrict: true }))
    .use(api.routes())
    .use(api.allowedMethods({ throw: true }))
    .use(docs.routes())
    .use(docs.allowedMethods({ throw: true }));
  return app;
}
