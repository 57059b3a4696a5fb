import { migrateToLatest } from '../database/migrations.js';
import { runCli } from './run-cli.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
await runCli(async ({ database }) => {
  const applied = await migrateToLatest(database.orm);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
});
