import type { JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { JobPayload } from '../../application/shared/background-jobs.port.js';
import { describeJobFailure, stackFrames } from './job-failure-description.js';
import type { JobQueueOptions, JobRegistration } from './job-registration.js';
import { logPgBossEvents } from './log-pg-boss-events.js';

export interface JobRunnerSettings {
  /** Run handlers in this process. False: only declare the queues, so this process can enqueue. */
  readonly workersEnabled: boolean;
  /** Handlers per queue running at once, unless a registration says otherwise. */
  readonly concurrency: number;
  /** How often an idle worker looks for new jobs. */
  readonly pollIntervalSeconds: number;
  /** How long `stop()` waits for running handlers before failing their attempts (they are retried later). */
  readonly shutdownTimeoutMs: number;
}

/** The retry policy a queue gets when its registration leaves it out. */
const QUEUE_DEFAULTS = {
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
  retryDelayMaxSeconds: 300,
  expireInSeconds: 900,
} as const;

/**
 * Starts and stops pg-boss for this process: declares every registered queue (and its dead-letter
 * queue) with its retry policy, and, when workers are enabled, runs each queue's handler.
 */
export class PgBossJobRunner {
  constructor(
    private readonly boss: PgBoss,
    private readonly settings: JobRunnerSettings,
    private readonly logger: Logger,
  ) {
    logPgBossEvents(boss, logger);
  }

  async start(registrations: readonly JobRegistration[]): Promise<void> {
    const duplicate = registrations.find((registration, index) => registrations.findIndex((other) => other.queue === registration.queue) !== index);
    if (duplicate) throw new Error(`job queue '${duplicate.queue}' is registered twice`);

    await this.boss.start();
    try {
      await this.declareQueues(registrations);
      if (this.settings.workersEnabled) {
        for (const registration of registrations) await this.work(registration);
      }
    } catch (error) {
      await this.boss.stop({ graceful: false });
      throw error;
    }
    this.logger.info(
      { queues: registrations.map((registration) => registration.queue), workers: this.settings.workersEnabled },
      this.settings.workersEnabled ? 'background job workers started' : 'background jobs: enqueue only (JOBS_ENABLED=false)',
    );
  }

  /**
   * Stops fetching, waits up to the shutdown deadline for running handlers, then fails the
   * attempts still running (they are retried after a restart) and closes pg-boss's pool.
   */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: this.settings.shutdownTimeoutMs });
  }

  private async declareQueues(registrations: readonly JobRegistration[]): Promise<void> {
    const optionsByQueue = new Map(registrations.map((registration) => [registration.queue, registration.options ?? {}]));
    const declared = new Set<string>();
    const declare = async (queue: string): Promise<void> => {
      if (declared.has(queue)) return;
      declared.add(queue);
      const options = optionsByQueue.get(queue) ?? {};
      // pg-boss refuses a dead-letter queue that does not exist yet.
      if (options.deadLetter) await declare(options.deadLetter);
      const { retryDelayMax, ...policy } = retryPolicyOf(options);
      const queuePolicy = options.policy ?? 'standard';
      await this.boss.createQueue(queue, {
        policy: queuePolicy,
        ...policy,
        ...(retryDelayMax === null ? {} : { retryDelayMax }),
        ...(options.deadLetter ? { deadLetter: options.deadLetter } : {}),
      });
      // createQueue leaves an existing queue as it was: bring it in line with the code, so a
      // changed retry policy takes effect with the next deploy.
      await this.boss.updateQueue(queue, { ...policy, retryDelayMax, deadLetter: options.deadLetter ?? null });
      // Except the policy, which pg-boss never changes: say so rather than dedupe differently than the code reads.
      const stored = await this.boss.getQueue(queue);
      if (stored && stored.policy !== queuePolicy) {
        this.logger.warn(
          { queue, policy: stored.policy, registeredPolicy: queuePolicy },
          'job queue keeps the policy it was created with; to change it, drain the queue and delete it (it is recreated on the next start) or use a new queue name',
        );
      }
    };
    for (const registration of registrations) await declare(registration.queue);
  }

  private async work(registration: JobRegistration): Promise<void> {
    await this.boss.work(
      registration.queue,
      {
        // `concurrency` fetchers of `batchSize` jobs each (one by default: a slow job never holds
        // others back); every job is settled on its own.
        batchSize: registration.options?.batchSize ?? 1,
        localConcurrency: registration.options?.concurrency ?? this.settings.concurrency,
        pollingIntervalSeconds: registration.options?.pollIntervalSeconds ?? this.settings.pollIntervalSeconds,
        // pg-boss otherwise waits a whole poll interval after every fetch, even one that found
        // work: a backlog would drain at concurrency ÷ interval jobs per second (1/s by default).
        // A fetch that came back full, with more than one job ready, fetches again at once.
        burstWhenReadyExceeds: 1,
        burstWhenBatchFull: true,
        perJobResults: true,
        // For the job's own retry limit: it was set when the job was sent, maybe under an older policy.
        includeMetadata: true,
      },
      (jobs: JobWithMetadata<JobPayload>[]) => Promise.all(jobs.map((job) => this.run(registration, job))),
    );
  }

  /**
   * Runs one attempt and settles it. A failure is stored on the job (what the error may safely
   * say, not the error itself) and the queue's retry policy takes over.
   */
  private async run(registration: JobRegistration, job: JobWithMetadata<JobPayload>): Promise<JobResult> {
    const attempt = job.retryCount + 1;
    const lastAttempt = job.retryCount >= job.retryLimit;
    try {
      await registration.handler(job.data ?? {}, { jobId: job.id, attempt, lastAttempt, signal: job.signal });
      return { id: job.id, status: 'completed' };
    } catch (error) {
      const failure = describeJobFailure(error);
      this.logger[lastAttempt ? 'error' : 'warn'](
        {
          queue: registration.queue,
          jobId: job.id,
          attempt,
          ...(lastAttempt && registration.options?.deadLetter ? { deadLetter: registration.options.deadLetter } : {}),
          err: { ...failure, stack: stackFrames(error) },
        },
        lastAttempt ? 'background job failed on its last attempt' : 'background job attempt failed; it will be retried',
      );
      return { id: job.id, status: 'failed', output: { error: failure } };
    }
  }
}

function retryPolicyOf(options: JobQueueOptions) {
  const retryBackoff = options.retryBackoff ?? QUEUE_DEFAULTS.retryBackoff;
  return {
    retryLimit: options.retryLimit ?? QUEUE_DEFAULTS.retryLimit,
    retryDelay: options.retryDelaySeconds ?? QUEUE_DEFAULTS.retryDelaySeconds,
    retryBackoff,
    // pg-boss accepts a cap only on a backed-off delay (null clears one left from an earlier policy).
    retryDelayMax: retryBackoff ? (options.retryDelayMaxSeconds ?? QUEUE_DEFAULTS.retryDelayMaxSeconds) : null,
    expireInSeconds: options.expireInSeconds ?? QUEUE_DEFAULTS.expireInSeconds,
  };
}
