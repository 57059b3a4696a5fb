import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { auditRowsForRequest } from '../support/audit-rows.js';
import { httpClient, type HttpClient } from '../support/http-client.js';
import { contractProblems } from '../support/reference-contract.js';
import { createSuperAdmin, loginSuperAdmin } from '../support/super-admin-fixture.js';
import {
  createCompanyAsSuperAdmin,
  createOrganization,
  createUserAsSuperAdmin,
  issueApiToken,
  loginTenant,
  uniqueEmail,
  type TenantOrganization,
  type TenantUserCredentials,
} from '../support/tenant-fixture.js';
import { startTestServer, TEST_JWT_SECRET } from '../support/test-server.js';

interface ErrorBody {
  detail: string;
  code: string;
  errors: { loc: (string | number)[]; msg: string; type: string }[];
}

interface MeBody {
  user_id: string;
  org_id: string;
  role: string;
  permissions: string[];
  company_id: string | null;
  auth_method: string;
  organization_status: string;
}

interface LoginBody {
  access_token: string;
  token_type: string;
  expires_at: string;
  user_id: string;
  org_id: string;
  organizations: { id: string; name: string; slug: string; role: string; current: boolean }[];
}

let server: RunningServer;
let request: HttpClient;
let saToken: string;
let org: TenantOrganization;
let admin: TenantUserCredentials;

beforeAll(async () => {
  server = await startTestServer();
  request = httpClient(server.url);
  saToken = await loginSuperAdmin(request, await createSuperAdmin(server));
  org = await createOrganization(request, saToken);
  admin = await createUserAsSuperAdmin(request, saToken, org.id);
});

afterAll(async () => {
  await server?.close();
});

