import type { MikroORM } from '@mikro-orm/postgresql';
import type { Container } from 'inversify';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { createAuthenticators } from '../../adapters/http/auth/authenticators.js';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { healthRoutes } from '../../adapters/http/health/health.routes.js';
import { organizationRoutes } from '../../adapters/http/super-admin/organizations.routes.js';
import { superAdminAuthRoutes } from '../../adapters/http/super-admin/super-admin-auth.routes.js';
import type { Config } from '../config/config.js';
import { buildContainer, type ContainerOptions } from '../container/container.js';
import { TOKENS as T } from '../container/tokens.js';
import { createReadinessProbe } from '../database/readiness-probe.js';

export interface Application {
  readonly http: Koa;
  readonly container: Container;
}

export const API_INFO = {
  title: 'Outbound Engine X',
  version: '0.1.0',
  description: 'Multi-tenant outbound infrastructure API. Errors use one envelope: {detail, code, errors}.',
};

/** Wires the container and the HTTP app around an open database. Starts nothing by itself. */
export async function createApplication(
  config: Config,
  logger: Logger,
  orm: MikroORM,
  options: ContainerOptions = {},
): Promise<Application> {
  const container = buildContainer(config, logger, orm, options);
  const routes = [
    ...healthRoutes(createReadinessProbe(orm)),
    ...superAdminAuthRoutes({ loginSuperAdmin: container.get(T.LoginSuperAdmin) }),
    ...organizationRoutes({
      createOrganization: container.get(T.CreateOrganization),
      listOrganizations: container.get(T.ListOrganizations),
      getOrganization: container.get(T.GetOrganization),
      updateOrganization: container.get(T.UpdateOrganization),
      deleteOrganization: container.get(T.DeleteOrganization),
    }),
  ];
  const http = await createHttpApp({
    routes,
    authenticators: createAuthenticators({ authenticateSuperAdmin: container.get(T.AuthenticateSuperAdmin) }),
    logger,
    corsOrigins: config.http.corsOrigins,
    bodyLimit: config.http.bodyLimit,
    trustProxy: config.http.trustProxy,
    checkResponses: config.env === 'test',
    openApiInfo: API_INFO,
  });
  return { http, container };
}
