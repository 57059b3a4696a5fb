import { randomUUID } from 'node:crypto';
import type { CreateSuperAdmin } from '../../application/identity/create-super-admin.js';
import { TOKENS } from '../../infrastructure/container/tokens.js';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import type { HttpClient } from './http-client.js';

export interface SuperAdminCredentials {
  readonly id: string;
  readonly email: string;
  readonly password: string;
}

/** A fresh super-admin (unique email, so test files sharing a worker database never clash). */
export async function createSuperAdmin(server: RunningServer): Promise<SuperAdminCredentials> {
  const email = `admin-${randomUUID()}@example.test`;
  const password = 'a-long-enough-password';
  const superAdmin = await server.application.container.get<CreateSuperAdmin>(TOKENS.CreateSuperAdmin).execute({
    context: { actor: { type: 'system' }, requestId: 'test-fixture' },
    email,
    password,
  });
  return { id: superAdmin.id, email, password };
}

export async function loginSuperAdmin(request: HttpClient, credentials: SuperAdminCredentials): Promise<string> {
  const response = await request<{ access_token: string }>('POST', '/api/super-admin/login', {
    body: { email: credentials.email, password: credentials.password },
  });
  if (response.status !== 200) throw new Error(`login failed with ${response.status}`);
  return response.body.access_token;
}

/** Slugs unique per call: test files share their worker's database. */
export function uniqueSlug(prefix = 'org'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
