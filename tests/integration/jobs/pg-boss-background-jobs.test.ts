import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPgBoss } from '../../../adapters/jobs/create-pg-boss.js';
import type { JobContext, JobRegistration } from '../../../adapters/jobs/job-registration.js';
import { PgBossBackgroundJobs } from '../../../adapters/jobs/pg-boss-background-jobs.js';
import { PgBossJobRunner } from '../../../adapters/jobs/pg-boss-job-runner.js';
import { entityManagerFor } from '../../../adapters/persistence/shared/entity-manager.js';
import { MikroOrmTransactionRunner } from '../../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import type { JobPayload } from '../../../application/shared/background-jobs.port.js';
import { mikroOrmOptions } from '../../../infrastructure/database/mikro-orm-options.js';
import { createLogger } from '../../../infrastructure/logging/logger.js';
import { workerDatabaseUrl } from '../../support/worker-database-url.js';
import { waitUntil } from './wait-until.js';

let orm: MikroORM;
let transactions: MikroOrmTransactionRunner;
const logLines: string[] = [];
const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
/** Every runner a test starts; stopped after it, so a failed test leaves no worker polling. */
const running: PgBossJobRunner[] = [];

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  transactions = new MikroOrmTransactionRunner(orm);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((runner) => runner.stop()));
});

afterAll(async () => {
  await orm?.close();
});

/** Queue names are unique per test: test files in a worker share its database and its pg-boss schema. */
function queueName(purpose: string): string {
  return `test-${purpose}-${randomUUID().slice(0, 8)}`;
}

interface Process {
  readonly boss: PgBoss;
  readonly runner: PgBossJobRunner;
  readonly jobs: PgBossBackgroundJobs;
}

/** What a service process holds: one pg-boss, the runner started on it, and the port over it. */
async function startProcess(
  registrations: JobRegistration[],
  settings: { workersEnabled?: boolean; shutdownTimeoutMs?: number } = {},
): Promise<Process> {
  const workersEnabled = settings.workersEnabled ?? true;
  const boss = createPgBoss({ connectionString: workerDatabaseUrl(), poolMax: 3, workersEnabled });
  const runner = new PgBossJobRunner(
    boss,
    { workersEnabled, concurrency: 1, pollIntervalSeconds: 0.5, shutdownTimeoutMs: settings.shutdownTimeoutMs ?? 10_000 },
    logger,
  );
  running.push(runner);
  await runner.start(registrations);
  return { boss, runner, jobs: new PgBossBackgroundJobs(boss, orm) };
}

async function jobsIn(boss: PgBoss, queue: string): Promise<JobWithMetadata<JobPayload>[]> {
  return boss.findJobs<JobPayload>(queue);
}

