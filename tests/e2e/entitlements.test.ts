import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { auditRowsForRequest } from '../support/audit-rows.js';
import { CAPABILITY_IDS, PROVIDER_IDS, PROVIDER_NAMES_HIDDEN_FROM_TENANTS } from '../support/catalogue-ids.js';
import { grantEntitlement, markProvisioned } from '../support/entitlement-fixture.js';
import { httpClient, type HttpClient, type HttpResponse, type RequestOptions } from '../support/http-client.js';
import { contractProblems } from '../support/reference-contract.js';
import { createSuperAdmin, loginSuperAdmin } from '../support/super-admin-fixture.js';
import {
  createCompanyAsSuperAdmin,
  createOrganization,
  createUserAsSuperAdmin,
  loginTenant,
  type TenantOrganization,
} from '../support/tenant-fixture.js';
import { startTestServer } from '../support/test-server.js';

interface ErrorBody {
  detail: string;
  code: string;
  errors: { loc: (string | number)[]; msg: string; type: string }[];
}

interface EntitlementBody {
  id: string;
  company_id: string;
  capability_id: string;
  capability: string;
  provider_id: string;
  status: string;
  provisioning_state: string;
  last_error: string | null;
  provider_config: unknown;
  created_at: string;
  updated_at: string;
}

let server: RunningServer;
let request: HttpClient;
let saToken: string;
let org: TenantOrganization;
let other: TenantOrganization;
let adminToken: string;
let companyAdminToken: string;
let companyMemberToken: string;
let otherAdminToken: string;
/** Every answer a tenant received in this file: none may name a provider. */
const tenantAnswers: { label: string; text: string }[] = [];

async function asTenant<T = unknown>(token: string, method: string, path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<HttpResponse<T>> {
  const response = await request<T>(method, path, { ...options, token });
  tenantAnswers.push({ label: `${method} ${path}`, text: JSON.stringify({ headers: Object.fromEntries(response.headers), body: response.body }) });
  return response;
}

const asAdmin = <T = unknown>(method: string, path: string, options: Omit<RequestOptions, 'token'> = {}) => asTenant<T>(adminToken, method, path, options);

async function newCompany(organization = org): Promise<string> {
  return (await createCompanyAsSuperAdmin(request, saToken, organization.id)).id;
}

async function create(body: Record<string, unknown>, headers?: Record<string, string>): Promise<HttpResponse<EntitlementBody & ErrorBody>> {
  return asAdmin<EntitlementBody & ErrorBody>('POST', '/api/entitlements/', { body, ...(headers ? { headers } : {}) });
}

function emailFor(companyId: string, provider: keyof typeof PROVIDER_IDS = 'smartlead') {
  return { company_id: companyId, capability_id: CAPABILITY_IDS.email_outreach, provider_id: PROVIDER_IDS[provider] };
}

async function setProviderConfig(orgId: string, body: unknown): Promise<HttpResponse<ErrorBody & { provider: string; config_set: boolean }>> {
  return request('PUT', `/api/super-admin/organizations/${orgId}/provider-config`, { token: saToken, body });
}

beforeAll(async () => {
  server = await startTestServer();
  request = httpClient(server.url);
  saToken = await loginSuperAdmin(request, await createSuperAdmin(server));
  org = await createOrganization(request, saToken);
  other = await createOrganization(request, saToken);
  const memberCompany = await newCompany();
  adminToken = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, org.id));
  companyAdminToken = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, org.id, { role: 'company_admin', companyId: memberCompany }));
  companyMemberToken = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, org.id, { role: 'company_member', companyId: memberCompany }));
  otherAdminToken = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, other.id));
});

afterAll(async () => {
  await server?.close();
});

