import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { httpClient } from '../support/http-client.js';
import { isAlive, killLeftoverServer, postmasterPid } from '../support/postmaster.js';

/**
 * What `npm start` does on a fresh clone: no DATABASE_URL, so the service starts the embedded
 * PostgreSQL under the data dir, migrates, seeds and serves. Then the hard cases: a SIGKILLed run
 * leaves its database server behind, and the next start must still come up on the same data.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'oex-start-'));
const dataDir = path.join(tempRoot, 'postgres');
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await killLeftoverServer(dataDir);
  await fs.rm(tempRoot, { recursive: true, force: true });
}, 60_000);

async function startService(port: number, pgPort: number): Promise<{ child: ChildProcess; output: () => string }> {
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|TEST_|VITEST|SUPER_ADMIN_)/.test(name)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'infrastructure/server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...environment,
      NODE_ENV: 'development',
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_PG_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SUPER_ADMIN_EMAIL: 'first.admin@example.test',
      SUPER_ADMIN_PASSWORD: 'first-admin-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const request = httpClient(`http://127.0.0.1:${port}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output}`);
    const ready = await request('GET', '/ready').catch(() => undefined);
    if (ready?.status === 200) return { child, output: () => output };
    if (Date.now() > deadline) throw new Error(`service not ready within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('npm start without DATABASE_URL', () => {
  it(
    'serves on embedded PostgreSQL, survives a SIGKILL, reuses its data and shuts down gracefully',
    async () => {
      const [port, pgPort] = [await freePort(), await freePort()];
      const request = httpClient(`http://127.0.0.1:${port}`);
      const credentials = { email: 'first.admin@example.test', password: 'first-admin-password' };

      const first = await startService(port, pgPort);
      expect((await request('GET', '/health')).status).toBe(200);
      const login = await request<{ access_token: string }>('POST', '/api/super-admin/login', { body: credentials });
      expect(login.status).toBe(200);
      const created = await request<{ id: string }>('POST', '/api/super-admin/organizations', {
        token: login.body.access_token,
        body: { name: 'Survives restarts', slug: 'survives-restarts' },
      });
      expect(created.status).toBe(201);

      // A crash: the service dies without shutting anything down, its database server lives on.
      const orphan = await postmasterPid(dataDir);
      first.child.kill('SIGKILL');
      await exitOf(first.child);
      expect(isAlive(orphan)).toBe(true);

      const second = await startService(port, pgPort);
      const relogin = await request<{ access_token: string }>('POST', '/api/super-admin/login', { body: credentials });
      const kept = await request('GET', `/api/super-admin/organizations/${created.body.id}`, { token: relogin.body.access_token });
      expect(kept).toMatchObject({ status: 200, body: { slug: 'survives-restarts' } });
      expect(second.output()).toContain('schema up to date');

      second.child.kill('SIGTERM');
      expect(await exitOf(second.child)).toEqual({ code: 0, signal: null });
      expect(second.output()).toContain('"msg":"stopped"');
      await expect(postmasterPid(dataDir)).rejects.toThrow();
    },
    180_000,
  );
});
