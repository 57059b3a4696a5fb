import { Migrator } from '@mikro-orm/migrations';
import type { Options } from '@mikro-orm/postgresql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entitySchemas } from '../../adapters/persistence/entity-schemas.js';
import { migrations } from '../../migrations/index.js';

export interface DatabaseSettings {
  readonly url: string;
  readonly poolMax: number;
}

export const MIGRATIONS_TABLE = 'schema_migrations';

/** The one place MikroORM is configured, for the server, the CLIs and the test harness alike. */
export function mikroOrmOptions(settings: DatabaseSettings): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: settings.url,
    pool: { min: 0, max: settings.poolMax },
    entities: entitySchemas,
    extensions: [Migrator],
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: migrations,
      transactional: true,
      allOrNothing: true,
      // Hand-written SQL migrations are the schema's source of truth; no generator snapshots.
      snapshot: false,
      silent: true,
    },
    // Every unit of work must be a fork or a transaction: a shared identity map would leak
    // entities between requests.
    allowGlobalContext: false,
    // Schema changes happen only through migrations, never at start-up.
    ensureDatabase: false,
    debug: false,
  };
}