async function settledJob(boss: PgBoss, queue: string): Promise<JobWithMetadata<JobPayload>> {
  return waitUntil(`a settled job in ${queue}`, async () => {
    const [job] = await jobsIn(boss, queue);
    return job && (job.state === 'completed' || job.state === 'failed') ? job : undefined;
  });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('PgBossBackgroundJobs inside TransactionRunner.run', () => {
  it('writes the job in the transaction: a rollback leaves no job, a commit runs it exactly once with its payload', async () => {
    const queue = queueName('tx');
    const handled: { payload: JobPayload; context: JobContext }[] = [];
    const { boss, jobs } = await startProcess([{ queue, handler: async (payload, context) => void handled.push({ payload, context }) }]);

    await expect(
      transactions.run(async () => {
        await jobs.enqueue(queue, { marker: 'rolled back' });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');

    let visibleBeforeCommit: number | undefined;
    await transactions.run(async () => {
      expect(await jobs.enqueue(queue, { marker: 'committed', nested: { ids: [1, 2] } })).toBe('enqueued');
      // pg-boss's own connections cannot see the job until the use case's transaction commits.
      visibleBeforeCommit = (await jobsIn(boss, queue)).length;
    });
    expect(visibleBeforeCommit).toBe(0);

    const job = await settledJob(boss, queue);
    expect(job.state).toBe('completed');
    expect(job.retryCount).toBe(0);
    expect(await jobsIn(boss, queue)).toHaveLength(1);
    expect(handled).toEqual([{ payload: { marker: 'committed', nested: { ids: [1, 2] } }, context: expect.objectContaining({ jobId: job.id, attempt: 1 }) }]);
  });

  it('follows a nested run that rolls back while the outer one commits', async () => {
    const queue = queueName('nested');
    const { boss, jobs } = await startProcess([{ queue, handler: async () => undefined }], { workersEnabled: false });

    await transactions.run(async () => {
      await jobs.enqueue(queue, { marker: 'outer' });
      await expect(
        transactions.run(async () => {
          await jobs.enqueue(queue, { marker: 'inner' });
          throw new Error('inner step failed');
        }),
      ).rejects.toThrow('inner step failed');
    });

    expect((await jobsIn(boss, queue)).map((job) => job.data)).toEqual([{ marker: 'outer' }]);
  });

  it('outside a transaction, writes the job at once', async () => {
    const queue = queueName('direct');
    const { boss, jobs } = await startProcess([{ queue, handler: async () => undefined }], { workersEnabled: false });

    expect(await jobs.enqueue(queue, { marker: 'direct' })).toBe('enqueued');

    expect((await jobsIn(boss, queue)).map((job) => [job.data, job.state])).toEqual([[{ marker: 'direct' }, 'created']]);
  });

  it('refuses a queue that no registration declares', async () => {
    const { jobs } = await startProcess([]);

    await expect(jobs.enqueue(queueName('unknown'), {})).rejects.toThrow(/does not exist/);
  });
});

describe('PgBossJobRunner retries', () => {
  it('retries a handler that throws until it succeeds', async () => {
    const queue = queueName('retry');
    const attempts: [number, boolean][] = [];
    const { boss, jobs } = await startProcess([
      {
        queue,
        handler: async (_payload, { attempt, lastAttempt }) => {
          attempts.push([attempt, lastAttempt]);
          if (attempt < 3) throw new Error(`transient failure on attempt ${attempt}`);
        },
        options: { retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false },
      },
    ]);

    await jobs.enqueue(queue, { marker: 'flaky' });

    const job = await settledJob(boss, queue);
    expect(job.state).toBe('completed');
    expect(job.retryCount).toBe(2);
    expect(attempts).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('after the last retry ends the job failed, with a safe description of the error, and copies it to the dead-letter queue', async () => {
    const queue = queueName('exhaust');
    const deadLetter = queueName('dead');
    let attempts = 0;
    const { boss, jobs } = await startProcess([
      {
        queue,
        handler: async () => {
          attempts += 1;
          throw new TypeError('the handler always fails');
        },
        options: { retryLimit: 1, retryDelaySeconds: 0, retryBackoff: false, deadLetter },
      },
    ]);

    await jobs.enqueue(queue, { marker: 'doomed' });

    const job = await settledJob(boss, queue);
    expect(job.state).toBe('failed');
    expect(job.retryCount).toBe(1);
    expect(attempts).toBe(2);
    expect(job.output).toEqual({ error: { type: 'TypeError', message: 'the handler always fails' } });
    const [letter, ...others] = await waitUntil('the dead letter', async () => {
      const letters = await jobsIn(boss, deadLetter);
      return letters.length ? letters : undefined;
    });
    expect(others).toEqual([]);
    expect(letter?.data).toEqual({ marker: 'doomed' });
    expect(letter?.sourceId).toBe(job.id);
  });

  it('keeps database error messages, which carry statement values, out of logs and job output', async () => {
    const queue = queueName('db-error');
    const secret = `lead-${randomUUID()}@example.com`;
    const { boss, jobs } = await startProcess([
      {
        queue,
        handler: async (payload) => {
          // Fails with the value in the driver's message: invalid input syntax for type uuid: "lead-…".
          await entityManagerFor(orm).execute('select ?::uuid', [payload['email'] as string]);
        },
        options: { retryLimit: 0 },
      },
    ]);

    await jobs.enqueue(queue, { email: secret });

    const job = await settledJob(boss, queue);
    expect(job.state).toBe('failed');
    expect(job.output).toEqual({ error: { type: expect.any(String), code: '22P02' } });
    const failureLines = logLines.filter((line) => line.includes(job.id));
    expect(failureLines).toHaveLength(1);
    expect(JSON.parse(failureLines[0] ?? '{}')).toMatchObject({ level: 50, queue, attempt: 1, err: { code: '22P02' } });
    expect(logLines.join('\n')).not.toContain(secret);
  });
});

describe('PgBossJobRunner stop and restart', () => {
  it('stop() waits for a running handler, which completes its job', async () => {
    const queue = queueName('graceful');
    const started = deferred();
    const release = deferred();
    let finished = false;
    const { boss, runner, jobs } = await startProcess([
      {
        queue,
        handler: async () => {
          started.resolve();
          await release.promise;
          finished = true;
        },
      },
    ]);
    await jobs.enqueue(queue, { marker: 'in flight' });
    await started.promise;

    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await waitUntil('the worker to be stopping', () => boss.getWipData().some((worker) => worker.name === queue && worker.state === 'stopping'));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;

    expect(finished).toBe(true);
    const checker = await startProcess([{ queue, handler: async () => undefined }], { workersEnabled: false });
    expect((await jobsIn(checker.boss, queue)).map((job) => job.state)).toEqual(['completed']);
  });

  it('loses nothing across a stop: a job enqueued while no worker runs is done by the next runner', async () => {
    const queue = queueName('restart');
    const handled: JobPayload[] = [];
    const registration: JobRegistration = { queue, handler: async (payload) => void handled.push(payload) };
    const first = await startProcess([registration]);
    await first.runner.stop();

    // An HTTP-only process (JOBS_ENABLED=false) enqueues while no worker is running.
    const web = await startProcess([registration], { workersEnabled: false });
    await transactions.run(() => web.jobs.enqueue(queue, { marker: 'while stopped' }));
    expect((await jobsIn(web.boss, queue)).map((job) => job.state)).toEqual(['created']);
    expect(handled).toEqual([]);

    const second = await startProcess([registration]);
    const job = await settledJob(second.boss, queue);
    expect(job.state).toBe('completed');
    expect(handled).toEqual([{ marker: 'while stopped' }]);
  });

  it('fails a handler that outlives the shutdown deadline, aborting its signal, and the next runner retries it', async () => {
    const queue = queueName('deadline');
    const started = deferred();
    const aborted = deferred();
    const options = { retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false };
    const first = await startProcess(
      [
        {
          queue,
          handler: async (_payload, { signal }) => {
            started.resolve();
            signal.addEventListener('abort', () => aborted.resolve());
            await aborted.promise;
            throw new Error('gave up on shutdown');
          },
          options,
        },
      ],
      { shutdownTimeoutMs: 1_000 },
    );
    await first.jobs.enqueue(queue, { marker: 'long' });
    await started.promise;
    await first.runner.stop();
    await aborted.promise;

    const attempts: number[] = [];
    const second = await startProcess([{ queue, handler: async (_payload, { attempt }) => void attempts.push(attempt), options }]);
    const job = await settledJob(second.boss, queue);
    expect(job.state).toBe('completed');
    expect(attempts).toEqual([2]);
  });
});

describe('singleton keys', () => {
  it('dedupe on an exclusive queue, per key, inside and outside transactions', async () => {
    const queue = queueName('exclusive');
    const { boss, jobs } = await startProcess([{ queue, handler: async () => undefined, options: { policy: 'exclusive' } }], {
      workersEnabled: false,
    });

    expect(await jobs.enqueue(queue, { n: 1 }, { singletonKey: 'campaign-1' })).toBe('enqueued');
    expect(await transactions.run(() => jobs.enqueue(queue, { n: 2 }, { singletonKey: 'campaign-1' }))).toBe('duplicate');
    expect(await jobs.enqueue(queue, { n: 3 }, { singletonKey: 'campaign-2' })).toBe('enqueued');

    expect((await jobsIn(boss, queue)).map((job) => job.data).sort((a, b) => Number(a['n']) - Number(b['n']))).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('warn when the code asks for another policy than the queue was created with, which pg-boss cannot change', async () => {
    const queue = queueName('policy');
    await startProcess([{ queue, handler: async () => undefined }], { workersEnabled: false });

    await startProcess([{ queue, handler: async () => undefined, options: { policy: 'exclusive' } }], { workersEnabled: false });

    const warning = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['queue'] === queue && line['level'] === 40);
    expect(warning).toMatchObject({ policy: 'standard', registeredPolicy: 'exclusive' });
  });

  it('do not dedupe on a standard queue', async () => {
    const queue = queueName('standard');
    const { jobs } = await startProcess([{ queue, handler: async () => undefined }], { workersEnabled: false });

    expect(await jobs.enqueue(queue, { n: 1 }, { singletonKey: 'same' })).toBe('enqueued');
    expect(await jobs.enqueue(queue, { n: 2 }, { singletonKey: 'same' })).toBe('enqueued');
  });
});
