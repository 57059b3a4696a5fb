import { pino, type Logger } from 'pino';
import { loadConfig } from '../../infrastructure/config/config.js';
import { startServer, type RunningServer } from '../../infrastructure/server/start-server.js';
import { FAST_SCRYPT_COST } from './fakes/security.js';
import { workerDatabaseUrl } from './worker-database-url.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/**
 * The whole service, started the way `npm start` starts it (config from an environment,
 * migrations, seeding, a real listener on a free port) against this worker's database.
 */
export async function startTestServer(
  environment: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<RunningServer> {
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: workerDatabaseUrl(),
    DATABASE_POOL_MAX: '4',
    JWT_SECRET: TEST_JWT_SECRET,
    // Test files share a worker database and all call from 127.0.0.1: budgets that are not under
    // test are set out of reach, and the tests of the limits set their own.
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000',
    API_RATE_LIMIT: '1000000',
    WEBHOOK_REFUSALS_PER_ADDRESS: '1000000',
    ...environment,
  });
  return startServer(config, options.logger ?? pino({ level: 'silent' }), { scryptCost: FAST_SCRYPT_COST });
}
