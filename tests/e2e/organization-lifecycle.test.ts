import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { auditRowsForRequest } from '../support/audit-rows.js';
import { httpClient, type HttpClient } from '../support/http-client.js';
import { contractProblems } from '../support/reference-contract.js';
import { createSuperAdmin, loginSuperAdmin, uniqueSlug } from '../support/super-admin-fixture.js';
import {
  TENANT_PASSWORD,
  createCompanyAsSuperAdmin,
  createOrganization,
  createUserAsSuperAdmin,
  loginTenant,
  uniqueEmail,
} from '../support/tenant-fixture.js';
import { startTestServer } from '../support/test-server.js';

interface ErrorBody {
  detail: string;
  code: string;
  errors: unknown[];
}

interface OrganizationBody {
  id: string;
  name: string;
  slug: string;
  status: string;
  updated_at: string;
}

interface UserBody {
  id: string;
  org_id: string;
  email: string;
  company_id: string | null;
  role: string;
}

interface CompanyBody {
  id: string;
  org_id: string;
  name: string;
}

let server: RunningServer;
let request: HttpClient;
let saId: string;
let saToken: string;

beforeAll(async () => {
  server = await startTestServer();
  request = httpClient(server.url);
  const superAdmin = await createSuperAdmin(server);
  saId = superAdmin.id;
  saToken = await loginSuperAdmin(request, superAdmin);
});

afterAll(async () => {
  await server?.close();
});

async function newOrganization(name = 'Lifecycle Org'): Promise<OrganizationBody> {
  const response = await request<OrganizationBody>('POST', '/api/super-admin/organizations', { token: saToken, body: { name, slug: uniqueSlug('life') } });
  expect(response.status).toBe(201);
  return response.body;
}

function step(method: 'POST' | 'PUT', orgId: string, transition: 'activate' | 'suspend', headers: Record<string, string> = {}) {
  return request<OrganizationBody & ErrorBody>(method, `/api/super-admin/organizations/${orgId}/${transition}`, { token: saToken, headers });
}

