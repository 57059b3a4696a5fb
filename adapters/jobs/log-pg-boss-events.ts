import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { describeJobFailure, stackFrames } from './job-failure-description.js';

/**
 * Sends pg-boss's own `error` and `warning` events to our logger. pg-boss never logs by itself,
 * and an `error` event nobody listens to would crash the process (EventEmitter semantics), so
 * this must be attached before `start()`.
 *
 * Only what is safe goes out: an error's type, code, message (not for database errors) and stack
 * frames, plus the queue it concerns; a warning's text, which pg-boss builds from counts and
 * queue, table or index names. The rest of the event — job data, SQL text and its values (a
 * slow-query warning carries both) — is dropped.
 */
export function logPgBossEvents(boss: PgBoss, logger: Logger): void {
  boss.on('error', (error) => {
    const { queue } = error as { queue?: unknown };
    logger.error(
      { ...(typeof queue === 'string' ? { queue } : {}), err: { ...describeJobFailure(error), stack: stackFrames(error) } },
      'background jobs: pg-boss error',
    );
  });
  boss.on('warning', (warning) => {
    logger.warn({ detail: warning.message }, 'background jobs: pg-boss warning');
  });
}
