import type { Logger } from 'pino';
import { expect } from 'vitest';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { SANDBOX_SMARTLEAD_CLIENT_ID, startProviderSimulators, type ProviderSimulators } from '../../infrastructure/simulators/provider-simulators.js';
import { httpClient, type HttpClient } from './http-client.js';
import { createSuperAdmin, loginSuperAdmin } from './super-admin-fixture.js';
import { createCompanyAsSuperAdmin, createOrganization, createUserAsSuperAdmin, loginTenant, type TenantOrganization } from './tenant-fixture.js';
import { startTestServer } from './test-server.js';

export type EmailProviderSlug = 'smartlead' | 'instantly';

/** The engine pointed at the provider simulators, with a super-admin to set tenants up. */
export interface EmailOutreachWorld {
  readonly simulators: ProviderSimulators;
  readonly server: RunningServer;
  readonly request: HttpClient;
  readonly superAdminToken: string;
  close(): Promise<void>;
}

/** Tokens of one company's users, and of its organization's admin. */
export interface ConnectedCompany {
  readonly org: TenantOrganization;
  readonly companyId: string;
  readonly provider: EmailProviderSlug;
  readonly orgAdminToken: string;
  readonly companyAdminToken: string;
  readonly companyMemberToken: string;
  readonly orgAdminId: string;
  readonly companyAdminId: string;
}

const PROVIDER_ENV_PREFIXES = ['SMARTLEAD', 'INSTANTLY', 'HEYREACH'] as const;

/**
 * Starts the simulators and a server pointed at them. Paces are generous and retries fast, so a
 * test's calls never wait on the limiter and a provider outage fails in milliseconds.
 */
export async function startEmailOutreachWorld(environment: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<EmailOutreachWorld> {
  const simulators = await startProviderSimulators();
  const paces = Object.fromEntries(
    [...PROVIDER_ENV_PREFIXES, 'INSTANTLY_EMAILS'].flatMap((provider) => [
      [`${provider}_RATE_LIMIT`, '100000'],
      [`${provider}_RATE_WINDOW_MS`, '60000'],
      [`${provider}_RATE_BURST`, '1000'],
    ]),
  );
  // Threads read Instantly's `GET /emails`, limited to 20 a minute; every test file shares one key.
  simulators.instantly.setEmailsRateLimit(null);
  const server = await startTestServer({
    ...simulators.environment,
    ...paces,
    PROVIDER_MAX_ATTEMPTS: '2',
    PROVIDER_BACKOFF_BASE_MS: '1',
    PROVIDER_BACKOFF_MAX_MS: '5',
    PROVIDER_ARRIVAL_JITTER_MS: '0',
    ...environment,
  }, options);
  const request = httpClient(server.url);
  const superAdminToken = await loginSuperAdmin(request, await createSuperAdmin(server));
  return {
    simulators,
    server,
    request,
    superAdminToken,
    close: async () => {
      await server.close();
      await simulators.close();
    },
  };
}

/**
 * A new company whose email outreach is entitled and connected to `provider` through the
 * simulator's accepted key, with an org admin, a company admin and a company member logged in.
 * Pass `org` to add the company to an existing organization (its key is set again, harmlessly).
 */
export async function connectedEmailCompany(world: EmailOutreachWorld, provider: EmailProviderSlug, org?: TenantOrganization): Promise<ConnectedCompany> {
  const { request, superAdminToken: token } = world;
  const organization = org ?? (await createOrganization(request, token));
  const companyId = (await createCompanyAsSuperAdmin(request, token, organization.id)).id;
  const keySet = await request('PUT', `/api/super-admin/organizations/${organization.id}/provider-config`, {
    token,
    body: { provider_slug: provider, config: { api_key: world.simulators.apiKeys[provider] } },
  });
  expect(keySet.status).toBe(200);
  const provisioned = await request('POST', `/api/internal/provisioning/email-outreach/${companyId}`, {
    token,
    body: provider === 'smartlead' ? { provider, smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID } : { provider },
  });
  expect(provisioned.status, JSON.stringify(provisioned.body)).toBe(200);
  const orgAdmin = await createUserAsSuperAdmin(request, token, organization.id);
  const companyAdmin = await createUserAsSuperAdmin(request, token, organization.id, { role: 'company_admin', companyId });
  const companyMember = await createUserAsSuperAdmin(request, token, organization.id, { role: 'company_member', companyId });
  return {
    org: organization,
    companyId,
    provider,
    orgAdminToken: await loginTenant(request, orgAdmin),
    companyAdminToken: await loginTenant(request, companyAdmin),
    companyMemberToken: await loginTenant(request, companyMember),
    orgAdminId: orgAdmin.id,
    companyAdminId: companyAdmin.id,
  };
}
