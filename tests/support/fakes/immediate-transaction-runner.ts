import type { TransactionRunner } from '../../../application/shared/transaction-runner.port.js';

/** Restores a store to the state it had when the snapshot was taken. */
export type Restore = () => void;

/** An in-memory store that can take part in an ImmediateTransactionRunner's rollback. */
export interface SnapshotableStore {
  snapshot(): Restore;
}

/**
 * Runs work at once. Every registered store is snapshotted when the outermost run starts and
 * restored if the work throws, so writes made during a failed run vanish like a rolled-back
 * transaction. Nested runs join the outer one, as they do with the MikroORM runner.
 * Meant for sequential use: two overlapping top-level runs would share one "transaction".
 */
export class ImmediateTransactionRunner implements TransactionRunner {
  private readonly stores: SnapshotableStore[] = [];
  private depth = 0;
  commits = 0;
  rollbacks = 0;

  constructor(...stores: SnapshotableStore[]) {
    this.stores.push(...stores);
  }

  register(store: SnapshotableStore): this {
    this.stores.push(store);
    return this;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return work();
    const restores = this.stores.map((store) => store.snapshot());
    this.depth += 1;
    try {
      const result = await work();
      this.commits += 1;
      return result;
    } catch (error) {
      for (const restore of restores.reverse()) restore();
      this.rollbacks += 1;
      throw error;
    } finally {
      this.depth -= 1;
    }
  }
}
