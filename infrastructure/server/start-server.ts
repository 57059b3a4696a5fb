import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { PgBossJobRunner } from '../../adapters/jobs/pg-boss-job-runner.js';
import type { SeedFirstSuperAdmin } from '../../application/identity/seed-first-super-admin.js';
import type { Config } from '../config/config.js';
import { TOKENS as T } from '../container/tokens.js';
import type { ContainerOptions } from '../container/container.js';
import { migrateToLatest } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { jobRegistrations } from '../jobs/job-registrations.js';
import { createApplication, type Application } from './create-application.js';
import { startRateLimitSweeper } from './rate-limit-sweeper.js';

export interface RunningServer {
  readonly url: string;
  readonly application: Application;
  /** Graceful: stop accepting, let in-flight requests finish (bounded), then release the database. */
  close(): Promise<void>;
}

/** Database (external or embedded) → migrations → seed → background jobs → HTTP listener. */
export async function startServer(config: Config, logger: Logger, options: ContainerOptions = {}): Promise<RunningServer> {
  if (config.auth.jwtSecretIsDevDefault) {
    logger.warn('JWT_SECRET is not set: using the insecure development secret (refused when NODE_ENV=production)');
  }
  if (config.credentialKeys.isDevDefault) {
    logger.warn('CREDENTIAL_KEYS is not set: provider credentials are sealed with the insecure development key (refused when NODE_ENV=production)');
  }
  const database = await openDatabase(config, logger);
  let startedJobs: PgBossJobRunner | undefined;
  try {
    if (config.database.migrateOnStart) {
      const applied = await migrateToLatest(database.orm);
      logger.info({ applied }, applied.length ? 'migrations applied' : 'schema up to date');
    }
    const application = await createApplication(config, logger, database.orm, options);
    await seedSuperAdmin(config, logger, application);
    // Before the listener: requests may enqueue, which needs pg-boss started and the queues declared.
    const jobs = application.container.get<PgBossJobRunner>(T.JobRunner);
    startedJobs = jobs;
    await jobs.start(jobRegistrations(application.container));

    const server = application.http.listen(config.http.port, config.http.host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const sweeper = startRateLimitSweeper(application.container.get(T.RateLimiter), application.container.get(T.Clock), logger);
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.http.host}:${port}`;
    logger.info({ url, docs: `${url}/docs` }, 'listening');

    return {
      url,
      application,
      close: async () => {
        sweeper.stop();
        await closeHttp(server, config.http.shutdownTimeoutMs, logger);
        // After the requests (they may still enqueue), before the database (handlers use it).
        await jobs.stop();
        await database.close();
      },
    };
  } catch (error) {
    await startedJobs?.stop();
    await database.close();
    throw error;
  }
}

async function seedSuperAdmin(config: Config, logger: Logger, application: Application): Promise<void> {
  if (!config.seedSuperAdmin) return;
  const outcome = await application.container.get<SeedFirstSuperAdmin>(T.SeedFirstSuperAdmin).execute({
    context: { actor: { type: 'system' }, requestId: 'startup-seed' },
    ...config.seedSuperAdmin,
  });
  logger.info(
    outcome === 'created'
      ? 'first super-admin created from SUPER_ADMIN_EMAIL'
      : 'a super-admin already exists; SUPER_ADMIN_EMAIL/SUPER_ADMIN_PASSWORD ignored',
  );
}

async function closeHttp(server: Server, timeoutMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive sockets would hold close() open forever; busy ones get until the deadline.
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  if ((await Promise.race([closed, deadline])) === 'timeout') {
    logger.warn({ timeoutMs }, 'in-flight requests outlived the shutdown deadline; closing their connections');
    server.closeAllConnections();
    await closed;
  }
  clearTimeout(timer);
}
