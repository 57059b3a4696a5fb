import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import { SimulatorServer } from '../../../infrastructure/simulators/kit/simulator-server.js';
import { freePort } from '../../support/free-port.js';
import { ProviderHttpClient } from '../../../adapters/providers/http/provider-http-client.js';
import { testProviderHttp, testProviderSettings } from '../../support/provider-http.js';

/**
 * The one HTTP client every provider adapter uses, against a real socket: which failures are
 * retried, how long it waits, and how each failure is classified.
 */

const KEY = 'secret-key-never-in-errors';

const server = new SimulatorServer({
  name: 'generic',
  authenticate: (request) => (request.headers['x-key'] === KEY ? KEY : null),
  unauthorized: { status: 401, body: { message: 'Invalid API Key' } },
  routes: [
    { method: 'GET', pattern: '/items', handle: () => ({ status: 200, body: [{ id: 1 }] }) },
    { method: 'POST', pattern: '/items', handle: (request) => ({ status: 201, body: { ok: true, echo: request.body } }) },
    { method: 'POST', pattern: '/text', handle: () => ({ status: 200, text: 'Email added to the queue' }) },
    { method: 'GET', pattern: '/invalid', handle: () => ({ status: 422, body: { error: 'bad field' } }) },
  ],
});

let baseUrl: string;

beforeAll(async () => {
  baseUrl = await server.listen();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.faults.clear();
  server.clearJournal();
});

const getItems = { operation: 'items.list', method: 'GET', path: '/items', headers: { 'x-key': KEY }, pacingKey: 'generic:key:1' } as const;
const createItem = { operation: 'items.create', method: 'POST', path: '/items', headers: { 'x-key': KEY }, body: { name: 'x' }, pacingKey: 'generic:key:1' } as const;

