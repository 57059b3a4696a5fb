import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { auditRowsForRequest } from '../support/audit-rows.js';
import { httpClient, type HttpClient, type RequestOptions } from '../support/http-client.js';
import { contractProblems } from '../support/reference-contract.js';
import { createSuperAdmin, loginSuperAdmin } from '../support/super-admin-fixture.js';
import {
  TENANT_PASSWORD,
  createOrganization,
  createUserAsSuperAdmin,
  loginTenant,
  uniqueEmail,
  type TenantOrganization,
} from '../support/tenant-fixture.js';
import { startTestServer } from '../support/test-server.js';

interface ErrorBody {
  detail: string;
  code: string;
  errors: { loc: (string | number)[]; msg: string; type: string }[];
}

interface OrganizationBody {
  id: string;
  name: string;
  slug: string;
  status: string;
}

interface CompanyBody {
  id: string;
  org_id: string;
  name: string;
  domain: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

interface UserBody {
  id: string;
  org_id: string;
  email: string;
  company_id: string | null;
  name_first: string | null;
  name_last: string | null;
  role: string;
}

let server: RunningServer;
let request: HttpClient;
let saToken: string;
let org: TenantOrganization;
let other: TenantOrganization;
let adminId: string;
let adminToken: string;
let otherToken: string;

beforeAll(async () => {
  server = await startTestServer();
  request = httpClient(server.url);
  saToken = await loginSuperAdmin(request, await createSuperAdmin(server));
  org = await createOrganization(request, saToken);
  other = await createOrganization(request, saToken);
  const admin = await createUserAsSuperAdmin(request, saToken, org.id);
  adminId = admin.id;
  adminToken = await loginTenant(request, admin);
  otherToken = await loginTenant(request, await createUserAsSuperAdmin(request, saToken, other.id));
});

afterAll(async () => {
  await server?.close();
});

function as(token: string, options: Omit<RequestOptions, 'token'> = {}): RequestOptions {
  return { token, ...options };
}

/** A request id to find the audit rows of one call by. */
function traced(label: string): { headers: Record<string, string>; requestId: string } {
  const requestId = `${label}-${randomUUID()}`;
  return { headers: { 'x-request-id': requestId }, requestId };
}

async function createCompany(token = adminToken, name = `Company ${randomUUID().slice(0, 8)}`): Promise<CompanyBody> {
  const response = await request<CompanyBody>('POST', '/api/companies/', as(token, { body: { name } }));
  expect(response.status).toBe(201);
  return response.body;
}

async function createUser(body: Record<string, unknown>, token = adminToken): Promise<UserBody> {
  const response = await request<UserBody>('POST', '/api/users/', as(token, { body: { email: uniqueEmail(), password: TENANT_PASSWORD, ...body } }));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** The answer for a foreign id must be byte-for-byte the answer for an id nobody ever used. */
async function expectIndistinguishableFromMissing(method: string, foreignPath: string, missingPath: string, options: RequestOptions) {
  const foreign = await request<ErrorBody>(method, foreignPath, options);
  const missing = await request<ErrorBody>(method, missingPath, options);
  expect(foreign.status, `${method} ${foreignPath}`).toBe(404);
  expect(missing.status, `${method} ${missingPath}`).toBe(404);
  expect(foreign.body).toEqual(missing.body);
}

describe('tenant organizations', () => {
  it("lists and gets only the caller's organization, in the reference shape", async () => {
    const list = await request<OrganizationBody[]>('GET', '/api/organizations/', as(adminToken));
    expect(list.status).toBe(200);
    expect(list.body.map((organization) => organization.id)).toEqual([org.id]);
    expect(contractProblems('src__models__organizations__OrganizationResponse', list.body[0])).toEqual([]);

    const withoutSlash = await request<OrganizationBody[]>('GET', '/api/organizations', as(adminToken));
    expect(withoutSlash.body).toEqual(list.body);

    const own = await request<OrganizationBody>('GET', `/api/organizations/${org.id}`, as(adminToken));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: org.id, slug: org.slug, status: 'active' });
    expect(contractProblems('src__models__organizations__OrganizationResponse', own.body)).toEqual([]);
  });

  it('answers another organization exactly like a missing one, for reads and writes', async () => {
    await expectIndistinguishableFromMissing('GET', `/api/organizations/${other.id}`, `/api/organizations/${randomUUID()}`, as(adminToken));
    await expectIndistinguishableFromMissing(
      'PUT',
      `/api/organizations/${other.id}`,
      `/api/organizations/${randomUUID()}`,
      as(adminToken, { body: { name: 'Hijacked' } }),
    );
    const untouched = await request<OrganizationBody>('GET', `/api/organizations/${other.id}`, as(otherToken));
    expect(untouched.body.name).not.toBe('Hijacked');
  });

  it('lets an org_admin rename the organization and audits it as the user', async () => {
    const { headers, requestId } = traced('org-rename');
    const response = await request<OrganizationBody>('PUT', `/api/organizations/${org.id}/`, as(adminToken, { body: { name: 'Renamed Org' }, headers }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: org.id, name: 'Renamed Org', slug: org.slug });
    expect(contractProblems('src__models__organizations__OrganizationResponse', response.body)).toEqual([]);
    expect(await auditRowsForRequest(requestId)).toEqual([
      expect.objectContaining({
        action: 'organization.update',
        outcome: 'success',
        actor_type: 'user',
        actor_id: adminId,
        org_id: org.id,
        detail: { fields: ['name'] },
      }),
    ]);
  });

  it('refuses an update that names nothing (400 empty_update) and an empty name of an active organization (400)', async () => {
    for (const body of [{}, { name: null, slug: null }]) {
      const response = await request<ErrorBody>('PUT', `/api/organizations/${org.id}`, as(adminToken, { body }));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('empty_update');
    }
    const nameless = await request<ErrorBody>('PUT', `/api/organizations/${org.id}`, as(adminToken, { body: { name: '  ' } }));
    expect(nameless.status).toBe(400);
    expect(nameless.body.code).toBe('organization_name_required');
  });
});

