import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { auditRowsForRequest } from '../support/audit-rows.js';
import { httpClient, type HttpClient } from '../support/http-client.js';
import { contractProblems } from '../support/reference-contract.js';
import { createSuperAdmin, loginSuperAdmin, uniqueSlug, type SuperAdminCredentials } from '../support/super-admin-fixture.js';
import { startTestServer } from '../support/test-server.js';

interface OrganizationBody {
  id: string;
  name: string;
  slug: string;
  status: string;
  created_at: string;
  updated_at: string;
}

interface ErrorBody {
  detail: string;
  code: string;
  errors: { loc: (string | number)[]; msg: string; type: string }[];
}

let server: RunningServer;
let request: HttpClient;
let admin: SuperAdminCredentials;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  request = httpClient(server.url);
  admin = await createSuperAdmin(server);
  token = await loginSuperAdmin(request, admin);
});

afterAll(async () => {
  await server?.close();
});

async function createOrganization(slug = uniqueSlug(), name = 'Acme Outbound') {
  const response = await request<OrganizationBody>('POST', '/api/super-admin/organizations', { token, body: { name, slug } });
  expect(response.status).toBe(201);
  return response.body;
}

describe('super-admin login', () => {
  it('issues a bearer session that /me accepts, shaped as the reference contract says', async () => {
    const login = await request('POST', '/api/super-admin/login', { body: { email: admin.email.toUpperCase(), password: admin.password } });
    expect(login.status).toBe(200);
    expect(contractProblems('SuperAdminLoginResponse', login.body)).toEqual([]);

    const me = await request('GET', '/api/super-admin/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ super_admin_id: admin.id, email: admin.email });
    expect(contractProblems('SuperAdminMeResponse', me.body)).toEqual([]);
  });

  it('answers a wrong password with 401 and records a failed-login audit row without the email', async () => {
    const requestId = `wrong-password-${randomUUID()}`;
    const response = await request<ErrorBody>('POST', '/api/super-admin/login', {
      body: { email: admin.email, password: 'not-the-password' },
      headers: { 'x-request-id': requestId },
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail: 'Invalid email or password.', code: 'invalid_credentials', errors: [] });
    expect(response.headers.get('www-authenticate')).toBe('Bearer');

    const rows = await auditRowsForRequest(requestId);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'super_admin.login',
        outcome: 'failure',
        actor_type: 'anonymous',
        target_id: admin.id,
        detail: { reason: 'wrong_password' },
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(admin.email);
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const requestId = `unknown-account-${randomUUID()}`;
    const response = await request<ErrorBody>('POST', '/api/super-admin/login', {
      body: { email: 'nobody@example.test', password: 'whatever-password' },
      headers: { 'x-request-id': requestId },
    });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('invalid_credentials');
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({ outcome: 'failure', target_id: null, detail: { reason: 'unknown_account' } }),
    ]);
  });

  it('rejects a malformed login body with 422 and one problem per field', async () => {
    const response = await request<ErrorBody>('POST', '/api/super-admin/login', { body: { email: 'not-an-email', extra: 1 } });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('validation_failed');
    const locations = response.body.errors.map((problem) => problem.loc.join('.'));
    expect(locations).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body']));
  });

  it.each([
    ['no token', undefined],
    ['a garbage token', 'not-a-jwt'],
    ['a token signed with another secret', 'eyJhbGciOiJIUzI1NiJ9.eyJ0eXAiOiJzdXBlcl9hZG1pbiIsInN1YiI6IngifQ.c2lnbmF0dXJl'],
  ])('refuses /me and organization routes with %s (401 envelope)', async (_label, badToken) => {
    for (const [method, path] of [
      ['GET', '/api/super-admin/me'],
      ['GET', '/api/super-admin/organizations'],
      ['POST', '/api/super-admin/organizations'],
      ['DELETE', `/api/super-admin/organizations/${randomUUID()}`],
    ] as const) {
      const response = await request<ErrorBody>(method, path, badToken ? { token: badToken } : {});
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body.code).toBe('authentication_required');
    }
  });
});