async function failureOf(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe('ProviderHttpClient', () => {
  it('answers parsed JSON, and plain text as text', async () => {
    const { client } = testProviderHttp('email_outreach', baseUrl);
    expect((await client.send(getItems)).body).toEqual([{ id: 1 }]);
    expect((await client.send({ ...createItem, path: '/text' })).body).toBe('Email added to the queue');
    expect(server.journal[0]?.headers['user-agent']).toMatch(/^OutboundEngineX\//);
  });

  it('waits out Retry-After on a 429, then succeeds', async () => {
    server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const { client, timing } = testProviderHttp('email_outreach', baseUrl);
    expect((await client.send(getItems)).body).toEqual([{ id: 1 }]);
    expect(timing.sleeps).toHaveLength(1);
    expect(timing.sleeps[0]).toBeGreaterThanOrEqual(7_000);
    expect(server.journal.map((entry) => entry.status)).toEqual([429, 200]);
  });

  it('reads retry_after from a 429 body when the header is missing, and retries a non-idempotent POST after it', async () => {
    server.injectFault({ kind: 'status', status: 429, body: { error: { code: 'RATE_LIMIT_EXCEEDED', retry_after: 3 } } });
    const { client, timing } = testProviderHttp('email_outreach', baseUrl);
    expect((await client.send(createItem)).status).toBe(201);
    expect(timing.sleeps[0]).toBeGreaterThanOrEqual(3_000);
  });

  it('gives up at once when Retry-After is longer than it may wait', async () => {
    server.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 3_600 });
    const { client, timing } = testProviderHttp('email_outreach', baseUrl, { maxRetryAfterMs: 30_000 });
    const failure = await failureOf(client.send(getItems));
    expect([failure.kind, failure.transient, failure.attempts, failure.httpStatus]).toEqual(['rate_limited', true, 1, 429]);
    expect(timing.sleeps).toEqual([]);
  });

  it('retries 5xx on an idempotent request with growing, jittered backoff, then reports a transient failure', async () => {
    server.injectFault({ kind: 'status', status: 503, times: 10 });
    const { client, timing } = testProviderHttp('linkedin_outreach', baseUrl, { maxAttempts: 4, backoff: { baseMs: 100, maxMs: 250 } });
    const failure = await failureOf(client.send(getItems));
    expect([failure.kind, failure.transient, failure.attempts, failure.capability]).toEqual(['server_error', true, 4, 'linkedin_outreach']);
    expect(server.journal).toHaveLength(4);
    // random() is 0.5: half of 100·2^(n−1), capped at 250.
    expect(timing.sleeps).toEqual([50, 100, 125]);
  });

  it('recovers when a 5xx clears before the attempts run out', async () => {
    server.injectFault({ kind: 'status', status: 500, times: 2 });
    const { client } = testProviderHttp('email_outreach', baseUrl);
    expect((await client.send(getItems)).body).toEqual([{ id: 1 }]);
    expect(server.journal.map((entry) => entry.status)).toEqual([500, 500, 200]);
  });

  it('does not repeat a non-idempotent POST after a 5xx (it may have been done), unless told it is safe', async () => {
    server.injectFault({ kind: 'status', status: 500, times: 1 });
    const { client } = testProviderHttp('email_outreach', baseUrl);
    const failure = await failureOf(client.send(createItem));
    expect([failure.kind, failure.attempts]).toEqual(['server_error', 1]);
    expect(server.journal).toHaveLength(1);

    server.injectFault({ kind: 'status', status: 500, times: 1 });
    expect((await client.send({ ...createItem, idempotent: true })).status).toBe(201);
  });

  it('classifies 401 as rejected credentials and never retries it, nor names the key', async () => {
    const { client } = testProviderHttp('email_outreach', baseUrl);
    const failure = await failureOf(client.send({ ...getItems, headers: { 'x-key': 'wrong' } }));
    expect([failure.kind, failure.transient, failure.attempts, failure.httpStatus]).toEqual(['auth_rejected', false, 1, 401]);
    expect(`${failure.message}\n${failure.stack}`).not.toContain('wrong');
    const other = await failureOf(client.send({ ...getItems, path: '/invalid' }));
    expect([other.kind, other.transient]).toEqual(['request_rejected', false]);
    const missing = await failureOf(client.send({ ...getItems, path: '/nothing-here' }));
    expect(missing.kind).toBe('not_found');
    expect(`${missing.message}${missing.stack}`).not.toContain(KEY);
  });

  it('reports unparsable JSON and a body of the wrong shape as malformed responses', async () => {
    server.injectFault({ kind: 'malformed', text: '{"items": [' });
    const { client } = testProviderHttp('email_outreach', baseUrl);
    const unparsable = await failureOf(client.send(getItems));
    expect([unparsable.kind, unparsable.transient]).toEqual(['malformed_response', false]);

    const wrongShape = await failureOf(client.sendFor(getItems, z.object({ items: z.array(z.unknown()) })));
    expect(wrongShape.kind).toBe('malformed_response');
    expect(await client.sendFor(getItems, z.array(z.object({ id: z.number() })))).toEqual([{ id: 1 }]);
  });

  it('times out a slow attempt and retries it when idempotent; a slow create fails as transient without a retry', async () => {
    server.injectFault({ kind: 'delay', delayMs: 600 });
    const { client } = testProviderHttp('email_outreach', baseUrl, { timeoutMs: 150 });
    expect((await client.send(getItems)).body).toEqual([{ id: 1 }]);

    server.injectFault({ kind: 'delay', delayMs: 600 });
    const failure = await failureOf(client.send(createItem));
    expect([failure.kind, failure.transient, failure.attempts]).toEqual(['timeout', true, 1]);
  });

  it('retries a connection that never opened, even for a POST, and reports a network failure', async () => {
    const closedPort = await freePort();
    const { client, timing } = testProviderHttp('email_outreach', `http://127.0.0.1:${closedPort}`, { maxAttempts: 3 });
    const failure = await failureOf(client.send(createItem));
    expect([failure.kind, failure.transient, failure.attempts, failure.httpStatus]).toEqual(['network', true, 3, null]);
    expect(timing.sleeps).toHaveLength(2);
  });

  it('gives up a slot it would take later than the pacer tolerates, reserves another, and sends once', async () => {
    const reservations: number[] = [];
    const pacer = {
      lateSlotToleranceMs: 250,
      reserve: async () => {
        reservations.push(reservations.length + 1);
        return 100;
      },
    };
    // A starved event loop: the first sleep overruns by 400 ms, the second is on time.
    let clock = 0;
    const overruns = [400, 0];
    const timing = {
      sleep: async (ms: number) => {
        clock += ms + (overruns.shift() ?? 0);
      },
      random: () => 0.5,
      now: () => new Date(),
      monotonic: () => clock,
    };
    const client = new ProviderHttpClient('email_outreach', testProviderSettings(baseUrl), pacer, timing);
    expect((await client.send(getItems)).body).toEqual([{ id: 1 }]);
    expect(reservations).toEqual([1, 2]);
    expect(server.journal).toHaveLength(1);

    // Late every time: after five slots given up, the call goes rather than waiting for ever.
    overruns.push(...Array.from({ length: 10 }, () => 1_000));
    reservations.length = 0;
    await client.send(getItems);
    expect(reservations).toEqual([1, 2, 3, 4, 5]);
  });

  it('asks the pacer before every attempt, under the account key', async () => {
    server.injectFault({ kind: 'status', status: 502, times: 1 });
    const { client, pacer } = testProviderHttp('email_outreach', baseUrl);
    await client.send(getItems);
    expect(pacer.reservations.map((reservation) => reservation.pacingKey)).toEqual(['generic:key:1', 'generic:key:1']);
  });
});
