import type { MikroORM } from '@mikro-orm/postgresql';
import type { ReadinessProbe } from '../../adapters/http/health/health.routes.js';
import { pendingMigrations } from './migrations.js';

/** Ready means: the database answers, and the schema is exactly what this build expects. */
export function createReadinessProbe(orm: MikroORM): ReadinessProbe {
  return async () => {
    const database = await orm.em
      .getConnection()
      .execute('select 1')
      .then(
        () => true,
        () => false,
      );
    const migrations = database && (await pendingMigrations(orm).then((pending) => pending.length === 0, () => false));
    return {
      ready: database && migrations,
      checks: { database: database ? 'ok' : 'failing', migrations: migrations ? 'ok' : 'failing' },
    };
  };
}
