import { randomUUID } from 'node:crypto';
import type { HttpClient } from './http-client.js';
import { uniqueSlug } from './super-admin-fixture.js';

export interface TenantUserCredentials {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly companyId: string | null;
}

export interface TenantOrganization {
  readonly id: string;
  readonly slug: string;
}

export const TENANT_PASSWORD = 'tenant-password-long-enough';

/** A unique address per call: test files share their worker's database. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.test`;
}

async function expectStatus<T>(label: string, expected: number, call: Promise<{ status: number; body: T }>): Promise<T> {
  const response = await call;
  if (response.status !== expected) {
    throw new Error(`${label}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** A new organization created by a super-admin, activated unless told otherwise. */
export async function createOrganization(
  request: HttpClient,
  superAdminToken: string,
  options: { activate?: boolean; name?: string } = {},
): Promise<TenantOrganization> {
  const slug = uniqueSlug();
  const organization = await expectStatus<{ id: string; slug: string }>(
    'create organization',
    201,
    request('POST', '/api/super-admin/organizations', { token: superAdminToken, body: { name: options.name ?? `Org ${slug}`, slug } }),
  );
  if (options.activate ?? true) {
    await expectStatus('activate organization', 200, request('POST', `/api/super-admin/organizations/${organization.id}/activate`, { token: superAdminToken }));
  }
  return { id: organization.id, slug: organization.slug };
}

export async function createCompanyAsSuperAdmin(request: HttpClient, superAdminToken: string, orgId: string, name = `Company ${randomUUID().slice(0, 8)}`) {
  return expectStatus<{ id: string; name: string }>(
    'create company',
    201,
    request('POST', `/api/super-admin/organizations/${orgId}/companies`, { token: superAdminToken, body: { name } }),
  );
}

/** A user bootstrapped by a super-admin; `companyId` is required for the company roles. */
export async function createUserAsSuperAdmin(
  request: HttpClient,
  superAdminToken: string,
  orgId: string,
  options: { role?: 'org_admin' | 'company_admin' | 'company_member'; companyId?: string; email?: string; password?: string } = {},
): Promise<TenantUserCredentials> {
  const email = options.email ?? uniqueEmail(options.role ?? 'org_admin');
  const password = options.password ?? TENANT_PASSWORD;
  const user = await expectStatus<{ id: string; company_id: string | null }>(
    'create user',
    201,
    request('POST', `/api/super-admin/organizations/${orgId}/users`, {
      token: superAdminToken,
      body: { email, password, role: options.role ?? 'org_admin', ...(options.companyId ? { company_id: options.companyId } : {}) },
    }),
  );
  return { id: user.id, email, password, companyId: user.company_id };
}

/** Logs a tenant user in and answers the session token. */
export async function loginTenant(request: HttpClient, credentials: { email: string; password: string }): Promise<string> {
  const body = await expectStatus<{ access_token: string }>(
    'tenant login',
    200,
    request('POST', '/api/auth/login', { body: { email: credentials.email, password: credentials.password } }),
  );
  return body.access_token;
}

/** An API token a super-admin issues for a user; answers its raw value and id. */
export async function issueApiToken(
  request: HttpClient,
  superAdminToken: string,
  orgId: string,
  userId: string,
  options: { name?: string; expiresAt?: string } = {},
): Promise<{ id: string; token: string }> {
  return expectStatus<{ id: string; token: string }>(
    'issue api token',
    201,
    request('POST', `/api/super-admin/organizations/${orgId}/api-tokens`, {
      token: superAdminToken,
      body: { user_id: userId, ...(options.name ? { name: options.name } : {}), ...(options.expiresAt ? { expires_at: options.expiresAt } : {}) },
    }),
  );
}
