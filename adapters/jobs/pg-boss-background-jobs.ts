import type { MikroORM } from '@mikro-orm/postgresql';
import type { PgBoss } from 'pg-boss';
import type { BackgroundJobs, EnqueueOptions, EnqueueOutcome, JobPayload } from '../../application/shared/background-jobs.port.js';
import { openTransactionConnection } from './open-transaction-connection.js';

/**
 * Jobs as rows of pg-boss's job table. Needs the pg-boss instance started (the job runner does
 * that at start-up) and the queue declared by a registration; enqueueing to an unknown queue throws.
 */
export class PgBossBackgroundJobs implements BackgroundJobs {
  constructor(
    private readonly boss: PgBoss,
    private readonly orm: MikroORM,
  ) {}

  async enqueue(queue: string, payload: JobPayload, options: EnqueueOptions = {}): Promise<EnqueueOutcome> {
    const db = openTransactionConnection(this.orm);
    const id = await this.boss.send(queue, payload, {
      ...(options.singletonKey === undefined ? {} : { singletonKey: options.singletonKey }),
      ...(db ? { db } : {}),
    });
    // pg-boss answers null when the queue's policy refused the job as a duplicate of its singleton key.
    return id === null ? 'duplicate' : 'enqueued';
  }
}
