import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { httpClient, type HttpClient, type HttpResponse } from '../support/http-client.js';
import { createSuperAdmin } from '../support/super-admin-fixture.js';
import { createOrganization, uniqueEmail } from '../support/tenant-fixture.js';
import { startTestServer, TEST_JWT_SECRET } from '../support/test-server.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

/**
 * Drives every credential-bearing flow of the API with the service logging at its most verbose,
 * then searches every log line, every response and the audit trail for the secrets involved.
 */
const logLines: string[] = [];
const responses: { label: string; text: string }[] = [];
/** Configured explicitly, so the test can also look for the key material itself. */
const CREDENTIAL_KEY = randomBytes(32).toString('base64');
let server: RunningServer;
let request: HttpClient;

function recorded(label: string) {
  return async <T>(call: Promise<HttpResponse<T>>): Promise<HttpResponse<T>> => {
    const response = await call;
    responses.push({ label, text: JSON.stringify({ headers: Object.fromEntries(response.headers), body: response.body }) });
    return response;
  };
}

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  server = await startTestServer(
    { LOG_LEVEL: 'trace', CREDENTIAL_KEYS: `leak-check:${CREDENTIAL_KEY}` },
    { logger: pino({ level: 'trace' }, sink) },
  );
  request = httpClient(server.url);
});

afterAll(async () => {
  await server?.close();
});

