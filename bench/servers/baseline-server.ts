// Child-process entry (see ../harness/child-server.ts): the floor the service is compared with —
// bare Koa + @koa/bodyparser and one INSERT through a pg.Pool, nothing else (no auth, no
// validation library, no transaction, no audit row, no ORM).
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import pg from 'pg';
import { serveFromChild } from '../harness/child-server.js';

export interface BaselineServerParameters {
  /** A database of its own, so the bench_baseline table never touches the app schema. */
  readonly databaseUrl: string;
  readonly poolMax: number;
}

const READ_ID = randomUUID();

interface BaselineRow {
  id: string;
  name: string;
  slug: string;
  created_at: Date;
}

serveFromChild<BaselineServerParameters>(async ({ databaseUrl, poolMax }) => {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  try {
    await pool.query(`
      CREATE TABLE IF NOT EXISTS bench_baseline (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      )`);

    const app = new Koa();
    app.use(bodyParser());
    app.use(async (ctx) => {
      // The read floor: one primary-key SELECT, as cheap as a database-backed answer gets.
      if (ctx.method === 'GET' && ctx.path === '/baseline/read') {
        const { rows } = await pool.query<{ id: string; now: Date }>('SELECT $1::uuid AS id, now() AS now', [READ_ID]);
        ctx.body = rows[0];
        return;
      }
      if (ctx.method !== 'POST' || ctx.path !== '/baseline') {
        ctx.status = 404;
        return;
      }
      const { name, slug } = (ctx.request.body ?? {}) as { name?: unknown; slug?: unknown };
      if (typeof name !== 'string' || typeof slug !== 'string') {
        ctx.status = 400;
        ctx.body = { detail: 'name and slug must be strings' };
        return;
      }
      const { rows } = await pool.query<BaselineRow>(
        'INSERT INTO bench_baseline (id, name, slug, created_at) VALUES ($1, $2, $3, $4) RETURNING id, name, slug, created_at',
        [randomUUID(), name, slug, new Date()],
      );
      ctx.status = 201;
      ctx.body = rows[0];
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