describe('the capability catalogue', () => {
  it('lists capabilities and providers to super-admins, in the reference shapes', async () => {
    const capabilities = await request<Record<string, unknown>[]>('GET', '/api/super-admin/capabilities', { token: saToken });
    expect(capabilities.status).toBe(200);
    expect(capabilities.body.map((capability) => [capability['id'], capability['slug'], capability['name']])).toEqual([
      [CAPABILITY_IDS.email_outreach, 'email_outreach', 'Email outreach'],
      [CAPABILITY_IDS.linkedin_outreach, 'linkedin_outreach', 'LinkedIn outreach'],
    ]);
    for (const capability of capabilities.body) expect(contractProblems('CapabilityInfo', capability)).toEqual([]);

    const providers = await request<Record<string, unknown>[]>('GET', '/api/super-admin/providers', { token: saToken });
    expect(providers.status).toBe(200);
    expect(providers.body).toEqual([
      { id: PROVIDER_IDS.smartlead, slug: 'smartlead', name: 'Smartlead', capability_id: CAPABILITY_IDS.email_outreach, capability_slug: 'email_outreach', created_at: '2026-11-22T00:00:00.000Z' },
      { id: PROVIDER_IDS.instantly, slug: 'instantly', name: 'Instantly', capability_id: CAPABILITY_IDS.email_outreach, capability_slug: 'email_outreach', created_at: '2026-11-22T00:00:00.000Z' },
      { id: PROVIDER_IDS.heyreach, slug: 'heyreach', name: 'HeyReach', capability_id: CAPABILITY_IDS.linkedin_outreach, capability_slug: 'linkedin_outreach', created_at: '2026-11-22T00:00:00.000Z' },
    ]);
    for (const provider of providers.body) expect(contractProblems('ProviderInfo', provider)).toEqual([]);
  });

  it('lets an org admin learn capability ids, and nothing about providers', async () => {
    const response = await asAdmin<Record<string, unknown>[]>('GET', '/api/capabilities/');
    expect(response.status).toBe(200);
    expect(response.body.map((capability) => Object.keys(capability).sort())).toEqual([
      ['created_at', 'id', 'name', 'slug'],
      ['created_at', 'id', 'name', 'slug'],
    ]);
    expect((await asAdmin('GET', '/api/capabilities')).body).toEqual(response.body);

    expect((await asAdmin('GET', '/api/super-admin/providers')).status).toBe(401);
    expect((await asAdmin('GET', '/api/super-admin/capabilities')).status).toBe(401);
    for (const token of [companyAdminToken, companyMemberToken]) {
      expect(await asTenant<ErrorBody>(token, 'GET', '/api/capabilities/')).toMatchObject({ status: 403, body: { code: 'permission_denied' } });
    }
  });
});

describe('creating entitlements', () => {
  it('grants an entitled entitlement in the reference shape, never exposing provider settings, and audits it', async () => {
    const companyId = await newCompany();
    const requestId = `grant-${randomUUID()}`;

    const response = await create(emailFor(companyId), { 'x-request-id': requestId });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      company_id: companyId,
      capability_id: CAPABILITY_IDS.email_outreach,
      capability: 'email_outreach',
      provider_id: PROVIDER_IDS.smartlead,
      status: 'entitled',
      provisioning_state: 'pending_client_mapping',
      last_error: null,
      provider_config: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(contractProblems('EntitlementResponse', response.body)).toEqual([]);
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({
        org_id: org.id,
        actor_type: 'user',
        action: 'entitlement.created',
        target_type: 'entitlement',
        target_id: response.body.id,
        outcome: 'success',
        detail: { company_id: companyId, capability: 'email_outreach' },
      }),
    ]);
  });

  it('refuses a second live entitlement for the company and capability with 409', async () => {
    const companyId = await newCompany();
    expect((await create(emailFor(companyId))).status).toBe(201);

    const duplicate = await create(emailFor(companyId, 'instantly'));

    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'entitlement_exists', detail: 'This company already has an email outreach entitlement.' });
  });

  it.each<[string, (companyId: string) => Record<string, unknown>, string, (string | number)[]]>([
    ['a company id that is not a uuid', () => ({ company_id: 'acme', capability_id: CAPABILITY_IDS.email_outreach }), 'validation_failed', ['body', 'company_id']],
    ['a missing capability', (companyId) => ({ company_id: companyId }), 'validation_failed', ['body', 'capability_id']],
    ['an unknown field', (companyId) => ({ ...emailFor(companyId), status: 'connected' }), 'validation_failed', ['body']],
    ['an org_id', (companyId) => ({ ...emailFor(companyId), org_id: other.id }), 'validation_failed', ['body', 'org_id']],
    ['an unknown capability', (companyId) => ({ company_id: companyId, capability_id: randomUUID() }), 'unknown_capability', ['capability_id']],
    ['an unknown provider', (companyId) => ({ ...emailFor(companyId), provider_id: randomUUID() }), 'unknown_provider', ['provider_id']],
    [
      'a provider of another capability',
      (companyId) => ({ company_id: companyId, capability_id: CAPABILITY_IDS.email_outreach, provider_id: PROVIDER_IDS.heyreach }),
      'provider_capability_mismatch',
      ['provider_id'],
    ],
  ])('answers 422 for %s', async (_label, body, code, loc) => {
    const response = await create(body(await newCompany()));

    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.body.code).toBe(code);
    expect(response.body.errors.map((problem) => problem.loc)).toContainEqual(loc);
  });

  it('chooses the provider from the organization credentials when provider_id is left out, and asks otherwise', async () => {
    const organization = await createOrganization(request, saToken);
    const token = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, organization.id));
    const grant = async () =>
      asTenant<EntitlementBody & ErrorBody>(token, 'POST', '/api/entitlements/', {
        body: { company_id: await newCompany(organization), capability_id: CAPABILITY_IDS.email_outreach },
      });

    const withoutCredentials = await grant();
    expect(withoutCredentials.status).toBe(422);
    expect(withoutCredentials.body).toMatchObject({ code: 'provider_required', errors: [expect.objectContaining({ loc: ['provider_id'] })] });

    expect((await setProviderConfig(organization.id, { provider_slug: 'instantly', config: { api_key: 'k-instantly' } })).status).toBe(200);
    const chosen = await grant();
    expect(chosen.status).toBe(201);
    expect(chosen.body.provider_id).toBe(PROVIDER_IDS.instantly);

    expect((await setProviderConfig(organization.id, { provider_slug: 'smartlead', config: { api_key: 'k-smartlead' } })).status).toBe(200);
    const ambiguous = await grant();
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.body.code).toBe('provider_required');
  });
});