describe('organization lifecycle', () => {
  it('activates, suspends and reactivates through POST and PUT alike, answering the organization with its status', async () => {
    const organization = await newOrganization();
    expect(organization.status).toBe('onboarding');

    const requestId = `activate-${randomUUID()}`;
    const activated = await step('POST', organization.id, 'activate', { 'x-request-id': requestId });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ id: organization.id, status: 'active' });
    expect(contractProblems('src__routers__super_admin__OrganizationResponse', activated.body)).toEqual([]);
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({
        action: 'organization.activate',
        outcome: 'success',
        actor_type: 'super_admin',
        actor_id: saId,
        org_id: organization.id,
        target_id: organization.id,
        detail: { from: 'onboarding', to: 'active' },
      }),
    ]);

    const suspendId = `suspend-${randomUUID()}`;
    const suspended = await step('PUT', organization.id, 'suspend', { 'x-request-id': suspendId });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expect(await auditRowsForRequest(suspendId)).toEqual([
      expect.objectContaining({ action: 'organization.suspend', outcome: 'success', detail: { from: 'active', to: 'suspended' } }),
    ]);
    expect((await step('POST', organization.id, 'suspend')).body.status).toBe('suspended');

    const reactivated = await step('PUT', organization.id, 'activate');
    expect(reactivated.status).toBe(200);
    expect(reactivated.body.status).toBe('active');
    const fetched = await request<OrganizationBody>('GET', `/api/super-admin/organizations/${organization.id}`, { token: saToken });
    expect(fetched.body.status).toBe('active');
  });

  it('refuses to suspend an onboarding organization (409) and to activate a nameless one (400)', async () => {
    const onboarding = await newOrganization();
    const suspend = await step('POST', onboarding.id, 'suspend');
    expect(suspend.status).toBe(409);
    expect(suspend.body.code).toBe('illegal_organization_transition');

    const nameless = await newOrganization('');
    const requestId = `nameless-${randomUUID()}`;
    for (const method of ['POST', 'PUT'] as const) {
      const activate = await step(method, nameless.id, 'activate', { 'x-request-id': requestId });
      expect(activate.status).toBe(400);
      expect(activate.body.code).toBe('organization_name_required');
    }
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({ action: 'organization.activate', outcome: 'failure', detail: { code: 'organization_name_required' } }),
      expect.objectContaining({ action: 'organization.activate', outcome: 'failure', detail: { code: 'organization_name_required' } }),
    ]);

    const named = await request('PUT', `/api/super-admin/organizations/${nameless.id}`, { token: saToken, body: { name: 'Now Named' } });
    expect(named.status).toBe(200);
    expect((await step('POST', nameless.id, 'activate')).body.status).toBe('active');
  });

  it('answers an unknown or deleted organization with 404 for every method and step', async () => {
    const deleted = await newOrganization();
    expect((await request('DELETE', `/api/super-admin/organizations/${deleted.id}`, { token: saToken })).status).toBe(204);
    for (const orgId of [randomUUID(), deleted.id]) {
      for (const method of ['POST', 'PUT'] as const) {
        for (const transition of ['activate', 'suspend'] as const) {
          const response = await step(method, orgId, transition);
          expect(response.status, `${method} ${transition}`).toBe(404);
          expect(response.body.code).toBe('organization_not_found');
        }
      }
    }
  });

  it('is closed to tenant tokens (401) and to callers without a token', async () => {
    const organization = await createOrganization(request, saToken);
    const admin = await createUserAsSuperAdmin(request, saToken, organization.id);
    const tenantToken = await loginTenant(request, admin);
    const asTenant = await request('POST', `/api/super-admin/organizations/${organization.id}/suspend`, { token: tenantToken });
    expect(asTenant.status).toBe(401);
    expect((await request('POST', `/api/super-admin/organizations/${organization.id}/suspend`)).status).toBe(401);
  });

  it("leaves a suspended organization's users reading but not writing (403 organization_suspended)", async () => {
    const organization = await createOrganization(request, saToken);
    const company = await createCompanyAsSuperAdmin(request, saToken, organization.id);
    const admin = await createUserAsSuperAdmin(request, saToken, organization.id);
    const token = await loginTenant(request, admin);
    expect((await step('POST', organization.id, 'suspend')).status).toBe(200);

    for (const path of ['/api/organizations/', `/api/organizations/${organization.id}`, '/api/companies/', `/api/companies/${company.id}`, '/api/users/']) {
      const read = await request('GET', path, { token });
      expect(read.status, `GET ${path}`).toBe(200);
    }
    const writes: [string, string, unknown][] = [
      ['PUT', `/api/organizations/${organization.id}`, { name: 'Renamed' }],
      ['POST', '/api/companies/', { name: 'New Co' }],
      ['PUT', `/api/companies/${company.id}`, { name: 'Renamed Co' }],
      ['DELETE', `/api/companies/${company.id}`, undefined],
      ['POST', '/api/users/', { email: uniqueEmail(), password: TENANT_PASSWORD, role: 'org_admin' }],
      ['PUT', `/api/users/${admin.id}`, { name_first: 'X' }],
    ];
    for (const [method, path, body] of writes) {
      const response = await request<ErrorBody>(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.code).toBe('organization_suspended');
    }

    expect((await step('PUT', organization.id, 'activate')).status).toBe(200);
    const afterReactivation = await request('POST', '/api/companies/', { token, body: { name: 'After Reactivation' } });
    expect(afterReactivation.status).toBe(201);
  });
});

