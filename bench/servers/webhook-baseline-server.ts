// Child-process entry (see ../harness/child-server.ts): the floor webhook ingestion is compared
// with — bare Koa + @koa/bodyparser and one `INSERT … ON CONFLICT DO NOTHING` per delivery through
// a pg.Pool, into a table shaped like the essential columns of webhook_events, unique on
// (provider, event_key). Nothing else: no token lookup, no parsing beyond reading the key field,
// no job enqueued, no transaction.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import pg from 'pg';
import { serveFromChild } from '../harness/child-server.js';

export interface WebhookBaselineServerParameters {
  /** A database of its own, so bench_webhook_events never touches the app schema. */
  readonly databaseUrl: string;
  readonly poolMax: number;
}

/** `POST /baseline/webhooks/{provider}`, the same providers and bodies as the service's URLs. */
const PATH = /^\/baseline\/webhooks\/(smartlead|instantly|heyreach)$/;

/** The key as plainly as it can be had: the field the bench makes unique per request. */
function eventKeyOf(provider: string, body: Record<string, unknown>): unknown {
  if (provider === 'smartlead') return body['stats_id'];
  if (provider === 'instantly') return typeof body['email_id'] === 'string' ? `${body['email_id']}:${String(body['event_type'])}` : undefined;
  return body['correlation_id'];
}

serveFromChild<WebhookBaselineServerParameters>(async ({ databaseUrl, poolMax }) => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  try {
    await pool.query(`
      CREATE TABLE IF NOT EXISTS bench_webhook_events (
        id uuid PRIMARY KEY,
        provider text NOT NULL,
        event_key text NOT NULL,
        event_type text NOT NULL,
        status text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL,
        UNIQUE (provider, event_key)
      )`);

    const app = new Koa();
    app.use(bodyParser());
    app.use(async (ctx) => {
      const provider = ctx.method === 'POST' ? PATH.exec(ctx.path)?.[1] : undefined;
      if (!provider) {
        ctx.status = 404;
        return;
      }
      const body = ctx.request.body as unknown;
      const eventKey = typeof body === 'object' && body !== null ? eventKeyOf(provider, body as Record<string, unknown>) : undefined;
      if (typeof eventKey !== 'string' || eventKey === '') {
        ctx.status = 400;
        ctx.body = { detail: 'no event key' };
        return;
      }
      const record = body as Record<string, unknown>;
      const eventType = String(record['event_type'] ?? record['event'] ?? 'unknown');
      const { rowCount } = await pool.query(
        `INSERT INTO bench_webhook_events (id, provider, event_key, event_type, status, payload, received_at)
         VALUES ($1, $2, $3, $4, 'received', $5, $6) ON CONFLICT DO NOTHING`,
        [randomUUID(), provider, eventKey, eventType, JSON.stringify(body), new Date()],
      );
      ctx.status = 200;
      ctx.body = { status: rowCount === 1 ? 'accepted' : 'duplicate', event_key: eventKey };
    });

    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
});
