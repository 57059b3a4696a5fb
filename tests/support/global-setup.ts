import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../infrastructure/database/migrations.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { provideDatabaseServer } from './database-server.js';
import { withAdminClient, withDatabase } from '../../infrastructure/database/postgres-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string; template: string; prefix: string };
  }
}

/**
 * Once per run: find a server, build one migrated template database, hand its name to the
 * workers (each clones it, see worker-database.ts), and drop everything this run made at the end.
 * Names carry the run's pid so parallel runs against one TEST_DATABASE_URL never collide.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => process.stderr.write(`[test-db] ${line}\n`);
  const server = await provideDatabaseServer(log);
  log(`database server: ${server.description}`);

  const prefix = `oex_t${process.pid}`;
  const template = `${prefix}_template`;
  await withAdminClient(server.adminUrl, async (client) => {
    await client.query(`drop database if exists ${pg.escapeIdentifier(template)}`);
    await client.query(`create database ${pg.escapeIdentifier(template)}`);
  });
  const orm = await MikroORM.init(mikroOrmOptions({ url: withDatabase(server.adminUrl, template), poolMax: 2 }));
  try {
    await migrateToLatest(orm);
  } finally {
    await orm.close();
  }

  project.provide('testDatabase', { adminUrl: server.adminUrl, template, prefix });

  return async () => {
    await withAdminClient(server.adminUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}\\_%`]);
      for (const { datname } of rows) {
        await client.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
      }
    });
    await server.stop();
  };
}
