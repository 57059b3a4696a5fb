// One "engine process" for the cross-process pacing test: it makes BURST_CALLS Smartlead calls
// for one account through the real adapter, HTTP client and Postgres pacer, then prints a JSON
// summary on stdout. Run with `node --import tsx`; configured entirely by environment variables.
import { MikroORM } from '@mikro-orm/postgresql';
import { PostgresProviderCallPacer } from '../../../adapters/persistence/outreach/postgres-provider-call-pacer.js';
import { ProviderHttpClient } from '../../../adapters/providers/http/provider-http-client.js';
import { SmartleadEmailOutreachAdapter } from '../../../adapters/providers/smartlead/smartlead-email-outreach.adapter.js';
import { mikroOrmOptions } from '../../../infrastructure/database/mikro-orm-options.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const orm = await MikroORM.init(mikroOrmOptions({ url: required('BURST_DATABASE_URL'), poolMax: 4 }));
try {
  const http = new ProviderHttpClient(
    'email_outreach',
    {
      baseUrl: required('BURST_BASE_URL'),
      timeoutMs: 10_000,
      maxAttempts: 4,
      backoff: { baseMs: 50, maxMs: 1_000 },
      maxRetryAfterMs: 60_000,
      pacing: { limit: Number(required('BURST_LIMIT')), windowMs: Number(required('BURST_WINDOW_MS')), burst: Number(required('BURST_BURST')) },
    },
    new PostgresProviderCallPacer(orm),
  );
  const adapter = new SmartleadEmailOutreachAdapter(http);
  const connection = { apiKey: required('BURST_API_KEY'), workspaceId: null, clientId: null };
  const calls = Number(required('BURST_CALLS'));
  // All at once: the pacer, not this loop, must spread them out.
  const outcomes = await Promise.allSettled(Array.from({ length: calls }, () => adapter.checkCredentials(connection)));
  const failed = outcomes.filter((outcome) => outcome.status === 'rejected').length;
  process.stdout.write(`${JSON.stringify({ calls, failed })}\n`);
} finally {
  await orm.close();
}