describe('companies', () => {
  it('creates, lists, gets, updates and soft-deletes a company in the reference shape, auditing each write', async () => {
    const create = traced('company-create');
    const created = await request<CompanyBody>(
      'POST',
      '/api/companies/',
      as(adminToken, { body: { name: ' Acme ', domain: 'Acme.com' }, headers: create.headers }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ org_id: org.id, name: 'Acme', domain: 'acme.com', status: 'active' });
    expect(contractProblems('src__models__companies__CompanyResponse', created.body)).toEqual([]);
    expect(await auditRowsForRequest(create.requestId)).toEqual([
      expect.objectContaining({
        action: 'company.create',
        outcome: 'success',
        actor_id: adminId,
        org_id: org.id,
        target_type: 'company',
        target_id: created.body.id,
      }),
    ]);
    const id = created.body.id;

    const list = await request<CompanyBody[]>('GET', '/api/companies/?limit=500', as(adminToken));
    expect(list.status).toBe(200);
    expect(list.body.map((company) => company.id)).toContain(id);
    for (const company of list.body) expect(contractProblems('src__models__companies__CompanyResponse', company)).toEqual([]);

    const fetched = await request<CompanyBody>('GET', `/api/companies/${id}`, as(adminToken));
    expect(fetched.body).toEqual(created.body);

    const update = traced('company-update');
    const updated = await request<CompanyBody>(
      'PUT',
      `/api/companies/${id}`,
      as(adminToken, { body: { status: 'inactive', domain: null }, headers: update.headers }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: 'Acme', domain: null, status: 'inactive' });
    expect(contractProblems('src__models__companies__CompanyResponse', updated.body)).toEqual([]);
    expect(await auditRowsForRequest(update.requestId)).toEqual([
      expect.objectContaining({ action: 'company.update', outcome: 'success', detail: { fields: ['domain', 'status'] } }),
    ]);

    const remove = traced('company-delete');
    const deleted = await request('DELETE', `/api/companies/${id}`, as(adminToken, { headers: remove.headers }));
    expect(deleted.status).toBe(204);
    expect(await auditRowsForRequest(remove.requestId)).toEqual([
      expect.objectContaining({ action: 'company.delete', outcome: 'success', target_id: id, detail: { deleted_users: 0, deleted_entitlements: 0 } }),
    ]);

    const gone = await request<ErrorBody>('GET', `/api/companies/${id}`, as(adminToken));
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ detail: 'Company not found.', code: 'company_not_found', errors: [] });
    const after = await request<CompanyBody[]>('GET', '/api/companies/?limit=500', as(adminToken));
    expect(after.body.map((company) => company.id)).not.toContain(id);
    expect((await request('DELETE', `/api/companies/${id}`, as(adminToken))).status).toBe(404);
  });

  it('keeps names unique per organization: 409 on clash, free in another organization', async () => {
    const name = `Unique ${randomUUID().slice(0, 8)}`;
    await createCompany(adminToken, name);
    const clash = await request<ErrorBody>('POST', '/api/companies/', as(adminToken, { body: { name: name.toUpperCase() } }));
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('company_name_taken');
    await createCompany(otherToken, name);
  });

  it('deleting a company soft-deletes its users, whose sessions stop working', async () => {
    const company = await createCompany();
    const member = await createUser({ role: 'company_member', company_id: company.id });
    const memberToken = await loginTenant(request, { email: member.email, password: TENANT_PASSWORD });

    const { headers, requestId } = traced('company-delete-users');
    expect((await request('DELETE', `/api/companies/${company.id}`, as(adminToken, { headers }))).status).toBe(204);

    expect(await auditRowsForRequest(requestId)).toEqual([expect.objectContaining({ action: 'company.delete', detail: { deleted_users: 1, deleted_entitlements: 0 } })]);
    expect((await request('GET', `/api/users/${member.id}`, as(adminToken))).status).toBe(404);
    expect((await request('GET', '/api/auth/me', as(memberToken))).status).toBe(401);
  });

  it('pages with limit and an X-Next-Cursor header, each company once', async () => {
    const created = [await createCompany(), await createCompany(), await createCompany()];
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = after ? `?limit=2&after=${encodeURIComponent(after)}` : '?limit=2';
      const page = await request<CompanyBody[]>('GET', `/api/companies/${query}`, as(adminToken));
      expect(page.status).toBe(200);
      expect(page.body.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.map((company) => company.id));
      after = page.headers.get('x-next-cursor');
      pages += 1;
    } while (after && pages < 500);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => created.some((company) => company.id === id))).toEqual(created.map((company) => company.id));
  });

  it("answers another organization's company exactly like a missing one and leaves it alone", async () => {
    const foreign = await createCompany(otherToken);
    for (const [method, options] of [
      ['GET', as(adminToken)],
      ['PUT', as(adminToken, { body: { name: 'Hijacked' } })],
      ['DELETE', as(adminToken)],
    ] as const) {
      await expectIndistinguishableFromMissing(method, `/api/companies/${foreign.id}`, `/api/companies/${randomUUID()}`, options);
    }
    const untouched = await request<CompanyBody>('GET', `/api/companies/${foreign.id}`, as(otherToken));
    expect(untouched.body).toEqual(foreign);
  });

  it('refuses org_id in a body or query with 422, and an empty update with 400', async () => {
    const company = await createCompany();
    const inBody = await request<ErrorBody>('POST', '/api/companies/', as(adminToken, { body: { name: 'X', org_id: other.id } }));
    expect(inBody.status).toBe(422);
    expect(inBody.body.errors.map((problem) => problem.loc.join('.'))).toContain('body.org_id');
    const inQuery = await request<ErrorBody>('GET', `/api/companies/?org_id=${other.id}`, as(adminToken));
    expect(inQuery.status).toBe(422);

    const empty = await request<ErrorBody>('PUT', `/api/companies/${company.id}`, as(adminToken, { body: { name: null } }));
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('empty_update');
  });

  it('is closed to company roles (403 permission_denied)', async () => {
    const company = await createCompany();
    const companyAdmin = await createUser({ role: 'company_admin', company_id: company.id });
    const token = await loginTenant(request, { email: companyAdmin.email, password: TENANT_PASSWORD });
    for (const [method, path] of [
      ['GET', '/api/companies/'],
      ['GET', `/api/companies/${company.id}`],
      ['POST', '/api/companies/'],
      ['GET', '/api/users/'],
    ] as const) {
      const response = await request<ErrorBody>(method, path, as(token, method === 'POST' ? { body: { name: 'x' } } : {}));
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.code).toBe('permission_denied');
    }
  });
});

