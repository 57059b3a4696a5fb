import { PgBoss } from 'pg-boss';

/** pg-boss keeps its tables in a schema of their own, beside ours in the application database. */
export const PG_BOSS_SCHEMA = 'pgboss';

export interface PgBossSettings {
  /** The application's database: jobs must commit in the same transactions as the data they are about. */
  readonly connectionString: string;
  /** pg-boss's own pool, for fetching, settling and maintenance; handlers use the application's pool. */
  readonly poolMax: number;
  /**
   * Whether this process runs workers. Maintenance (expiring stuck jobs, retention, queue stats)
   * and schedules run where workers run; a process that only enqueues leaves them to those.
   */
  readonly workersEnabled: boolean;
}

export function createPgBoss(settings: PgBossSettings): PgBoss {
  return new PgBoss({
    connectionString: settings.connectionString,
    schema: PG_BOSS_SCHEMA,
    max: settings.poolMax,
    // Tells pg-boss's sessions apart from the application's in pg_stat_activity.
    application_name: 'outbound-engine-x-jobs',
    // pg-boss installs or upgrades its schema on start, under an advisory lock, so processes
    // starting together do not race; our migrations never touch the `pgboss` schema.
    migrate: true,
    supervise: settings.workersEnabled,
    schedule: settings.workersEnabled,
  });
}