describe('isolation and roles', () => {
  it("answers another organization's entitlements exactly like missing ones", async () => {
    const companyId = await newCompany();
    const { id } = await grantEntitlement(server, { orgId: org.id, companyId });
    const missing = randomUUID();

    for (const [method, options] of [
      ['GET', {}],
      ['PUT', { body: { status: 'disconnected' } }],
      ['DELETE', {}],
    ] as const) {
      const foreign = await asTenant<ErrorBody>(otherAdminToken, method, `/api/entitlements/${id}`, options);
      const unknown = await asTenant<ErrorBody>(otherAdminToken, method, `/api/entitlements/${missing}`, options);
      expect(foreign.status, `${method}`).toBe(404);
      expect(foreign.body).toEqual(unknown.body);
      expect(foreign.body.code).toBe('entitlement_not_found');
    }
    const foreignCompany = await asTenant<ErrorBody>(otherAdminToken, 'POST', '/api/entitlements/', { body: emailFor(companyId) });
    expect(foreignCompany).toMatchObject({ status: 404, body: { code: 'company_not_found' } });
    const foreignFilter = await asTenant<ErrorBody>(otherAdminToken, 'GET', `/api/entitlements/?company_id=${companyId}`);
    expect(foreignFilter).toMatchObject({ status: 404, body: { code: 'company_not_found' } });
    expect((await asTenant<EntitlementBody[]>(otherAdminToken, 'GET', '/api/entitlements/')).body).toEqual([]);

    expect((await asAdmin<EntitlementBody>('GET', `/api/entitlements/${id}`)).body.status).toBe('entitled');
  });

  it('refuses company roles on every entitlement route with 403', async () => {
    const { id } = await grantEntitlement(server, { orgId: org.id, companyId: await newCompany() });
    for (const token of [companyAdminToken, companyMemberToken]) {
      for (const [method, path, body] of [
        ['GET', '/api/entitlements/', undefined],
        ['POST', '/api/entitlements/', emailFor(randomUUID())],
        ['GET', `/api/entitlements/${id}`, undefined],
        ['PUT', `/api/entitlements/${id}`, { status: 'disconnected' }],
        ['DELETE', `/api/entitlements/${id}`, undefined],
      ] as const) {
        const response = await asTenant<ErrorBody>(token, method, path, body === undefined ? {} : { body });
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(response.body.code).toBe('permission_denied');
      }
    }
  });
});

