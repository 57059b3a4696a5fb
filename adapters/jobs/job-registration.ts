import type { JobPayload } from '../../application/shared/background-jobs.port.js';

/** Which job a handler is running; `attempt` is 1 on the first run, 2 on the first retry, and so on. */
export interface JobContext {
  readonly jobId: string;
  readonly attempt: number;
  /** No retry follows if this attempt fails (by the retry limit the job was sent with). */
  readonly lastAttempt: boolean;
  /**
   * Aborted when the process stops and the handler outlives the shutdown deadline: the attempt has
   * then already been failed (and will be retried), so a long handler should give up at its next
   * safe point.
   */
  readonly signal: AbortSignal;
}

/**
 * Does one job. Resolving completes it; throwing fails this attempt, and the queue's retry policy
 * decides whether it runs again. The payload comes back from the database as JSON, possibly
 * written by an older release: parse it before trusting its shape. A job can run more than once
 * (a retry after a crash mid-handler), so handlers must be idempotent.
 */
export type JobHandler = (payload: JobPayload, context: JobContext) => Promise<void>;

/**
 * How pg-boss treats a queue's jobs. Set by the code on every start (the queue row is updated to
 * match), so a changed policy needs a deploy, not a migration — except `policy`, which pg-boss
 * fixes when the queue is first created.
 */
export interface JobQueueOptions {
  /** Retries after the first attempt; then the job ends `failed`. Default 3. */
  readonly retryLimit?: number;
  /** Seconds before a retry. Default 5. */
  readonly retryDelaySeconds?: number;
  /** Doubles the delay on every retry (with jitter). Default true. */
  readonly retryBackoff?: boolean;
  /** Cap on a backed-off delay, in seconds (only with `retryBackoff`). Default 300. */
  readonly retryDelayMaxSeconds?: number;
  /** Queue that receives a copy of each job that fails its last attempt. Created if missing. */
  readonly deadLetter?: string;
  /** A handler running longer than this counts as failed (and is retried). Default 900. */
  readonly expireInSeconds?: number;
  /**
   * `standard` (default): no deduplication. `short`: at most one waiting job per singleton key.
   * `exclusive`: at most one waiting or running job per singleton key. `singleton`: at most one
   * running job per key, any number waiting.
   */
  readonly policy?: 'standard' | 'short' | 'exclusive' | 'singleton';
  /** Handlers of this queue running at once in this process. Default: JOBS_CONCURRENCY. */
  readonly concurrency?: number;
  /**
   * Jobs each fetch takes, run together. Short jobs (a webhook projection) want several: a worker
   * that found a full batch fetches again at once instead of waiting a poll interval. Default 1.
   */
  readonly batchSize?: number;
  /**
   * How soon an idle worker of this queue sees a new job, in seconds (pg-boss's floor: 0.5).
   * Default: JOBS_POLL_INTERVAL_SECONDS.
   */
  readonly pollIntervalSeconds?: number;
}

/** One queue and its handler, as the composition root declares it (`infrastructure/jobs/job-registrations.ts`). */
export interface JobRegistration {
  readonly queue: string;
  readonly handler: JobHandler;
  readonly options?: JobQueueOptions;
}
