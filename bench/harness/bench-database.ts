import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../infrastructure/database/embedded-postgres.js';
import { withAdminClient, withDatabase } from '../../infrastructure/database/postgres-admin.js';

/** A throw-away PostgreSQL cluster: fresh temp dir, free port, gone after stop(). */
export interface BenchDatabase {
  /** Creates an empty database; answers a URL to it. */
  createDatabase(name: string): Promise<string>;
  /** e.g. "17.6" */
  serverVersion(): Promise<string>;
  stop(): Promise<void>;
}

/** Never the default PostgreSQL port, so a developer's own server cannot be touched by accident. */
const FORBIDDEN_PORT = 5432;

export async function startBenchDatabase(): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'oex-bench-pg-'));
  let server;
  try {
    server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const adminUrl = server.url;
  const stopServer = server.stop;

  const withAdmin = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => withAdminClient(adminUrl, work);

  let stopping: Promise<void> | undefined;
  return {
    createDatabase: (name) =>
      withAdmin(async (client) => {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        return withDatabase(adminUrl, name);
      }),
    serverVersion: () =>
      withAdmin(async (client) => {
        const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
        return rows[0]?.server_version ?? 'unknown';
      }),
    stop: () =>
      (stopping ??= (async () => {
        try {
          await stopServer();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      })()),
  };
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = net.createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const { port: chosen } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(chosen));
      });
    });
    if (port !== FORBIDDEN_PORT) return port;
  }
}