describe('super-admin organization members', () => {
  it('creates users (org_admin by default, company roles with company_id), lists and deletes them, in the reference shape', async () => {
    const organization = await createOrganization(request, saToken);
    const companyResponse = await request<CompanyBody>('POST', `/api/super-admin/organizations/${organization.id}/companies`, {
      token: saToken,
      body: { name: 'Bootstrap Co', domain: 'bootstrap.example' },
    });
    expect(companyResponse.status).toBe(201);
    expect(companyResponse.body).toMatchObject({ org_id: organization.id, name: 'Bootstrap Co' });
    expect(contractProblems('src__routers__super_admin__CompanyResponse', companyResponse.body)).toEqual([]);
    const company = companyResponse.body;

    const requestId = `sa-user-${randomUUID()}`;
    const email = uniqueEmail('boot');
    const admin = await request<UserBody>('POST', `/api/super-admin/organizations/${organization.id}/users`, {
      token: saToken,
      body: { email, password: TENANT_PASSWORD },
      headers: { 'x-request-id': requestId },
    });
    expect(admin.status).toBe(201);
    expect(admin.body).toMatchObject({ org_id: organization.id, email, role: 'org_admin', company_id: null });
    expect(contractProblems('UserResponse', admin.body)).toEqual([]);
    expect(JSON.stringify(admin.body)).not.toMatch(/password|hash|scrypt/i);
    const rows = await auditRowsForRequest(requestId);
    expect(rows).toEqual([
      expect.objectContaining({ action: 'user.create', outcome: 'success', actor_type: 'super_admin', org_id: organization.id, target_id: admin.body.id }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(email);

    const member = await request<UserBody>('POST', `/api/super-admin/organizations/${organization.id}/users`, {
      token: saToken,
      body: { email: uniqueEmail('member'), password: TENANT_PASSWORD, role: 'user', company_id: company.id },
    });
    expect(member.status).toBe(201);
    expect(member.body).toMatchObject({ role: 'company_member', company_id: company.id });

    const users = await request<UserBody[]>('GET', `/api/super-admin/organizations/${organization.id}/users`, { token: saToken });
    expect(users.status).toBe(200);
    expect(users.body.map((user) => user.id)).toEqual([admin.body.id, member.body.id]);
    for (const user of users.body) expect(contractProblems('UserResponse', user)).toEqual([]);
    const ofCompany = await request<UserBody[]>('GET', `/api/super-admin/organizations/${organization.id}/users?company_id=${company.id}`, { token: saToken });
    expect(ofCompany.body.map((user) => user.id)).toEqual([member.body.id]);

    const companies = await request<CompanyBody[]>('GET', `/api/super-admin/organizations/${organization.id}/companies`, { token: saToken });
    expect(companies.status).toBe(200);
    expect(companies.body.map((entry) => entry.id)).toEqual([company.id]);
    for (const entry of companies.body) expect(contractProblems('src__routers__super_admin__CompanyResponse', entry)).toEqual([]);

    const deleted = await request('DELETE', `/api/super-admin/organizations/${organization.id}/users/${member.body.id}`, { token: saToken });
    expect(deleted.status).toBe(204);
    const afterDelete = await request<UserBody[]>('GET', `/api/super-admin/organizations/${organization.id}/users`, { token: saToken });
    expect(afterDelete.body.map((user) => user.id)).toEqual([admin.body.id]);
    const again = await request<ErrorBody>('DELETE', `/api/super-admin/organizations/${organization.id}/users/${member.body.id}`, { token: saToken });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('user_not_found');
  });

  it("refuses another organization's company (404) and a user id of another organization (404)", async () => {
    const first = await createOrganization(request, saToken);
    const second = await createOrganization(request, saToken);
    const foreignCompany = await createCompanyAsSuperAdmin(request, saToken, second.id);
    const foreignUser = await createUserAsSuperAdmin(request, saToken, second.id);

    const create = await request<ErrorBody>('POST', `/api/super-admin/organizations/${first.id}/users`, {
      token: saToken,
      body: { email: uniqueEmail(), password: TENANT_PASSWORD, role: 'company_admin', company_id: foreignCompany.id },
    });
    expect(create.status).toBe(404);
    expect(create.body.code).toBe('company_not_found');

    const remove = await request<ErrorBody>('DELETE', `/api/super-admin/organizations/${first.id}/users/${foreignUser.id}`, { token: saToken });
    expect(remove.status).toBe(404);
    const stillThere = await request<UserBody[]>('GET', `/api/super-admin/organizations/${second.id}/users`, { token: saToken });
    expect(stillThere.body.map((user) => user.id)).toContain(foreignUser.id);
  });

  it('answers an unknown organization with 404 on every member route', async () => {
    const missing = randomUUID();
    const cases: [string, string, unknown][] = [
      ['POST', `/api/super-admin/organizations/${missing}/users`, { email: uniqueEmail(), password: TENANT_PASSWORD }],
      ['GET', `/api/super-admin/organizations/${missing}/users`, undefined],
      ['DELETE', `/api/super-admin/organizations/${missing}/users/${randomUUID()}`, undefined],
      ['POST', `/api/super-admin/organizations/${missing}/companies`, { name: 'Nowhere' }],
      ['GET', `/api/super-admin/organizations/${missing}/companies`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const response = await request<ErrorBody>(method, path, { token: saToken, ...(body === undefined ? {} : { body }) });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.code).toBe('organization_not_found');
    }
  });

  it('validates bodies with 422 and the role/company pairing with 400', async () => {
    const organization = await createOrganization(request, saToken);
    const unknownField = await request<ErrorBody>('POST', `/api/super-admin/organizations/${organization.id}/users`, {
      token: saToken,
      body: { email: uniqueEmail(), password: TENANT_PASSWORD, extra: true },
    });
    expect(unknownField.status).toBe(422);
    const pairing = await request<ErrorBody>('POST', `/api/super-admin/organizations/${organization.id}/users`, {
      token: saToken,
      body: { email: uniqueEmail(), password: TENANT_PASSWORD, role: 'company_member' },
    });
    expect(pairing.status).toBe(400);
    expect(pairing.body.code).toBe('role_company_mismatch');
  });
});