describe('organizations', () => {
  it('creates an organization in onboarding, with the reference contract shape, and audits it', async () => {
    const slug = uniqueSlug();
    const requestId = `create-${randomUUID()}`;
    const response = await request<OrganizationBody>('POST', '/api/super-admin/organizations', {
      token,
      body: { name: '  Acme Outbound  ', slug },
      headers: { 'x-request-id': requestId },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'Acme Outbound', slug, status: 'onboarding' });
    expect(contractProblems('src__routers__super_admin__OrganizationResponse', response.body)).toEqual([]);
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({
        action: 'organization.create',
        outcome: 'success',
        actor_type: 'super_admin',
        actor_id: admin.id,
        org_id: response.body.id,
        target_id: response.body.id,
      }),
    ]);
  });

  it('gets, updates and soft-deletes an organization', async () => {
    const created = await createOrganization();

    const fetched = await request<OrganizationBody>('GET', `/api/super-admin/organizations/${created.id}`, { token });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created);

    const newSlug = uniqueSlug('renamed');
    const updated = await request<OrganizationBody>('PUT', `/api/super-admin/organizations/${created.id}`, {
      token,
      body: { name: 'Renamed', slug: newSlug },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.id, name: 'Renamed', slug: newSlug });
    expect(Date.parse(updated.body.updated_at)).toBeGreaterThan(Date.parse(created.updated_at));

    const nullMeansUnchanged = await request<OrganizationBody>('PUT', `/api/super-admin/organizations/${created.id}`, {
      token,
      body: { name: null },
    });
    expect(nullMeansUnchanged.body).toMatchObject({ name: 'Renamed', slug: newSlug });

    const deleted = await request('DELETE', `/api/super-admin/organizations/${created.id}`, { token });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBe('');

    for (const [method, options] of [['GET', {}], ['PUT', { body: { name: 'x' } }], ['DELETE', {}]] as const) {
      const gone = await request<ErrorBody>(method, `/api/super-admin/organizations/${created.id}`, { token, ...options });
      expect(gone.status, method).toBe(404);
      expect(gone.body).toEqual({ detail: 'Organization not found.', code: 'organization_not_found', errors: [] });
    }
  });

  it('keeps slugs unique among live organizations: 409 on clash, free again after delete', async () => {
    const first = await createOrganization();
    const clash = await request<ErrorBody>('POST', '/api/super-admin/organizations', { token, body: { name: 'Other', slug: first.slug } });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('organization_slug_taken');

    const second = await createOrganization();
    const renameClash = await request<ErrorBody>('PUT', `/api/super-admin/organizations/${second.id}`, { token, body: { slug: first.slug } });
    expect(renameClash.status).toBe(409);

    expect((await request('DELETE', `/api/super-admin/organizations/${first.id}`, { token })).status).toBe(204);
    const reused = await createOrganization(first.slug);
    expect(reused.id).not.toBe(first.id);
  });

  it('lets exactly one of many concurrent creates with one slug win', async () => {
    const slug = uniqueSlug('race');
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => request('POST', '/api/super-admin/organizations', { token, body: { name: 'Race', slug } })),
    ).then((responses) => responses.map((response) => response.status).sort());
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });

  it('pages through the list with keyset cursors, oldest first, each organization once', async () => {
    const created = [await createOrganization(), await createOrganization(), await createOrganization()];
    const seen: OrganizationBody[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = after ? `?limit=2&after=${encodeURIComponent(after)}` : '?limit=2';
      const page = await request<OrganizationBody[]>('GET', `/api/super-admin/organizations${query}`, { token });
      expect(page.status).toBe(200);
      expect(page.body.length).toBeLessThanOrEqual(2);
      expect(contractProblems('src__routers__super_admin__OrganizationResponse', page.body[0] ?? created[0])).toEqual([]);
      seen.push(...page.body);
      after = page.headers.get('x-next-cursor');
      pages += 1;
    } while (after && pages < 1000);

    const ids = seen.map((organization) => organization.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(created.map((organization) => organization.id)));
    const createdOrder = ids.filter((id) => created.some((organization) => organization.id === id));
    expect(createdOrder).toEqual(created.map((organization) => organization.id));
  });

  it('answers the same list with or without a trailing slash', async () => {
    const withSlash = await request('GET', '/api/super-admin/organizations/?limit=1', { token });
    expect(withSlash.status).toBe(200);
  });

  it('rejects bad input with 422 naming each field', async () => {
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/api/super-admin/organizations', { name: 'x', slug: 'Not A Slug' }, ['body.slug']],
      ['POST', '/api/super-admin/organizations', { name: 'x' }, ['body.slug']],
      ['POST', '/api/super-admin/organizations', { name: 'x', slug: uniqueSlug(), org_id: randomUUID() }, ['body']],
      ['POST', '/api/super-admin/organizations', { name: 'x'.repeat(201), slug: uniqueSlug() }, ['body.name']],
      ['PUT', `/api/super-admin/organizations/${randomUUID()}`, { slug: '-bad-' }, ['body.slug']],
      ['GET', '/api/super-admin/organizations/not-a-uuid', undefined, ['path.org_id']],
      ['GET', '/api/super-admin/organizations?limit=0', undefined, ['query.limit']],
      ['GET', '/api/super-admin/organizations?unknown=1', undefined, ['query']],
    ];
    for (const [method, path, body, locations] of cases) {
      const response = await request<ErrorBody>(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect(response.status, `${method} ${path}`).toBe(422);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors.map((problem) => problem.loc.join('.'))).toEqual(expect.arrayContaining(locations));
    }
  });

  it('rejects a cursor it did not issue with 422', async () => {
    const response = await request<ErrorBody>('GET', '/api/super-admin/organizations?after=garbage', { token });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('invalid_cursor');
  });

  it('answers an id that does not exist with 404 and audits the refused write', async () => {
    const missing = randomUUID();
    const requestId = `missing-${randomUUID()}`;
    const response = await request<ErrorBody>('DELETE', `/api/super-admin/organizations/${missing}`, {
      token,
      headers: { 'x-request-id': requestId },
    });
    expect(response.status).toBe(404);
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({ action: 'organization.delete', outcome: 'failure', target_id: missing, detail: { code: 'organization_not_found' } }),
    ]);
  });
});

