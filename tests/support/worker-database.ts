import pg from 'pg';
import { inject } from 'vitest';
import { withAdminClient, withDatabase } from '../../infrastructure/database/postgres-admin.js';

/**
 * Runs before each test file, in its worker: make sure this worker's own database exists, cloned
 * from the migrated template (cheap: a file copy), and publish its URL to the tests.
 * Files in one worker run one after another, so they share the database but never concurrently.
 */
const { adminUrl, template, prefix } = inject('testDatabase');
const database = `${prefix}_w${process.env['VITEST_POOL_ID'] ?? '0'}`;

await withAdminClient(adminUrl, async (client) => {
  const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
  if (rowCount === 0) {
    await client.query(`create database ${pg.escapeIdentifier(database)} template ${pg.escapeIdentifier(template)}`);
  }
});

process.env['TEST_WORKER_DATABASE_URL'] = withDatabase(adminUrl, database);
