// Scenario: the provider layer's per-call overhead. Both targets make the same request to the
// Smartlead simulator — GET /api/v1/email-accounts/?offset=0&limit=100&api_key=… — over the same
// fetch (undici) stack, from this process:
//
// - provider-raw: a plain fetch, its status checked, its JSON parsed and its length looked at;
// - provider-client: SmartleadEmailOutreachAdapter.listSendingAccounts through ProviderHttpClient
//   and PostgresProviderCallPacer, as the engine makes it: a pacing reservation (one upsert in
//   Postgres) before the request, then the timeout signal, tolerant body parsing, the page's
//   schema validation and the mapping to SendingAccount.
//
// The pacing rule is so generous that the reservation never asks to wait: what is measured is
// the machinery's cost, not throttling.
import type { MikroORM } from '@mikro-orm/postgresql';
import { PostgresProviderCallPacer } from '../../adapters/persistence/outreach/postgres-provider-call-pacer.js';
import { ProviderHttpClient } from '../../adapters/providers/http/provider-http-client.js';
import type { ProviderHttpSettings } from '../../adapters/providers/http/provider-http-client.js';
import { SmartleadEmailOutreachAdapter } from '../../adapters/providers/smartlead/smartlead-email-outreach.adapter.js';
import { SMARTLEAD_PAGE_LIMIT } from '../../adapters/providers/smartlead/smartlead-limits.js';
import type { ProviderCallPacer } from '../../application/outreach/provider-call-pacer.port.js';
import type { ProviderConnection } from '../../application/outreach/provider-connection.js';
import { SMARTLEAD_API_PREFIX } from '../../infrastructure/simulators/smartlead/smartlead-api-routes.js';
import { CallRefused } from '../harness/measure-calls.js';
import type { CallTarget } from '../harness/measure-calls.js';

/** What the simulator serves for the key: enough to map, fewer than a page, so one request per call. */
export const PROVIDER_BENCH_ACCOUNTS = 10;

const OPERATION = `GET ${SMARTLEAD_API_PREFIX}/email-accounts/?offset=0&limit=${SMARTLEAD_PAGE_LIMIT}`;

/** The bare request: what a call costs with no engine machinery. */
export function providerRawTarget(simulatorUrl: string, apiKey: string): CallTarget {
  const url = new URL(`${simulatorUrl}${SMARTLEAD_API_PREFIX}/email-accounts/`);
  url.searchParams.set('offset', '0');
  url.searchParams.set('limit', String(SMARTLEAD_PAGE_LIMIT));
  url.searchParams.set('api_key', apiKey);
  const href = url.href;
  return {
    name: 'provider-raw',
    description: `${OPERATION} (plain fetch + JSON parse)`,
    call: async () => {
      const response = await fetch(href);
      if (!response.ok) throw new CallRefused(response.status, (await response.text()).slice(0, 500));
      const body: unknown = await response.json();
      // The cheapest look that it is the same answer the client gets; no schema, no mapping.
      if (!Array.isArray(body) || body.length !== PROVIDER_BENCH_ACCOUNTS) {
        throw new Error(`the simulator answered something other than ${PROVIDER_BENCH_ACCOUNTS} accounts`);
      }
    },
  };
}

/** The same request through the real adapter, HTTP client and Postgres pacer. */
export function providerClientTarget(simulatorUrl: string, apiKey: string, orm: MikroORM): CallTarget {
  const settings: ProviderHttpSettings = {
    baseUrl: `${simulatorUrl}${SMARTLEAD_API_PREFIX}`,
    timeoutMs: 10_000,
    // One attempt: a retry would hide a failed request inside a successful call.
    maxAttempts: 1,
    backoff: { baseMs: 50, maxMs: 1_000 },
    maxRetryAfterMs: 60_000,
    // Never waits (GCRA with a burst of a billion): the reservation is paid, throttling is not.
    pacing: { limit: 1e9, windowMs: 1_000, burst: 1e9 },
  };
  const postgresPacer = new PostgresProviderCallPacer(orm);
  // The rule's promise checked on every call: a reservation that asks to wait fails the call
  // (an error in the report) rather than quietly putting a sleep into the latencies.
  const pacer: ProviderCallPacer = {
    lateSlotToleranceMs: postgresPacer.lateSlotToleranceMs,
    reserve: async (pacingKey, rule) => {
      const waitMs = await postgresPacer.reserve(pacingKey, rule);
      if (waitMs > 0) throw new Error(`the pacer asked to wait ${waitMs} ms; the bench's rule must never throttle`);
      return waitMs;
    },
  };
  const adapter = new SmartleadEmailOutreachAdapter(new ProviderHttpClient('email_outreach', settings, pacer));
  // No client binding, so the request carries no client_id and matches provider-raw's exactly.
  const connection: ProviderConnection = { apiKey, workspaceId: null, clientId: null };
  return {
    name: 'provider-client',
    description: `${OPERATION} via SmartleadEmailOutreachAdapter.listSendingAccounts (pacer reservation + validation + mapping)`,
    call: async () => {
      const accounts = await adapter.listSendingAccounts(connection);
      if (accounts.length !== PROVIDER_BENCH_ACCOUNTS) {
        throw new Error(`listSendingAccounts answered ${accounts.length} accounts, expected ${PROVIDER_BENCH_ACCOUNTS}`);
      }
    },
  };
}