describe('tenant login and /api/auth/me', () => {
  it('issues a session whose /me reads role, company and permissions, shaped as the reference contract says', async () => {
    const login = await request<LoginBody>('POST', '/api/auth/login', { body: { email: admin.email.toUpperCase(), password: admin.password } });
    expect(login.status).toBe(200);
    expect(contractProblems('LoginResponse', login.body)).toEqual([]);
    expect(login.body).toMatchObject({ token_type: 'bearer', user_id: admin.id, org_id: org.id });
    expect(login.body.organizations).toEqual([{ id: org.id, name: expect.any(String), slug: org.slug, role: 'org_admin', current: true }]);

    const me = await request<MeBody>('GET', '/api/auth/me', { token: login.body.access_token });
    expect(me.status).toBe(200);
    expect(contractProblems('MeResponse', me.body)).toEqual([]);
    expect(me.body).toEqual({
      user_id: admin.id,
      org_id: org.id,
      role: 'org_admin',
      permissions: expect.arrayContaining(['org.manage_users', 'org.manage_companies', 'campaigns.write', 'org.read_audit']),
      company_id: null,
      auth_method: 'session',
      organization_status: 'active',
    });
  });

  it('gives a company member the read permissions of its company only', async () => {
    const company = await createCompanyAsSuperAdmin(request, saToken, org.id);
    const member = await createUserAsSuperAdmin(request, saToken, org.id, { role: 'company_member', companyId: company.id });
    const me = await request<MeBody>('GET', '/api/auth/me', { token: await loginTenant(request, member) });
    expect(me.body).toMatchObject({ role: 'company_member', company_id: company.id });
    expect(me.body.permissions).toEqual(['campaigns.read', 'inboxes.read', 'analytics.read']);
  });

  it('answers a wrong password and an unknown email identically, and audits both without the email', async () => {
    const wrongId = `wrong-${randomUUID()}`;
    const unknownId = `unknown-${randomUUID()}`;
    const wrong = await request<ErrorBody>('POST', '/api/auth/login', {
      body: { email: admin.email, password: 'definitely-not-it' },
      headers: { 'x-request-id': wrongId },
    });
    const unknown = await request<ErrorBody>('POST', '/api/auth/login', {
      body: { email: uniqueEmail('nobody'), password: 'definitely-not-it' },
      headers: { 'x-request-id': unknownId },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.code).toBe('invalid_credentials');

    const rows = [...(await auditRowsForRequest(wrongId)), ...(await auditRowsForRequest(unknownId))];
    expect(rows.map((row) => [row.action, row.outcome, row.detail['reason']])).toEqual([
      ['user.login', 'failure', 'wrong_password'],
      ['user.login', 'failure', 'unknown_account'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(admin.email);
  });

  it('throttles brute force: the sixth attempt on one account within a minute gets 429 with Retry-After, even with the right password', async () => {
    const victim = await createUserAsSuperAdmin(request, saToken, org.id);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await request('POST', '/api/auth/login', { body: { email: victim.email, password: `guess-number-${attempt}` } });
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const sixth = await request<ErrorBody>('POST', '/api/auth/login', { body: { email: victim.email, password: victim.password } });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('too_many_login_attempts');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Other accounts are not punished for one account's attacker.
    expect((await request('POST', '/api/auth/login', { body: { email: admin.email, password: admin.password } })).status).toBe(200);
  });

  it('refuses a malformed login body with 422 naming each field', async () => {
    const response = await request<ErrorBody>('POST', '/api/auth/login', { body: { email: 'nope', org_id: randomUUID() } });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((problem) => problem.loc.join('.'))).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });
});

describe('one email in several organizations', () => {
  it('logs into the oldest matching account, offers the others, and switches between them', async () => {
    const email = uniqueEmail('multi');
    const second = await createOrganization(request, saToken);
    const third = await createOrganization(request, saToken);
    const first = await createUserAsSuperAdmin(request, saToken, org.id, { email });
    const other = await createUserAsSuperAdmin(request, saToken, second.id, { email });
    // Same email, another password: this account is not opened by the first one's password.
    await createUserAsSuperAdmin(request, saToken, third.id, { email, password: 'a-different-password-entirely' });

    const login = await request<LoginBody>('POST', '/api/auth/login', { body: { email, password: first.password } });
    expect(login.status).toBe(200);
    expect(login.body.org_id).toBe(org.id);
    expect(login.body.organizations.map((choice) => [choice.id, choice.current])).toEqual([
      [org.id, true],
      [second.id, false],
    ]);

    const orgs = await request<LoginBody['organizations']>('GET', '/api/auth/orgs', { token: login.body.access_token });
    expect(orgs.status).toBe(200);
    expect(orgs.body.map((choice) => choice.id)).toEqual([org.id, second.id]);

    const switched = await request<LoginBody>('POST', '/api/auth/switch-org', {
      token: login.body.access_token,
      body: { organization_id: second.id },
    });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ org_id: second.id, user_id: other.id });
    const me = await request<MeBody>('GET', '/api/auth/me', { token: switched.body.access_token });
    expect(me.body).toMatchObject({ org_id: second.id, user_id: other.id });

    // The account whose password was not proven is not reachable by switching.
    const refused = await request<ErrorBody>('POST', '/api/auth/switch-org', {
      token: switched.body.access_token,
      body: { organization_id: third.id },
    });
    const missing = await request<ErrorBody>('POST', '/api/auth/switch-org', {
      token: switched.body.access_token,
      body: { organization_id: randomUUID() },
    });
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual(missing.body);
  });
});

describe('API tokens', () => {
  it('authenticates as its user, records last use, and is listed without its value or hash', async () => {
    const issued = await request<{ id: string; token: string; name: string | null; expires_at: string | null; created_at: string }>(
      'POST',
      `/api/super-admin/organizations/${org.id}/api-tokens`,
      { token: saToken, body: { user_id: admin.id, name: 'ci pipeline' } },
    );
    expect(issued.status).toBe(201);
    expect(contractProblems('TokenCreateResponse', issued.body)).toEqual([]);
    expect(issued.body.token).toMatch(/^oex_[A-Za-z0-9_-]{43}$/);
    expect(issued.headers.get('cache-control')).toBe('no-store');

    const me = await request<MeBody>('GET', '/api/auth/me', { token: issued.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user_id: admin.id, org_id: org.id, auth_method: 'api_token' });

    const list = await request<Record<string, unknown>[]>('GET', `/api/super-admin/organizations/${org.id}/api-tokens`, { token: saToken });
    expect(list.status).toBe(200);
    const listed = list.body.find((token) => token['id'] === issued.body.id);
    expect(listed).toMatchObject({ name: 'ci pipeline', status: 'active', user_id: admin.id, last_used_at: expect.any(String) });
    expect(contractProblems('TokenResponse', listed)).toEqual([]);
    const serialized = JSON.stringify(list.body);
    expect(serialized).not.toContain(issued.body.token);
    expect(serialized).not.toMatch(/[0-9a-f]{64}/);
  });

  it('stops working on the request after it is revoked', async () => {
    const { id, token } = await issueApiToken(request, saToken, org.id, admin.id);
    expect((await request('GET', '/api/auth/me', { token })).status).toBe(200);

    const revoke = await request('DELETE', `/api/super-admin/organizations/${org.id}/api-tokens/${id}`, { token: saToken });
    expect(revoke.status).toBe(204);
    const requestId = `revoked-${randomUUID()}`;
    const after = await request<ErrorBody>('GET', '/api/auth/me', { token, headers: { 'x-request-id': requestId } });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('authentication_required');
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({ action: 'auth.credential_rejected', outcome: 'failure', target_id: id, detail: { reason: 'revoked_token', realm: 'tenant' } }),
    ]);
    // Revoking again is harmless; another org's token id is not found.
    expect((await request('DELETE', `/api/super-admin/organizations/${org.id}/api-tokens/${id}`, { token: saToken })).status).toBe(204);
    const elsewhere = await createOrganization(request, saToken);
    expect((await request('DELETE', `/api/super-admin/organizations/${elsewhere.id}/api-tokens/${id}`, { token: saToken })).status).toBe(404);
  });

  it('stops working once it expires', async () => {
    const { token } = await issueApiToken(request, saToken, org.id, admin.id, { expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await request('GET', '/api/auth/me', { token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await request('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('refuses a token for a user of another organization, and an expiry in the past', async () => {
    const elsewhere = await createOrganization(request, saToken);
    const stranger = await createUserAsSuperAdmin(request, saToken, elsewhere.id);
    const crossed = await request<ErrorBody>('POST', `/api/super-admin/organizations/${org.id}/api-tokens`, {
      token: saToken,
      body: { user_id: stranger.id },
    });
    expect(crossed.status).toBe(404);
    const past = await request<ErrorBody>('POST', `/api/super-admin/organizations/${org.id}/api-tokens`, {
      token: saToken,
      body: { user_id: admin.id, expires_at: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('api_token_expiry_in_past');
  });

  it('answers 403 to every tenant token-management route, whoever asks', async () => {
    const token = await loginTenant(request, admin);
    for (const [method, path] of [
      ['POST', '/api/auth/tokens'],
      ['GET', '/api/auth/tokens'],
      ['DELETE', `/api/auth/tokens/${randomUUID()}`],
    ] as const) {
      const response = await request<ErrorBody>(method, path, { token, body: method === 'POST' ? { name: 'mine' } : undefined });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.code).toBe('token_management_reserved');
    }
  });
});

describe('credentials lose their power at once', () => {
  it('a deleted user, a deleted organization and an expired session all get 401', async () => {
    const doomedOrg = await createOrganization(request, saToken);
    const orgAdmin = await createUserAsSuperAdmin(request, saToken, doomedOrg.id);
    const colleague = await createUserAsSuperAdmin(request, saToken, doomedOrg.id);
    const adminSession = await loginTenant(request, orgAdmin);
    const colleagueSession = await loginTenant(request, colleague);
    const { token: colleagueApiToken } = await issueApiToken(request, saToken, doomedOrg.id, colleague.id);

    expect((await request('DELETE', `/api/super-admin/organizations/${doomedOrg.id}/users/${colleague.id}`, { token: saToken })).status).toBe(204);
    expect((await request('GET', '/api/auth/me', { token: colleagueSession })).status).toBe(401);
    expect((await request('GET', '/api/auth/me', { token: colleagueApiToken })).status).toBe(401);
    expect((await request('GET', '/api/auth/me', { token: adminSession })).status).toBe(200);

    expect((await request('DELETE', `/api/super-admin/organizations/${doomedOrg.id}`, { token: saToken })).status).toBe(204);
    expect((await request('GET', '/api/auth/me', { token: adminSession })).status).toBe(401);
    expect((await request('POST', '/api/auth/login', { body: { email: orgAdmin.email, password: orgAdmin.password } })).status).toBe(401);

    const expired = await new SignJWT({ typ: 'session', org_id: org.id, accounts: [admin.id] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.id)
      .setIssuer('outbound-engine-x')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await request('GET', '/api/auth/me', { token: expired })).status).toBe(401);
  });

  it('keeps the two realms apart: a super-admin token fails tenant routes and a tenant token fails super-admin routes', async () => {
    const tenantToken = await loginTenant(request, admin);
    const { token: apiToken } = await issueApiToken(request, saToken, org.id, admin.id);
    expect((await request('GET', '/api/auth/me', { token: saToken })).status).toBe(401);
    expect((await request('GET', '/api/companies/', { token: saToken })).status).toBe(401);
    expect((await request('GET', '/api/super-admin/me', { token: tenantToken })).status).toBe(401);
    expect((await request('GET', '/api/super-admin/organizations', { token: apiToken })).status).toBe(401);
  });
});

describe('the tenant comes from the credential, never the request', () => {
  it('refuses org_id in a query or a body with 422 naming it', async () => {
    const token = await loginTenant(request, admin);
    const inQuery = await request<ErrorBody>('GET', `/api/users/?org_id=${randomUUID()}`, { token });
    expect(inQuery.status).toBe(422);
    expect(inQuery.body.errors).toEqual([expect.objectContaining({ loc: ['query', 'org_id'] })]);
    const inBody = await request<ErrorBody>('POST', '/api/companies/', { token, body: { name: 'Sneaky', org_id: randomUUID() } });
    expect(inBody.status).toBe(422);
    expect(inBody.body.errors).toEqual([expect.objectContaining({ loc: ['body', 'org_id'] })]);
  });
});

describe('audit trail reads', () => {
  it('lets a super-admin filter by organization, action and time, newest first, across pages', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const traced = await createOrganization(request, saToken);
    for (let index = 0; index < 3; index += 1) await createCompanyAsSuperAdmin(request, saToken, traced.id);

    const query = `org_id=${traced.id}&action=company.create&since=${encodeURIComponent(since)}&limit=2`;
    const first = await request<{ id: string; action: string; org_id: string; occurred_at: string }[]>('GET', `/api/super-admin/audit-events?${query}`, {
      token: saToken,
    });
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(2);
    const cursor = first.headers.get('x-next-cursor');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await request<{ id: string }[]>('GET', `/api/super-admin/audit-events?${query}&after=${cursor}`, { token: saToken });
    expect(second.body).toHaveLength(1);
    const all = [...first.body, ...second.body];
    expect(new Set(all.map((event) => event.id)).size).toBe(3);
    expect(first.body.every((event) => event.action === 'company.create' && event.org_id === traced.id)).toBe(true);
    expect(Date.parse(first.body[0]!.occurred_at)).toBeGreaterThanOrEqual(Date.parse(first.body[1]!.occurred_at));
  });

  it("shows an org admin only their own organization's events, and refuses company users", async () => {
    const token = await loginTenant(request, admin);
    const own = await request<{ org_id: string }[]>('GET', '/api/audit-events?limit=500', { token });
    expect(own.status).toBe(200);
    expect(own.body.length).toBeGreaterThan(0);
    expect(own.body.every((event) => event.org_id === org.id)).toBe(true);

    const company = await createCompanyAsSuperAdmin(request, saToken, org.id);
    const companyAdmin = await createUserAsSuperAdmin(request, saToken, org.id, { role: 'company_admin', companyId: company.id });
    const refused = await request<ErrorBody>('GET', '/api/audit-events', { token: await loginTenant(request, companyAdmin) });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('permission_denied');
  });

  it('rejects an inverted time range and a bad cursor with 422', async () => {
    const inverted = await request<ErrorBody>('GET', '/api/super-admin/audit-events?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z', {
      token: saToken,
    });
    expect(inverted.status).toBe(422);
    const badCursor = await request<ErrorBody>('GET', '/api/super-admin/audit-events?after=not-a-cursor', { token: saToken });
    expect(badCursor.status).toBe(422);
  });
});

describe('per-principal API budget', () => {
  let limited: RunningServer;
  let limitedRequest: HttpClient;

  beforeAll(async () => {
    limited = await startTestServer({ API_RATE_LIMIT: '5', API_RATE_WINDOW_SECONDS: '60' });
    limitedRequest = httpClient(limited.url);
  });

  afterAll(async () => {
    await limited?.close();
  });

  it('answers 429 with Retry-After once a principal spends its budget, without touching other principals', async () => {
    const user = await createUserAsSuperAdmin(request, saToken, org.id);
    const other = await createUserAsSuperAdmin(request, saToken, org.id);
    const token = await loginTenant(limitedRequest, user);
    const statuses: number[] = [];
    let last: { status: number; headers: Headers; body: ErrorBody } | undefined;
    for (let call = 0; call < 6; call += 1) {
      last = await limitedRequest<ErrorBody>('GET', '/api/auth/me', { token });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last?.body.code).toBe('too_many_requests');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const otherToken = await loginTenant(limitedRequest, other);
    const fresh = await limitedRequest('GET', '/api/auth/me', { token: otherToken });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('ratelimit-limit')).toBe('5');
    expect(fresh.headers.get('ratelimit-remaining')).toBe('4');
  });
});
