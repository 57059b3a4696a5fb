/** Logs in through the service's real endpoint; answers the bearer token. */
export async function loginSuperAdmin(serviceUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${serviceUrl}/api/super-admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`super-admin login answered ${response.status}: ${text.slice(0, 500)}`);
  const body: unknown = JSON.parse(text);
  if (typeof body !== 'object' || body === null || !('access_token' in body) || typeof body.access_token !== 'string') {
    throw new Error(`super-admin login answered no access_token: ${text.slice(0, 500)}`);
  }
  return body.access_token;
}
