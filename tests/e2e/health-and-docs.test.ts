import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../infrastructure/config/config.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { createApplication } from '../../infrastructure/server/create-application.js';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { withAdminClient, withDatabase } from '../../infrastructure/database/postgres-admin.js';
import { httpClient, type HttpClient } from '../support/http-client.js';
import { referenceHasOperation } from '../support/reference-contract.js';

/** Operations the engine serves beyond the front end's contract, each asked for by an issue. */
const ENGINE_ADDITIONS: readonly (readonly [string, string])[] = [
  // LinkedIn provisioning and the synced LinkedIn accounts (issue 4).
  ['post', '/api/internal/provisioning/linkedin-outreach/{company_id}'],
  ['get', '/api/internal/provisioning/linkedin-outreach/{company_id}/status'],
  ['post', '/api/internal/provisioning/linkedin-outreach/{company_id}/sync-accounts'],
  ['get', '/api/linkedin/accounts/'],
  // The front end calls these two, which the old backend never had (issue 3).
  ['get', '/api/auth/orgs'],
  ['post', '/api/auth/switch-org'],
  // Organization lifecycle, API token inventory and the audit trail (issue 3).
  ['put', '/api/super-admin/organizations/{org_id}/activate'],
  ['post', '/api/super-admin/organizations/{org_id}/activate'],
  ['put', '/api/super-admin/organizations/{org_id}/suspend'],
  ['post', '/api/super-admin/organizations/{org_id}/suspend'],
  ['get', '/api/super-admin/organizations/{org_id}/api-tokens'],
  ['delete', '/api/super-admin/organizations/{org_id}/api-tokens/{token_id}'],
  ['get', '/api/super-admin/audit-events'],
  ['get', '/api/audit-events'],
  // Tenants need capability ids to request entitlements; providers stay hidden from them (issue 4).
  ['get', '/api/capabilities/'],
  // The version history of a campaign's sequence (issue 5).
  ['get', '/api/campaigns/{campaign_id}/sequence/versions'],
  ['get', '/api/campaigns/{campaign_id}/sequence/versions/{version}'],
  // Progress of a background lead import (issue 5).
  ['get', '/api/campaigns/{campaign_id}/lead-imports/{job_id}'],
  // Provider webhooks (issue 6): Instantly's shared URL, the per-organization token URLs and
  // their management by super-admins.
  ['post', '/api/webhooks/instantly'],
  ['post', '/api/webhooks/{provider_slug}/{endpoint_token}'],
  ['post', '/api/super-admin/organizations/{org_id}/webhook-endpoints'],
  ['get', '/api/super-admin/organizations/{org_id}/webhook-endpoints'],
  ['delete', '/api/super-admin/organizations/{org_id}/webhook-endpoints/{endpoint_id}'],
];
import { startTestServer } from '../support/test-server.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

let server: RunningServer;
let request: HttpClient;

beforeAll(async () => {
  server = await startTestServer();
  request = httpClient(server.url);
});

afterAll(async () => {
  await server?.close();
});

describe('operations endpoints', () => {
  it('reports liveness and readiness', async () => {
    expect(await request('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await request('GET', '/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', migrations: 'ok' } },
    });
  });

  it('is not ready while migrations are pending', async () => {
    // A database that exists but was never migrated, served with migrate-on-start off.
    const name = `${new URL(workerDatabaseUrl()).pathname.slice(1)}_unmigrated`;
    await withAdminClient(workerDatabaseUrl(), async (client) => {
      await client.query(`drop database if exists ${pg.escapeIdentifier(name)}`);
      await client.query(`create database ${pg.escapeIdentifier(name)}`);
    });
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: withDatabase(workerDatabaseUrl(), name), MIGRATE_ON_START: 'false' });
    const orm = await MikroORM.init(mikroOrmOptions({ url: config.database.url!, poolMax: 2 }));
    try {
      const { http } = await createApplication(config, pino({ level: 'silent' }), orm);
      const listener = http.listen(0, '127.0.0.1');
      await new Promise((resolve) => listener.once('listening', resolve));
      const address = listener.address() as { port: number };
      try {
        const ready = await httpClient(`http://127.0.0.1:${address.port}`)('GET', '/ready');
        expect(ready).toMatchObject({ status: 503, body: { status: 'not_ready', checks: { database: 'ok', migrations: 'failing' } } });
      } finally {
        await new Promise((resolve) => listener.close(resolve));
      }
    } finally {
      await orm.close();
      await withAdminClient(workerDatabaseUrl(), (client) => client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));
    }
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the route table', async () => {
    const response = await request<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string; in: string }[] }>>;
      components: { schemas: Record<string, unknown> };
    }>('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');

    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => [method, path] as const));
    expect(operations).toEqual(
      expect.arrayContaining([
        ['post', '/api/super-admin/login'],
        ['get', '/api/super-admin/me'],
        ['post', '/api/super-admin/organizations'],
        ['get', '/api/super-admin/organizations'],
        ['get', '/api/super-admin/organizations/{org_id}'],
        ['put', '/api/super-admin/organizations/{org_id}'],
        ['delete', '/api/super-admin/organizations/{org_id}'],
      ]),
    );
    // Every /api operation we publish exists in the front end's contract, or is one of the engine's
    // deliberate additions (listed in docs/API.md): a path is never invented by accident.
    const additions = new Set(ENGINE_ADDITIONS.map(([method, path]) => `${method} ${path}`));
    for (const [method, path] of operations.filter(([, path]) => path.startsWith('/api/'))) {
      expect(referenceHasOperation(method, path) || additions.has(`${method} ${path}`), `${method} ${path}`).toBe(true);
    }
    for (const [method, path] of ENGINE_ADDITIONS) {
      expect(referenceHasOperation(method, path), `${method} ${path} is in the contract now; drop it from the additions`).toBe(false);
      expect(operations, `${method} ${path} is listed as an addition but not served`).toContainEqual([method, path]);
    }
    expect(document.paths['/api/super-admin/organizations']?.['post']?.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/OrganizationCreate' } } },
    });
    expect(document.paths['/api/super-admin/organizations/{org_id}']?.['get']?.parameters).toEqual([
      expect.objectContaining({ name: 'org_id', in: 'path' }),
    ]);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['OrganizationCreate', 'OrganizationResponse', 'ErrorEnvelope', 'SuperAdminLoginRequest']),
    );
  });

  it('renders the document at /docs with locally served assets', async () => {
    const page = await request<string>('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('/docs/swagger-ui-bundle.js');
    const bundle = await request<string>('GET', '/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
    const init = await request<string>('GET', '/docs/init.js');
    expect(init.body).toContain("url: '/openapi.json'");
    expect((await request('GET', '/docs/not-an-asset.js')).status).toBe(404);
  });
});