describe('passwords, tokens, hashes and secrets never leave the building', () => {
  it('keeps them out of every response but the one issuing a token, out of every log line and out of the audit trail', async () => {
    const superAdmin = await createSuperAdmin(server);
    const saLogin = await recorded('super-admin login')(
      request<{ access_token: string }>('POST', '/api/super-admin/login', { body: { email: superAdmin.email, password: superAdmin.password } }),
    );
    const saToken = saLogin.body.access_token;
    await recorded('super-admin wrong password')(
      request('POST', '/api/super-admin/login', { body: { email: superAdmin.email, password: 'wrong-super-admin-password' } }),
    );

    const org = await createOrganization(request, saToken);
    const password = `pw-${randomUUID()}`;
    const newPassword = `pw2-${randomUUID()}`;
    const email = uniqueEmail('secret-keeper');
    const user = await recorded('create user')(
      request<{ id: string }>('POST', `/api/super-admin/organizations/${org.id}/users`, { token: saToken, body: { email, password } }),
    );
    expect(user.status).toBe(201);
    await recorded('list users')(request('GET', `/api/super-admin/organizations/${org.id}/users`, { token: saToken }));

    const login = await recorded('tenant login')(request<{ access_token: string }>('POST', '/api/auth/login', { body: { email, password } }));
    const session = login.body.access_token;
    await recorded('tenant wrong password')(request('POST', '/api/auth/login', { body: { email, password: 'wrong-tenant-password' } }));
    const changed = await recorded('change password')(request('PUT', `/api/users/${user.body.id}`, { token: session, body: { password: newPassword } }));
    expect(changed.status).toBe(200);
    await recorded('get user')(request('GET', `/api/users/${user.body.id}`, { token: session }));

    const issued = await request<{ id: string; token: string }>('POST', `/api/super-admin/organizations/${org.id}/api-tokens`, {
      token: saToken,
      body: { user_id: user.body.id, name: 'leak check' },
    });
    expect(issued.status).toBe(201);
    const rawToken = issued.body.token;
    expect((await recorded('use api token')(request('GET', '/api/auth/me', { token: rawToken }))).status).toBe(200);
    await recorded('list api tokens')(request('GET', `/api/super-admin/organizations/${org.id}/api-tokens`, { token: saToken }));
    await recorded('revoke api token')(request('DELETE', `/api/super-admin/organizations/${org.id}/api-tokens/${issued.body.id}`, { token: saToken }));
    await recorded('use revoked api token')(request('GET', '/api/auth/me', { token: rawToken }));
    await recorded('bad bearer')(request('GET', '/api/auth/me', { token: `${session}tampered` }));

    const providerApiKey = `sk-live-${randomUUID()}`;
    const providerConfig = `/api/super-admin/organizations/${org.id}/provider-config`;
    const setConfig = await recorded('set provider config')(
      request('PUT', providerConfig, { token: saToken, body: { provider_slug: 'instantly', config: { api_key: providerApiKey, workspace_id: 'ws-leak' } } }),
    );
    expect(setConfig.status).toBe(200);
    const refused = await recorded('refused provider config')(
      request('PUT', providerConfig, { token: saToken, body: { provider_slug: 'smartlead', config: { api_key: providerApiKey, region: 'eu' } } }),
    );
    expect(refused.status).toBe(422);
    await recorded('malformed provider config')(
      request('PUT', providerConfig, { token: saToken, rawBody: `{"provider_slug":"smartlead","config":{"api_key":"${providerApiKey}"`, headers: { 'content-type': 'application/json' } }),
    );
    await recorded('get organization')(request('GET', `/api/super-admin/organizations/${org.id}`, { token: saToken }));
    await recorded('list organizations')(request('GET', '/api/super-admin/organizations?limit=500', { token: saToken }));
    await recorded('list providers')(request('GET', '/api/super-admin/providers', { token: saToken }));
    const companyId = (await request<{ id: string }>('POST', '/api/companies/', { token: session, body: { name: `Leak ${randomUUID().slice(0, 8)}` } })).body.id;
    const entitlement = await recorded('create entitlement')(
      request<{ id: string }>('POST', '/api/entitlements/', { token: session, body: { company_id: companyId, capability_id: '0c0a0001-0000-4000-8000-000000000001' } }),
    );
    expect(entitlement.status).toBe(201);
    await recorded('get entitlement')(request('GET', `/api/entitlements/${entitlement.body.id}`, { token: session }));
    await recorded('list entitlements')(request('GET', '/api/entitlements/', { token: session }));
    await recorded('tenant audit trail')(request('GET', '/api/audit-events?limit=500', { token: session }));
    await recorded('audit trail')(request('GET', `/api/super-admin/audit-events?org_id=${org.id}&limit=500`, { token: saToken }));

    const stored = await storedSecrets(user.body.id, superAdmin.id);
    const secrets: Record<string, string> = {
      'tenant password': password,
      'new tenant password': newPassword,
      'super-admin password': superAdmin.password,
      'raw API token': rawToken,
      'API token hash': createHash('sha256').update(rawToken).digest('hex'),
      'tenant session': session,
      'super-admin session': saToken,
      'JWT secret': TEST_JWT_SECRET,
      'tenant password hash': stored.userHash,
      'super-admin password hash': stored.superAdminHash,
      'provider API key': providerApiKey,
      'provider API key, base64': Buffer.from(providerApiKey).toString('base64'),
      'credential encryption key': CREDENTIAL_KEY,
    };
    const auditText = await auditTrailText(org.id);
    const leaks: string[] = [];
    for (const [name, secret] of Object.entries(secrets)) {
      for (const line of logLines) if (line.includes(secret)) leaks.push(`${name} in log line ${line.slice(0, 120)}`);
      if (auditText.includes(secret)) leaks.push(`${name} in the audit trail`);
      // A session token necessarily appears in the login answer that issued it.
      const issuers = name === 'tenant session' ? ['tenant login'] : name === 'super-admin session' ? ['super-admin login'] : [];
      for (const response of responses) {
        if (!issuers.includes(response.label) && response.text.includes(secret)) leaks.push(`${name} in the response to ${response.label}`);
      }
    }
    // Emails are personal data: logs never carry them (the audit trail refers to users by id).
    for (const line of logLines) if (line.includes(email)) leaks.push(`email in log line ${line.slice(0, 120)}`);
    if (auditText.includes(email)) leaks.push('email in the audit trail');

    expect(leaks).toEqual([]);
    // The check is only meaningful if the service really logged these requests.
    expect(logLines.length).toBeGreaterThan(15);
  });
});

async function storedSecrets(userId: string, superAdminId: string): Promise<{ userHash: string; superAdminHash: string }> {
  const client = new pg.Client({ connectionString: workerDatabaseUrl() });
  await client.connect();
  try {
    const user = await client.query<{ password_hash: string }>('select password_hash from users where id = $1', [userId]);
    const superAdmin = await client.query<{ password_hash: string }>('select password_hash from super_admins where id = $1', [superAdminId]);
    return { userHash: user.rows[0]!.password_hash, superAdminHash: superAdmin.rows[0]!.password_hash };
  } finally {
    await client.end();
  }
}

async function auditTrailText(orgId: string): Promise<string> {
  const client = new pg.Client({ connectionString: workerDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('select * from audit_events where org_id = $1 or org_id is null', [orgId]);
    return JSON.stringify(rows);
  } finally {
    await client.end();
  }
}