describe('users', () => {
  it('creates, lists, gets, updates and soft-deletes a user in the reference shape, never showing a password', async () => {
    const company = await createCompany();
    const email = uniqueEmail('member');
    const create = traced('user-create');
    const created = await request<UserBody>('POST', '/api/users/', as(adminToken, {
      body: { email: email.toUpperCase(), password: TENANT_PASSWORD, role: 'user', company_id: company.id, name_first: 'Ada' },
      headers: create.headers,
    }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ org_id: org.id, email, role: 'company_member', company_id: company.id, name_first: 'Ada', name_last: null });
    expect(contractProblems('UserResponse', created.body)).toEqual([]);
    expect(JSON.stringify(created.body)).not.toMatch(/password|hash|scrypt/i);
    expect(JSON.stringify(created.body)).not.toContain(TENANT_PASSWORD);
    const createRows = await auditRowsForRequest(create.requestId);
    expect(createRows).toEqual([expect.objectContaining({ action: 'user.create', outcome: 'success', target_id: created.body.id, org_id: org.id })]);
    expect(JSON.stringify(createRows)).not.toContain(email);
    const id = created.body.id;

    const list = await request<UserBody[]>('GET', `/api/users/?company_id=${company.id}`, as(adminToken));
    expect(list.status).toBe(200);
    expect(list.body.map((user) => user.id)).toEqual([id]);
    for (const user of list.body) expect(contractProblems('UserResponse', user)).toEqual([]);
    const all = await request<UserBody[]>('GET', '/api/users/?limit=500', as(adminToken));
    expect(all.body.map((user) => user.id)).toEqual(expect.arrayContaining([adminId, id]));
    expect(JSON.stringify(all.body)).not.toMatch(/password|scrypt/i);

    const fetched = await request<UserBody>('GET', `/api/users/${id}`, as(adminToken));
    expect(fetched.body).toEqual(created.body);

    const update = traced('user-update');
    const newPassword = 'a-brand-new-long-password';
    const updated = await request<UserBody>('PUT', `/api/users/${id}`, as(adminToken, {
      body: { name_last: 'Lovelace', password: newPassword, role: 'company_admin' },
      headers: update.headers,
    }));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name_last: 'Lovelace', role: 'company_admin', company_id: company.id });
    expect(contractProblems('UserResponse', updated.body)).toEqual([]);
    const updateRows = await auditRowsForRequest(update.requestId);
    expect(updateRows).toEqual([
      expect.objectContaining({ action: 'user.update', outcome: 'success', detail: { fields: ['password', 'nameLast', 'role'] } }),
    ]);
    expect(JSON.stringify(updateRows)).not.toMatch(/Lovelace|brand-new/);
    await loginTenant(request, { email, password: newPassword });

    const remove = traced('user-delete');
    expect((await request('DELETE', `/api/users/${id}`, as(adminToken, { headers: remove.headers }))).status).toBe(204);
    expect(await auditRowsForRequest(remove.requestId)).toEqual([expect.objectContaining({ action: 'user.delete', outcome: 'success', target_id: id })]);
    const gone = await request<ErrorBody>('GET', `/api/users/${id}`, as(adminToken));
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ detail: 'User not found.', code: 'user_not_found', errors: [] });
    const listAfter = await request<UserBody[]>('GET', '/api/users/?limit=500', as(adminToken));
    expect(listAfter.body.map((user) => user.id)).not.toContain(id);
    const login = await request('POST', '/api/auth/login', { body: { email, password: newPassword } });
    expect(login.status).toBe(401);
  });

  it('validates the role/company pairing (400), the password (422), the email (409) and the company (404)', async () => {
    const company = await createCompany();
    const foreignCompany = await createCompany(otherToken);
    const email = uniqueEmail('dup');
    await createUser({ email, role: 'org_admin' });

    const cases: [Record<string, unknown>, number, string][] = [
      [{ role: 'org_admin', company_id: company.id }, 400, 'role_company_mismatch'],
      [{ role: 'company_member' }, 400, 'role_company_mismatch'],
      [{}, 400, 'role_company_mismatch'],
      [{ role: 'admin', password: 'short' }, 422, 'weak_password'],
      [{ role: 'admin', email: email.toUpperCase() }, 409, 'user_email_taken'],
      [{ role: 'company_admin', company_id: foreignCompany.id }, 404, 'company_not_found'],
      [{ role: 'owner' }, 422, 'validation_failed'],
      [{ role: 'admin', email: 'not-an-email' }, 422, 'validation_failed'],
    ];
    for (const [overrides, status, code] of cases) {
      const body = { email: uniqueEmail(), password: TENANT_PASSWORD, ...overrides };
      const response = await request<ErrorBody>('POST', '/api/users/', as(adminToken, { body }));
      expect(response.status, JSON.stringify(overrides)).toBe(status);
      expect(response.body.code, JSON.stringify(overrides)).toBe(code);
    }

    const withCompany = (companyId: string) =>
      as(adminToken, { body: { email: uniqueEmail(), password: TENANT_PASSWORD, role: 'company_admin', company_id: companyId } });
    const foreign = await request<ErrorBody>('POST', '/api/users/', withCompany(foreignCompany.id));
    const missing = await request<ErrorBody>('POST', '/api/users/', withCompany(randomUUID()));
    expect(foreign.body).toEqual(missing.body);
  });

  it('refuses acting users deleting themselves or changing their own role or company (400 own_access_change)', async () => {
    const company = await createCompany();
    const self = await request<ErrorBody>('DELETE', `/api/users/${adminId}`, as(adminToken));
    expect(self.status).toBe(400);
    expect(self.body.code).toBe('own_access_change');

    const demote = await request<ErrorBody>('PUT', `/api/users/${adminId}`, as(adminToken, { body: { role: 'company_admin', company_id: company.id } }));
    expect(demote.status).toBe(400);
    expect(demote.body.code).toBe('own_access_change');

    const rename = await request<UserBody>('PUT', `/api/users/${adminId}`, as(adminToken, { body: { name_first: 'Self', role: 'org_admin' } }));
    expect(rename.status).toBe(200);
    expect(rename.body).toMatchObject({ name_first: 'Self', role: 'org_admin' });
  });

  it("answers another organization's user or company exactly like a missing one", async () => {
    const foreignUser = (await request<UserBody[]>('GET', '/api/users/', as(otherToken))).body[0]!;
    for (const [method, options] of [
      ['GET', as(adminToken)],
      ['PUT', as(adminToken, { body: { name_first: 'Mallory' } })],
      ['DELETE', as(adminToken)],
    ] as const) {
      await expectIndistinguishableFromMissing(method, `/api/users/${foreignUser.id}`, `/api/users/${randomUUID()}`, options);
    }
    const foreignCompany = await createCompany(otherToken);
    await expectIndistinguishableFromMissing('GET', `/api/users/?company_id=${foreignCompany.id}`, `/api/users/?company_id=${randomUUID()}`, as(adminToken));
    const own = await createCompany();
    const member = await createUser({ role: 'company_member', company_id: own.id });
    const toForeign = await request<ErrorBody>('PUT', `/api/users/${member.id}`, as(adminToken, { body: { company_id: foreignCompany.id } }));
    const toMissing = await request<ErrorBody>('PUT', `/api/users/${member.id}`, as(adminToken, { body: { company_id: randomUUID() } }));
    expect(toForeign.status).toBe(404);
    expect(toForeign.body).toEqual(toMissing.body);
    expect((await request<UserBody>('GET', `/api/users/${member.id}`, as(adminToken))).body.company_id).toBe(own.id);
    expect((await request<UserBody>('GET', `/api/users/${foreignUser.id}`, as(otherToken))).body.name_first).not.toBe('Mallory');
  });
});
