// Runs an HTTP server under test in a child process, so the load generator (autocannon, in the
// parent) never shares an event loop with it. Both halves of the small IPC protocol live here:
//
//   parent → child  { type: 'start', parameters }   child starts the server
//   child → parent  { type: 'ready', url }           or { type: 'failed', message }
//   parent → child  { type: 'stop' }                 child closes the server and exits
//
// Parameters travel over IPC rather than argv so secrets never show up in `ps`. A child whose
// parent disappears (IPC disconnect) closes its server and exits on its own.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  readonly url: string;
  /** Graceful stop; kills the child if it has not exited within the grace period. */
  stop(): Promise<void>;
}

export interface StartedServer {
  readonly url: string;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

type ParentMessage = { type: 'start'; parameters: unknown } | { type: 'stop' };
type ChildMessage = { type: 'ready'; url: string } | { type: 'failed'; message: string };

/** Parent side: forks `entry` (a module that calls serveFromChild) and waits until it listens. */
export async function forkServer(name: string, entry: URL, parameters: unknown): Promise<ChildServer> {
  const child = fork(fileURLToPath(entry), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  try {
    const url = await waitUntilReady(name, child, parameters);
    let stopping: Promise<void> | undefined;
    return { url, stop: () => (stopping ??= stopChild(child, exited)) };
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
}

function waitUntilReady(name: string, child: ChildProcess, parameters: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onMessage = (message: unknown): void => {
      if (!isChildMessage(message)) return;
      settle(message.type === 'ready' ? message.url : new Error(`${name} failed to start: ${message.message}`));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      settle(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
    const onError = (error: Error): void => settle(error);
    function settle(outcome: string | Error): void {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
    child.on('message', onMessage).on('exit', onExit).on('error', onError);
    send(child, { type: 'start', parameters });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.connected) send(child, { type: 'stop' });
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_GRACE_MS);
  });
  if ((await Promise.race([exited, graceOver])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

function send(child: ChildProcess, message: ParentMessage): void {
  child.send(message);
}

function isChildMessage(message: unknown): message is ChildMessage {
  if (typeof message !== 'object' || message === null || !('type' in message)) return false;
  return (
    (message.type === 'ready' && 'url' in message && typeof message.url === 'string') ||
    (message.type === 'failed' && 'message' in message && typeof message.message === 'string')
  );
}

/**
 * Child side: the entry module's only statement. `start` receives the parameters the parent passed
 * to forkServer; the caller vouches for their shape, as both ends are this benchmark's own code.
 */
export function serveFromChild<Parameters>(start: (parameters: Parameters) => Promise<StartedServer>): void {
  let server: StartedServer | undefined;
  let closing = false;

  const shutDown = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    try {
      await server?.close();
    } finally {
      process.exit(0);
    }
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') {
      void shutDown();
      return;
    }
    if (message.type !== 'start' || server) return;
    start(message.parameters as Parameters).then(
      (started) => {
        server = started;
        reply({ type: 'ready', url: started.url });
      },
      (error: unknown) => {
        const failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
        reply({ type: 'failed', message: failure }, () => process.exit(1));
      },
    );
  });
  process.on('disconnect', () => void shutDown());
}

function reply(message: ChildMessage, then?: () => void): void {
  if (process.send) process.send(message, undefined, {}, () => then?.());
  else then?.();
}
