import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../infrastructure/database/embedded-postgres.js';
import { freePort } from '../support/free-port.js';
import { isAlive, killLeftoverServer, postmasterPid } from '../support/postmaster.js';
import type { EmbeddedPostgres } from '../../infrastructure/database/embedded-postgres.js';

const TIMEOUT = 120_000;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const childScript = fileURLToPath(new URL('./support/start-embedded-postgres-child.ts', import.meta.url));

const tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'oex-embedded-pg-'));
const servers: EmbeddedPostgres[] = [];
const dataDirs: string[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  // A failed orphan test may leave a server whose parent is gone.
  await Promise.all(dataDirs.map(killLeftoverServer));
  await fs.rm(tempRoot, { recursive: true, force: true });
}, TIMEOUT);

describe('startEmbeddedPostgres', () => {
  it(
    'initialises a cluster, serves queries and reuses the data on the next start',
    async () => {
      const dataDir = newDataDir('reuse');
      const port = await freePort();
      const lines: string[] = [];

      const first = await start({ dataDir, port, log: (line) => lines.push(line) });
      expect(first.url).toBe(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
      expect(await query(first.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      await query(first.url, 'create table notes (body text not null)');
      await query(first.url, 'insert into notes (body) values ($1)', ['kept across restarts']);
      expect(lines.some((line) => line.includes('ready to accept connections'))).toBe(true);
      await first.stop();
      await first.stop();
      await expect(fs.access(path.join(dataDir, 'postmaster.pid'))).rejects.toThrow();

      const second = await start({ dataDir, port });
      expect(await query(second.url, 'select body from notes')).toEqual([{ body: 'kept across restarts' }]);
      await second.stop();
    },
    TIMEOUT,
  );

  it(
    'stops a server orphaned by a SIGKILLed parent and starts on the same data dir',
    async () => {
      const dataDir = newDataDir('orphan');
      const port = await freePort();
      const child = spawnChild(dataDir, port);
      const url = await waitForReady(child);
      await query(url, 'create table notes (body text not null)');
      await query(url, 'insert into notes (body) values ($1)', ['written before the crash']);
      const orphanPid = await postmasterPid(dataDir);
      // While its owner lives, a second start shares the server and its stop() leaves it running.
      const sharing = await start({ dataDir, port });
      expect(await query(sharing.url, 'select body from notes')).toEqual([{ body: 'written before the crash' }]);
      await sharing.stop();
      expect(isAlive(orphanPid)).toBe(true);

      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      expect(await query(url, 'select 1 as one')).toEqual([{ one: 1 }]);

      const lines: string[] = [];
      const server = await start({ dataDir, port, log: (line) => lines.push(line) });
      expect(lines.some((line) => line.includes(`orphaned PostgreSQL server (pid ${orphanPid})`))).toBe(true);
      expect(isAlive(orphanPid)).toBe(false);
      expect(await postmasterPid(dataDir)).not.toBe(orphanPid);
      expect(await query(server.url, 'select body from notes')).toEqual([{ body: 'written before the crash' }]);
      await server.stop();
    },
    TIMEOUT,
  );

  it(
    'starts after the server itself was SIGKILLed along with its parent',
    async () => {
      const dataDir = newDataDir('crash');
      const port = await freePort();
      const child = spawnChild(dataDir, port);
      const url = await waitForReady(child);
      await query(url, 'create table notes (body text not null)');
      await query(url, 'insert into notes (body) values ($1)', ['committed before the crash']);
      const crashedPid = await postmasterPid(dataDir);

      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(crashedPid, 'SIGKILL');
      child.kill('SIGKILL');
      await exited;
      while (isAlive(crashedPid)) await new Promise((resolve) => setTimeout(resolve, 50));

      const server = await start({ dataDir, port });
      expect(await query(server.url, 'select body from notes')).toEqual([{ body: 'committed before the crash' }]);
      await server.stop();
    },
    TIMEOUT,
  );

  it(
    'ignores a stale postmaster.pid whose process is gone or is not a server',
    async () => {
      const dataDir = newDataDir('stale');
      const port = await freePort();
      const first = await start({ dataDir, port });
      const pidFile = path.join(dataDir, 'postmaster.pid');
      const pidFileContent = await fs.readFile(pidFile, 'utf8');
      await first.stop();

      const unrelated = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
      const finished = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
      await new Promise((resolve) => finished.once('exit', resolve));
      try {
        for (const pid of [finished.pid, unrelated.pid]) {
          await fs.writeFile(pidFile, pidFileContent.replace(/^\d+/, String(pid)));
          const lines: string[] = [];
          const server = await start({ dataDir, port, log: (line) => lines.push(line) });
          expect(lines.some((line) => line.startsWith(`removing stale ${pidFile}`))).toBe(true);
          expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
          await server.stop();
        }
        expect(isAlive(unrelated.pid ?? 0)).toBe(true);
      } finally {
        unrelated.kill('SIGKILL');
      }
    },
    TIMEOUT,
  );

  it(
    'rejects with a message naming the port when the port is taken',
    async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        const attempt = start({ dataDir: newDataDir('port-taken'), port });
        await expect(attempt).rejects.toThrow(String(port));
        await expect(attempt).rejects.toThrow(/EMBEDDED_PG_PORT/);
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    },
    TIMEOUT,
  );
});

async function start(options: Parameters<typeof startEmbeddedPostgres>[0]): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres(options);
  servers.push(server);
  return server;
}

function newDataDir(name: string): string {
  const dataDir = path.join(tempRoot, name, 'data');
  dataDirs.push(dataDir);
  return dataDir;
}

async function query(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function spawnChild(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^READY (\S+)$/m.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`child exited before READY (code ${code}, signal ${signal}):\n${stdout}${stderr}`)),
    );
  });
}

