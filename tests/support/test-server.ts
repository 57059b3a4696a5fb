import { pino } from 'pino';
import { loadConfig } from '../../infrastructure/config/config.js';
import { startServer, type RunningServer } from '../../infrastructure/server/start-server.js';
import { FAST_SCRYPT_COST } from './fakes/security.js';
import { workerDatabaseUrl } from './worker-database-url.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/**
 * The whole service, started the way `npm start` starts it (config from an environment,
 * migrations, seeding, a real listener on a free port) against this worker's database.
 */
export async function startTestServer(environment: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: workerDatabaseUrl(),
    DATABASE_POOL_MAX: '4',
    JWT_SECRET: TEST_JWT_SECRET,
    ...environment,
  });
  return startServer(config, pino({ level: 'silent' }), { scryptCost: FAST_SCRYPT_COST });
}
