import pg from 'pg';

/**
 * Small administrative helpers for a PostgreSQL server, used where databases are created: the
 * embedded start-up, the test harness and the benchmarks.
 */

/** The same server URL pointing at another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` on one short-lived connection (CREATE DATABASE cannot run inside a pool's transaction). */
export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
