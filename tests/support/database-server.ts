import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../infrastructure/database/embedded-postgres.js';
import { freePort } from './free-port.js';

export interface DatabaseServer {
  /** A URL whose user may create databases; the path names an existing maintenance database. */
  readonly adminUrl: string;
  readonly description: string;
  stop(): Promise<void>;
}

/**
 * Where the test databases live, in order: TEST_DATABASE_URL; a PostgreSQL container when a
 * container runtime answers; otherwise an embedded PostgreSQL in a temporary directory. The last
 * is what a fresh machine with neither Docker nor a Postgres server gets.
 */
export async function provideDatabaseServer(log: (line: string) => void): Promise<DatabaseServer> {
  const configured = process.env['TEST_DATABASE_URL'];
  if (configured) {
    return { adminUrl: configured, description: 'TEST_DATABASE_URL', stop: async () => undefined };
  }
  const container = await startContainerIfRuntimeAnswers(log);
  if (container) return container;
  return startEmbedded();
}

async function startContainerIfRuntimeAnswers(log: (line: string) => void): Promise<DatabaseServer | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    log(`no container runtime (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); using embedded PostgreSQL`);
    return undefined;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:17-alpine').start();
  return {
    adminUrl: container.getConnectionUri(),
    description: 'testcontainers postgres:17-alpine',
    stop: async () => {
      await container.stop();
    },
  };
}

async function startEmbedded(): Promise<DatabaseServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'oex-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  return {
    adminUrl: server.url,
    description: `embedded PostgreSQL in ${dataDir}`,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
