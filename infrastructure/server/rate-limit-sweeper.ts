import type { Logger } from 'pino';
import type { RateLimiter } from '../../application/access/rate-limiter.port.js';
import type { Clock } from '../../application/shared/clock.port.js';

/** Buckets untouched for a day belong to windows long over; longer configured windows are capped by config at a day. */
const KEEP_MS = 24 * 3600 * 1000;
const EVERY_MS = 10 * 60 * 1000;

/**
 * Deletes rate-limit buckets whose window ended long ago, so the table holds roughly the callers
 * of the last day rather than everyone ever seen. Several processes may sweep at once; the
 * DELETE is idempotent.
 */
export function startRateLimitSweeper(limiter: RateLimiter, clock: Clock, logger: Logger): { stop(): void } {
  const sweep = async () => {
    try {
      const removed = await limiter.pruneStartedBefore(new Date(clock.now().getTime() - KEEP_MS));
      if (removed) logger.debug({ removed }, 'expired rate-limit buckets removed');
    } catch (error) {
      logger.warn({ err: { type: (error as Error).name } }, 'rate-limit sweep failed; retrying on the next tick');
    }
  };
  const timer = setInterval(() => void sweep(), EVERY_MS);
  // Housekeeping never keeps the process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