describe('moving an entitlement', () => {
  it('lets a tenant switch off and on only what provisioning connected', async () => {
    const { id } = await grantEntitlement(server, { orgId: org.id, companyId: await newCompany() });
    const put = (body: unknown) => asAdmin<EntitlementBody & ErrorBody>('PUT', `/api/entitlements/${id}`, { body });

    expect(await put({ status: 'connected' })).toMatchObject({
      status: 409,
      body: { code: 'entitlement_not_provisioned', detail: 'This email outreach entitlement must be provisioned by a platform administrator first.' },
    });
    expect(await put({ status: 'disconnected' })).toMatchObject({
      status: 409,
      body: { code: 'illegal_entitlement_transition', detail: 'Cannot move an entitlement that is entitled to disconnected.' },
    });

    await markProvisioned(server, org.id, id);
    const requestId = `disconnect-${randomUUID()}`;
    const off = await asAdmin<EntitlementBody>('PUT', `/api/entitlements/${id}/`, { body: { status: 'disconnected', provider_config: null }, headers: { 'x-request-id': requestId } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ status: 'disconnected', provisioning_state: 'connected', provider_config: null });
    expect(contractProblems('EntitlementResponse', off.body)).toEqual([]);
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({ action: 'entitlement.updated', outcome: 'success', target_id: id, detail: { from: 'connected', to: 'disconnected' } }),
    ]);
    expect(await put({ status: 'disconnected' })).toMatchObject({ status: 200, body: { status: 'disconnected' } });
    expect(await put({ status: 'connected' })).toMatchObject({ status: 200, body: { status: 'connected' } });
    expect(await put({ status: 'entitled' })).toMatchObject({ status: 409, body: { code: 'illegal_entitlement_transition' } });
    expect((await asAdmin<EntitlementBody>('GET', `/api/entitlements/${id}`)).body.status).toBe('connected');
  });

  it.each<[string, unknown, number, string]>([
    ['an unknown status', { status: 'active' }, 422, 'validation_failed'],
    ['provider settings', { status: 'disconnected', provider_config: { api_key: 'tenant-supplied' } }, 422, 'provider_config_not_writable'],
    ['an empty provider_config object', { provider_config: {} }, 422, 'provider_config_not_writable'],
    ['an empty body', {}, 400, 'empty_update'],
    ['only nulls', { status: null, provider_config: null }, 400, 'empty_update'],
    ['an org_id', { status: 'disconnected', org_id: randomUUID() }, 422, 'validation_failed'],
  ])('refuses %s', async (_label, body, status, code) => {
    const { id } = await grantEntitlement(server, { orgId: org.id, companyId: await newCompany() });
    await markProvisioned(server, org.id, id);

    const response = await asAdmin<ErrorBody>('PUT', `/api/entitlements/${id}`, { body });

    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.code).toBe(code);
    expect((await asAdmin<EntitlementBody>('GET', `/api/entitlements/${id}`)).body.status).toBe('connected');
  });
});

describe('listing and deleting', () => {
  it('pages through the organization entitlements, filtered by company', async () => {
    const organization = await createOrganization(request, saToken);
    const token = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, organization.id));
    const [first, second] = [await newCompany(organization), await newCompany(organization)];
    const ids = [
      (await grantEntitlement(server, { orgId: organization.id, companyId: first })).id,
      (await grantEntitlement(server, { orgId: organization.id, companyId: first, capability: 'linkedin_outreach' })).id,
      (await grantEntitlement(server, { orgId: organization.id, companyId: second })).id,
    ];

    const page = await asTenant<EntitlementBody[]>(token, 'GET', '/api/entitlements/?limit=2');
    expect(page.status).toBe(200);
    const cursor = page.headers.get('x-next-cursor');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const rest = await asTenant<EntitlementBody[]>(token, 'GET', `/api/entitlements/?limit=2&after=${cursor}`);
    expect(rest.headers.get('x-next-cursor')).toBeNull();
    expect([...page.body, ...rest.body].map((entitlement) => entitlement.id).sort()).toEqual([...ids].sort());
    for (const entitlement of page.body) expect(contractProblems('EntitlementResponse', entitlement)).toEqual([]);

    const ofFirst = await asTenant<EntitlementBody[]>(token, 'GET', `/api/entitlements?company_id=${first}`);
    expect(ofFirst.body.map((entitlement) => entitlement.capability).sort()).toEqual(['email_outreach', 'linkedin_outreach']);
    expect((await asTenant<ErrorBody>(token, 'GET', '/api/entitlements/?company_id=not-a-uuid')).status).toBe(422);
  });

  it('soft-deletes with 204, after which the capability can be granted again', async () => {
    const companyId = await newCompany();
    const created = await create(emailFor(companyId));
    const requestId = `revoke-${randomUUID()}`;

    const deleted = await asAdmin('DELETE', `/api/entitlements/${created.body.id}`, { headers: { 'x-request-id': requestId } });
    expect(deleted.status).toBe(204);
    expect(await auditRowsForRequest(requestId)).toEqual([expect.objectContaining({ action: 'entitlement.deleted', outcome: 'success' })]);
    expect((await asAdmin<ErrorBody>('GET', `/api/entitlements/${created.body.id}`)).body.code).toBe('entitlement_not_found');
    expect((await asAdmin('DELETE', `/api/entitlements/${created.body.id}`)).status).toBe(404);
    expect((await create(emailFor(companyId, 'instantly'))).status).toBe(201);
  });

  it("takes a deleted company's entitlements with it", async () => {
    const companyId = await newCompany();
    const { id } = await grantEntitlement(server, { orgId: org.id, companyId });

    expect((await asAdmin('DELETE', `/api/companies/${companyId}`)).status).toBe(204);

    expect((await asAdmin<ErrorBody>('GET', `/api/entitlements/${id}`)).status).toBe(404);
    expect((await asAdmin<EntitlementBody[]>('GET', '/api/entitlements/?limit=500')).body.map((entitlement) => entitlement.id)).not.toContain(id);
  });
});

