/**
 * Runs work atomically: every repository call made inside `work` joins one database transaction,
 * which commits when `work` resolves and rolls back when it throws. Writes and their audit rows
 * go through here together so neither can exist without the other.
 */
export interface TransactionRunner {
  run<T>(work: () => Promise<T>): Promise<T>;
}
