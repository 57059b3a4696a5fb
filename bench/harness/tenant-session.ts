/** A tenant to read as: an active organization with one org admin, built through the real API. */
export async function tenantSession(serviceUrl: string, superAdminToken: string): Promise<string> {
  const call = async (path: string, body: unknown, token?: string): Promise<Record<string, unknown>> => {
    const response = await fetch(`${serviceUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const organization = await call('/api/super-admin/organizations', { name: 'Bench Tenant', slug: 'bench-tenant' }, superAdminToken);
  await call(`/api/super-admin/organizations/${String(organization['id'])}/activate`, {}, superAdminToken);
  const credentials = { email: 'bench-tenant-admin@example.com', password: 'bench-tenant-password-long' };
  await call(`/api/super-admin/organizations/${String(organization['id'])}/users`, credentials, superAdminToken);
  const login = await call('/api/auth/login', credentials);
  if (typeof login['access_token'] !== 'string') throw new Error('tenant login answered no access_token');
  return login['access_token'];
}
