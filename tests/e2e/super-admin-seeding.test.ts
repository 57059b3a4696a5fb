import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database.js';
import { httpClient } from '../support/http-client.js';
import { startTestServer } from '../support/test-server.js';

let database: FreshDatabase;

beforeAll(async () => {
  database = await freshDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('seeding the first super-admin from SUPER_ADMIN_EMAIL/SUPER_ADMIN_PASSWORD', () => {
  it('creates one while none exists, and never resets the password on a later start', async () => {
    const email = 'Seeded.Admin@Example.test';
    const first = await startTestServer({ DATABASE_URL: database.url, SUPER_ADMIN_EMAIL: email, SUPER_ADMIN_PASSWORD: 'first-password-123' });
    try {
      const login = await httpClient(first.url)('POST', '/api/super-admin/login', { body: { email, password: 'first-password-123' } });
      expect(login.status).toBe(200);
    } finally {
      await first.close();
    }

    const second = await startTestServer({ DATABASE_URL: database.url, SUPER_ADMIN_EMAIL: email, SUPER_ADMIN_PASSWORD: 'second-password-456' });
    try {
      const request = httpClient(second.url);
      expect((await request('POST', '/api/super-admin/login', { body: { email, password: 'second-password-456' } })).status).toBe(401);
      expect((await request('POST', '/api/super-admin/login', { body: { email, password: 'first-password-123' } })).status).toBe(200);
    } finally {
      await second.close();
    }

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const admins = await client.query('select email from super_admins');
      expect(admins.rows).toEqual([{ email: 'seeded.admin@example.test' }]);
      const audit = await client.query(`select actor_type, outcome from audit_events where action = 'super_admin.create'`);
      expect(audit.rows).toEqual([{ actor_type: 'system', outcome: 'success' }]);
    } finally {
      await client.end();
    }
  });
});