describe('HTTP conventions', () => {
  it('answers unknown routes with a 404 envelope and wrong methods with 405', async () => {
    const unknown = await request<ErrorBody>('GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: 'No route for GET /api/nothing-here.', code: 'route_not_found', errors: [] });

    const wrongMethod = await request<ErrorBody>('PATCH', '/api/super-admin/organizations', { token });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.code).toBe('method_not_allowed');

    const unknownMethod = await request<ErrorBody>('PURGE', '/api/super-admin/organizations', { token });
    expect(unknownMethod.status).toBe(501);
    expect(unknownMethod.body.code).toBe('not_implemented');
  });

  it('answers a body that is not JSON with 415, and a corrupt compressed body with 400', async () => {
    const form = await request<ErrorBody>('POST', '/api/super-admin/organizations', {
      token,
      rawBody: 'name=x&slug=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('unsupported_media_type');

    const corrupt = await request<ErrorBody>('POST', '/api/super-admin/organizations', {
      token,
      rawBody: 'definitely not gzip',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(corrupt.status).toBe(400);
    expect(corrupt.body).toEqual({ detail: 'The request body could not be decompressed.', code: 'malformed_body', errors: [] });
  });

  it('answers malformed JSON with 400 and an oversized body with 413, leaking nothing', async () => {
    const malformed = await request<ErrorBody>('POST', '/api/super-admin/organizations', {
      token,
      rawBody: '{"name": "secret-value',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ detail: 'The request body is not valid JSON.', code: 'malformed_json', errors: [] });

    const huge = await request<ErrorBody>('POST', '/api/super-admin/organizations', {
      token,
      body: { name: 'x'.repeat(9 * 1024 * 1024), slug: uniqueSlug() },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');
  });

  it('echoes a sane X-Request-ID, replaces an unsafe one, and sets security headers', async () => {
    const echoed = await request('GET', '/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');

    const replaced = await request('GET', '/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    expect(echoed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(echoed.headers.get('x-frame-options')).toBe('DENY');
    expect(echoed.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('grants CORS only to configured origins', async () => {
    const corsServer = await startTestServer({ CORS_ORIGINS: 'https://app.example.test' });
    try {
      const corsRequest = httpClient(corsServer.url);
      const allowed = await corsRequest('OPTIONS', '/api/super-admin/organizations', {
        headers: { origin: 'https://app.example.test', 'access-control-request-method': 'POST' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');

      const refused = await corsRequest('OPTIONS', '/api/super-admin/organizations', {
        headers: { origin: 'https://evil.example.test', 'access-control-request-method': 'POST' },
      });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await corsServer.close();
    }
  });
});