describe('provider credentials', () => {
  it('are set by a super-admin, answered with the provider slug only', async () => {
    const organization = await createOrganization(request, saToken);
    const requestId = `provider-config-${randomUUID()}`;

    const response = await request('PUT', `/api/super-admin/organizations/${organization.id}/provider-config`, {
      token: saToken,
      body: { provider_slug: 'instantly', config: { api_key: 'sk-instantly-e2e', workspace_id: 'ws-e2e' } },
      headers: { 'x-request-id': requestId },
    });

    expect(response).toMatchObject({ status: 200, body: { provider: 'instantly', config_set: true } });
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({
        org_id: organization.id,
        actor_type: 'super_admin',
        action: 'provider_credentials.set',
        outcome: 'success',
        detail: { provider_id: PROVIDER_IDS.instantly, settings: ['api_key', 'workspace_id'], replaced: false },
      }),
    ]);
  });

  it.each<[string, unknown, number, string]>([
    ['an unknown provider', { provider_slug: 'lemlist', config: { api_key: 'k' } }, 422, 'unknown_provider'],
    ['a missing api_key', { provider_slug: 'smartlead', config: {} }, 422, 'invalid_provider_config'],
    ['an empty api_key', { provider_slug: 'smartlead', config: { api_key: ' ' } }, 422, 'invalid_provider_config'],
    ['an overlong api_key', { provider_slug: 'smartlead', config: { api_key: 'k'.repeat(513) } }, 422, 'invalid_provider_config'],
    ['a setting the provider does not know', { provider_slug: 'smartlead', config: { api_key: 'k', workspace_id: 'ws' } }, 422, 'invalid_provider_config'],
    ['a config that is not an object', { provider_slug: 'smartlead', config: 'k' }, 422, 'validation_failed'],
    ['a body without provider_slug', { config: { api_key: 'k' } }, 422, 'validation_failed'],
  ])('refuses %s', async (_label, body, status, code) => {
    const response = await setProviderConfig(org.id, body);

    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.code).toBe(code);
  });

  it('answers 404 for an unknown or deleted organization, and 401 to tenants', async () => {
    const gone = await createOrganization(request, saToken);
    expect((await request('DELETE', `/api/super-admin/organizations/${gone.id}`, { token: saToken })).status).toBe(204);

    for (const orgId of [randomUUID(), gone.id]) {
      expect(await setProviderConfig(orgId, { provider_slug: 'smartlead', config: { api_key: 'k' } })).toMatchObject({
        status: 404,
        body: { code: 'organization_not_found' },
      });
    }
    const tenant = await asAdmin<ErrorBody>('PUT', `/api/super-admin/organizations/${org.id}/provider-config`, {
      body: { provider_slug: 'smartlead', config: { api_key: 'k' } },
    });
    expect(tenant.status).toBe(401);
  });
});

describe('what tenants read', () => {
  it('never names a provider, whatever they asked', async () => {
    // The organization's own audit trail too, after a super-admin set its credentials.
    expect((await setProviderConfig(org.id, { provider_slug: 'heyreach', config: { api_key: 'k-heyreach' } })).status).toBe(200);
    expect((await asAdmin('GET', '/api/audit-events?limit=500')).status).toBe(200);
    expect((await asAdmin('GET', '/api/entitlements/?limit=500')).status).toBe(200);

    expect(tenantAnswers.length).toBeGreaterThan(50);
    const naming = tenantAnswers.filter((answer) => PROVIDER_NAMES_HIDDEN_FROM_TENANTS.test(answer.text)).map((answer) => answer.label);
    expect(naming).toEqual([]);
  });
});
