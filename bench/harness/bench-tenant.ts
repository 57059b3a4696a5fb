// Tenants the outreach scenarios work as, set up through the service's real API the way an
// operator would: an active organization with an org admin, and companies whose email outreach
// is connected to a provider (the simulator's accepted key), as tests/support/email-outreach-fixture.ts does.
import { randomBytes } from 'node:crypto';
import { serviceRequest, stringField } from './service-request.js';

export interface BenchOrganization {
  readonly orgId: string;
  /** Session token of the organization's admin (org_admin: names the company on every call). */
  readonly orgAdminToken: string;
  readonly orgAdminId: string;
}

/** Email outreach providers the lead import can run against, with what provisioning needs. */
export type EmailProviderAccess =
  | { readonly slug: 'instantly'; readonly apiKey: string }
  | { readonly slug: 'smartlead'; readonly apiKey: string; readonly clientId: number };

/** A new organization (slug must be unique in the service's database), activated, with one org admin logged in. */
export async function activeOrganizationWithAdmin(serviceUrl: string, superAdminToken: string, slug: string): Promise<BenchOrganization> {
  const asSuperAdmin = { token: superAdminToken };
  const organization = await serviceRequest(serviceUrl, 'POST', '/api/super-admin/organizations', { ...asSuperAdmin, body: { name: `Bench ${slug}`, slug } });
  const orgId = stringField(organization, 'id');
  await serviceRequest(serviceUrl, 'POST', `/api/super-admin/organizations/${orgId}/activate`, asSuperAdmin);
  const credentials = { email: `${slug}-admin@bench.example.com`, password: randomBytes(18).toString('base64url') };
  const admin = await serviceRequest(serviceUrl, 'POST', `/api/super-admin/organizations/${orgId}/users`, {
    ...asSuperAdmin,
    body: { ...credentials, role: 'org_admin' },
  });
  const login = await serviceRequest(serviceUrl, 'POST', '/api/auth/login', { body: credentials });
  return { orgId, orgAdminToken: stringField(login, 'access_token'), orgAdminId: stringField(admin, 'id') };
}

/**
 * A new company of the organization with email outreach connected to the provider: the key is
 * stored as the organization's provider config, then provisioning proves it with one call.
 */
export async function connectedEmailCompany(serviceUrl: string, superAdminToken: string, orgId: string, provider: EmailProviderAccess): Promise<string> {
  const asSuperAdmin = { token: superAdminToken };
  const company = await serviceRequest(serviceUrl, 'POST', `/api/super-admin/organizations/${orgId}/companies`, {
    ...asSuperAdmin,
    body: { name: `Bench ${provider.slug} company` },
  });
  const companyId = stringField(company, 'id');
  await serviceRequest(serviceUrl, 'PUT', `/api/super-admin/organizations/${orgId}/provider-config`, {
    ...asSuperAdmin,
    body: { provider_slug: provider.slug, config: { api_key: provider.apiKey } },
  });
  await serviceRequest(serviceUrl, 'POST', `/api/internal/provisioning/email-outreach/${companyId}`, {
    ...asSuperAdmin,
    body: provider.slug === 'smartlead' ? { provider: 'smartlead', smartlead_client_id: provider.clientId } : { provider: 'instantly' },
    expect: [200],
  });
  return companyId;
}
