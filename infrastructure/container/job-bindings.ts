import type { MikroORM } from '@mikro-orm/postgresql';
import type { Container } from 'inversify';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { createPgBoss } from '../../adapters/jobs/create-pg-boss.js';
import { PgBossBackgroundJobs } from '../../adapters/jobs/pg-boss-background-jobs.js';
import { PgBossJobRunner } from '../../adapters/jobs/pg-boss-job-runner.js';
import type { BackgroundJobs } from '../../application/shared/background-jobs.port.js';
import type { Config } from '../config/config.js';
import { TOKENS as T } from './tokens.js';

/**
 * Background jobs: one pg-boss instance per process, shared by the port use cases enqueue through
 * and the runner that the server starts (with the handlers of `infrastructure/jobs/job-registrations.ts`).
 */
export function bindJobs(container: Container, config: Config): void {
  container.bind<PgBoss>(T.PgBoss).toResolvedValue((orm: MikroORM) => {
    // The URL the ORM was opened with (DATABASE_URL, or the embedded server's), so jobs live in
    // the application database and can commit in its transactions.
    const connectionString = orm.config.get('clientUrl');
    if (!connectionString) throw new Error('background jobs need the database URL the ORM was opened with');
    return createPgBoss({ connectionString, poolMax: config.jobs.poolMax, workersEnabled: config.jobs.workersEnabled });
  }, [T.Orm]);
  container
    .bind<BackgroundJobs>(T.BackgroundJobs)
    .toResolvedValue((boss: PgBoss, orm: MikroORM) => new PgBossBackgroundJobs(boss, orm), [T.PgBoss, T.Orm]);
  container.bind<PgBossJobRunner>(T.JobRunner).toResolvedValue(
    (boss: PgBoss, logger: Logger) =>
      new PgBossJobRunner(
        boss,
        {
          workersEnabled: config.jobs.workersEnabled,
          concurrency: config.jobs.concurrency,
          pollIntervalSeconds: config.jobs.pollIntervalSeconds,
          shutdownTimeoutMs: config.http.shutdownTimeoutMs,
        },
        logger.child({ component: 'jobs' }),
      ),
    [T.PgBoss, T.Logger],
  );
}
