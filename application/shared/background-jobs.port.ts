/** What a JSON document can hold: a job payload is stored as JSON and read back by another process. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A job's payload: a JSON object. Carry ids and small facts, never secrets or personal data: the
 * payload sits in clear in the jobs table for the queue's retention period. Declare payload shapes
 * with `type`, not `interface` — TypeScript lets only type aliases match this index signature.
 */
export type JobPayload = { readonly [key: string]: JsonValue };

export interface EnqueueOptions {
  /**
   * Deduplicates by key on queues registered with a policy that honours it (`short`: one waiting
   * job per key; `exclusive`: one waiting or running job per key; see `JobQueueOptions.policy`).
   * On a `standard` queue the key is stored but dedupes nothing.
   */
  readonly singletonKey?: string;
}

/** `duplicate`: the queue already holds a job with the same singleton key, so nothing was added. */
export type EnqueueOutcome = 'enqueued' | 'duplicate';

/**
 * Hands work to a background worker, durably. Called inside `TransactionRunner.run`, the job is
 * written in that transaction: it exists if and only if the transaction commits, so a rolled-back
 * use case never leaves a job behind and a committed one never loses its job. Outside a
 * transaction the job is written at once.
 */
export interface BackgroundJobs {
  enqueue(queue: string, payload: JobPayload, options?: EnqueueOptions): Promise<EnqueueOutcome>;
}
