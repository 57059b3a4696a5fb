/** This worker's own database, migrated and shared by the test files that run in the worker. */
export function workerDatabaseUrl(): string {
  const url = process.env['TEST_WORKER_DATABASE_URL'];
  if (!url) throw new Error('TEST_WORKER_DATABASE_URL is unset: run tests through vitest (tests/support/worker-database.ts)');
  return url;
}
