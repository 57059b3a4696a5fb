import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withAdminClient, withDatabase } from '../../infrastructure/database/postgres-admin.js';

export interface FreshDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A private database for a test that needs an empty world (say, no super-admin yet), cloned from
 * the migrated template unless `migrated` is false. The run's teardown drops leftovers too.
 */
export async function freshDatabase(options: { migrated?: boolean } = {}): Promise<FreshDatabase> {
  const { adminUrl, template, prefix } = inject('testDatabase');
  const name = `${prefix}_f${randomUUID().slice(0, 8)}`;
  const source = options.migrated === false ? '' : ` template ${pg.escapeIdentifier(template)}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database ${pg.escapeIdentifier(name)}${source}`));
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      await withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));
    },
  };
}
