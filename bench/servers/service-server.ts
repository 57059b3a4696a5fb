// Child-process entry (see ../harness/child-server.ts): the real Outbound Engine X, started the way
// `npm start` starts it — config parsed by loadConfig, migrations, default (production) scrypt
// cost, a real listener — plus one super-admin created through the container.
import { pino } from 'pino';
import type { CreateSuperAdmin } from '../../application/identity/create-super-admin.js';
import { loadConfig } from '../../infrastructure/config/config.js';
import { TOKENS } from '../../infrastructure/container/tokens.js';
import { startServer } from '../../infrastructure/server/start-server.js';
import { serveFromChild } from '../harness/child-server.js';

export interface ServiceServerParameters {
  readonly databaseUrl: string;
  readonly poolMax: number;
  readonly jwtSecret: string;
  readonly superAdmin: { readonly email: string; readonly password: string };
  /**
   * Further variables on top of the fixed ones, e.g. provider base URLs pointing at a simulator
   * and generous pacing (the lead-import scenario). Never the developer's environment.
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** Server log level, to stderr; default silent. 'warn' shows failed jobs and provider trouble. */
  readonly logLevel?: 'silent' | 'warn' | 'error';
}

serveFromChild<ServiceServerParameters>(async ({ databaseUrl, poolMax, jwtSecret, superAdmin, environment = {}, logLevel = 'silent' }) => {
  // An explicit environment, never process.env: no DATABASE_URL or .env of the developer's leaks in.
  const config = loadConfig({
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: String(poolMax),
    LOG_LEVEL: logLevel,
    JWT_SECRET: jwtSecret,
    // The per-principal budget still costs its upsert on every request, but must not refuse the
    // load generator, which sends everything with one token.
    API_RATE_LIMIT: '1000000',
    ...environment,
  });
  const server = await startServer(config, pino({ level: logLevel }, pino.destination(2)));
  try {
    await server.application.container.get<CreateSuperAdmin>(TOKENS.CreateSuperAdmin).execute({
      context: { actor: { type: 'system' }, requestId: 'bench' },
      email: superAdmin.email,
      password: superAdmin.password,
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
});
