import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateCampaign } from '../../application/outreach/campaigns/create-campaign.js';
import type { AddCampaignLeads } from '../../application/outreach/leads/add-campaign-leads.js';
import type { CampaignLeadRepository } from '../../application/outreach/leads/campaign-lead.repository.js';
import type { ChangeLeadState } from '../../application/outreach/leads/change-lead-state.js';
import { TOKENS } from '../../infrastructure/container/tokens.js';
import type { RunningServer } from '../../infrastructure/server/start-server.js';
import { SANDBOX_SMARTLEAD_CLIENT_ID, startProviderSimulators, type ProviderSimulators } from '../../infrastructure/simulators/provider-simulators.js';
import { CAPABILITY_IDS, PROVIDER_IDS } from '../support/catalogue-ids.js';
import { grantEntitlement, markProvisioned } from '../support/entitlement-fixture.js';
import { httpClient, type HttpClient, type HttpResponse } from '../support/http-client.js';
import { referenceResponseProblems } from '../support/reference-contract.js';
import { createSuperAdmin, loginSuperAdmin, uniqueSlug, type SuperAdminCredentials } from '../support/super-admin-fixture.js';
import {
  createCompanyAsSuperAdmin,
  createOrganization,
  createUserAsSuperAdmin,
  issueApiToken,
  loginTenant,
  TENANT_PASSWORD,
  uniqueEmail,
  type TenantOrganization,
  type TenantUserCredentials,
} from '../support/tenant-fixture.js';
import { startTestServer, TEST_JWT_SECRET } from '../support/test-server.js';

/**
 * Every /api route × every kind of caller → the exact status
 * (DESIGN.md §4, §9). One run reports every wrong cell at once; a route the OpenAPI document
 * publishes without a row here fails the suite, so new routes cannot skip the matrix.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const PRINCIPALS = [
  'no token',
  'malformed token',
  'expired session',
  'revoked API token',
  'super-admin',
  'org_admin',
  'company_admin',
  'company_member',
  'org_admin of org B',
] as const;
type PrincipalName = (typeof PRINCIPALS)[number];
type TenantRole = 'org_admin' | 'company_admin' | 'company_member';

/**
 * Who passes a route: anyone (public), super-admins, or tenants — all roles, the roles that write
 * campaigns (org and company admins), org admins only, or nobody (`/api/auth/tokens*` are reserved
 * to super-admins whatever the role).
 */
type Access = 'public' | 'super_admin' | 'tenant: any role' | 'tenant: writer' | 'tenant: org_admin' | 'tenant: reserved';

/** One concrete request. `foreignIds` are org A ids in it: org B's admin must find them missing. */
interface Prepared {
  readonly path: string;
  readonly body?: unknown;
  /** Sent byte for byte instead of `body` (webhook deliveries are verified over their raw bytes). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly foreignIds?: readonly string[];
}

interface Row {
  readonly method: Method;
  /** The OpenAPI path template, as /openapi.json and the reference contract spell it. */
  readonly path: string;
  readonly access: Access;
  /** The status of the happy path. */
  readonly ok: number;
  /** Called once per cell, so destructive rows get a fresh target each time. */
  readonly prepare: () => Promise<Prepared>;
}

interface Expectation {
  readonly status: number;
  readonly code?: string;
}

interface ErrorBody {
  detail?: string;
  code?: string;
}

interface Cell {
  readonly row: Row;
  readonly principal: PrincipalName;
  readonly expected: Expectation;
  readonly prepared: Prepared;
  readonly response: HttpResponse<unknown>;
}

let server: RunningServer;
let simulators: ProviderSimulators;
let request: HttpClient;
let superAdmin: SuperAdminCredentials;
let saToken: string;
let orgA: TenantOrganization;
let orgB: TenantOrganization;
let companyA1: { id: string; name: string };
let entitlementA1: { id: string };
/** Company A1's shared campaign (connected to the Smartlead simulator), with a saved sequence, an import and a lead. */
let campaignA1: string;
let leadImportA1: string;
let leadA1: string;
/** Org A's own Smartlead webhook URL (token included). */
let webhookUrlA1: string;
/** The key of an event stored for org A, for the replay rows. */
let matrixEventKey: string;
let adminA: TenantUserCredentials;
let loginAccount: TenantUserCredentials;
const tokens = new Map<PrincipalName, string | undefined>();

let cells: Cell[] = [];
const cellProblems: string[] = [];
const foreignComparisons: string[] = [];
let foreignCellCount = 0;

function label(row: Row): string {
  return `${row.method} ${row.path}`;
}

// ---- fresh targets, created by the super-admin so no principal under test is involved ----

const freshCompany = () => createCompanyAsSuperAdmin(request, saToken, orgA.id, `Matrix ${randomUUID().slice(0, 8)}`);
const freshUser = () => createUserAsSuperAdmin(request, saToken, orgA.id, { role: 'company_member', companyId: companyA1.id });
const freshApiToken = () => issueApiToken(request, saToken, orgA.id, adminA.id, { name: 'matrix target' });
const throwawayOrganization = (activate: boolean) => createOrganization(request, saToken, { activate });
/** A new company of org A whose capability was provisioned (against the simulators) by the super-admin. */
async function freshProvisionedCompany(capability: 'email-outreach' | 'linkedin-outreach'): Promise<string> {
  await useSimulatorKeys();
  const { id } = await freshCompany();
  const body = capability === 'email-outreach' ? { provider: 'smartlead', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID } : { provider: 'heyreach' };
  const response = await request('POST', `/api/internal/provisioning/${capability}/${id}`, { token: saToken, body });
  if (response.status !== 200) throw new Error(`provisioning the matrix company answered ${response.status}`);
  return id;
}

/**
 * Sets org A's credentials to the keys the simulators accept, before each provisioning row: the
 * provider-config row of the matrix stores a made-up key on purpose.
 */
async function useSimulatorKeys(): Promise<void> {
  for (const [slug, key] of [['smartlead', simulators.apiKeys.smartlead], ['heyreach', simulators.apiKeys.heyreach]] as const) {
    const response = await request('PUT', `/api/super-admin/organizations/${orgA.id}/provider-config`, { token: saToken, body: { provider_slug: slug, config: { api_key: key } } });
    if (response.status !== 200) throw new Error(`setting org A's ${slug} key answered ${response.status}`);
  }
}

const freshEntitlement = async () => grantEntitlement(server, { orgId: orgA.id, companyId: (await freshCompany()).id });
/** Connected by (simulated) provisioning, so a tenant may switch it off. */
const freshConnectedEntitlement = async () => {
  const entitlement = await freshEntitlement();
  await markProvisioned(server, orgA.id, entitlement.id);
  return entitlement;
};

// ---- campaign targets: company A1's email outreach is connected to the Smartlead simulator ----

/** Org A's admin, as the use cases see a caller: targets are made through them, never over HTTP by a principal under test. */
function orgAdminCaller() {
  return { orgId: orgA.id, userId: adminA.id, role: 'org_admin' as const, companyId: null };
}

const SYSTEM = { actor: { type: 'system' as const }, requestId: 'matrix-fixture' };

async function freshCampaign(): Promise<string> {
  await useSimulatorKeys();
  const created = await server.application.container
    .get<CreateCampaign>(TOKENS.CreateCampaign)
    .execute({ context: SYSTEM, caller: orgAdminCaller(), name: `Matrix ${randomUUID().slice(0, 8)}`, companyId: companyA1.id });
  if (created.failure) throw created.failure;
  return created.campaign.id;
}

/** A new lead of the shared campaign, handed to the simulator; `paused` pauses it first. */
async function freshLead(options: { paused?: boolean } = {}): Promise<string> {
  await useSimulatorKeys();
  const { container } = server.application;
  const email = `matrix-${randomUUID().slice(0, 8)}@example.test`;
  const lead = { email, firstName: null, lastName: null, companyName: null, title: null, phone: null, linkedinUrl: null, customFields: {} };
  await container.get<AddCampaignLeads>(TOKENS.AddCampaignLeads).execute({ context: SYSTEM, caller: orgAdminCaller(), campaignId: campaignA1, leads: [lead] });
  const leads = await container.get<CampaignLeadRepository>(TOKENS.CampaignLeadRepository).list(orgA.id, campaignA1, {}, { limit: 500 });
  const id = leads.items.find((candidate) => candidate.email === email)?.id;
  if (!id) throw new Error('the matrix lead was not stored');
  if (options.paused) {
    await container.get<ChangeLeadState>(TOKENS.ChangeLeadState).execute({ context: SYSTEM, caller: orgAdminCaller(), campaignId: campaignA1, leadId: id, control: 'pause' });
  }
  return id;
}

/** One delivery per provider, and the shared secrets the matrix server is started with. */
const MATRIX_WEBHOOK_SECRET = 'matrix-webhook-secret-0123456789';
const MATRIX_WEBHOOK_BODIES: Readonly<Record<'smartlead' | 'instantly' | 'heyreach', string>> = {
  smartlead: JSON.stringify({ event_type: 'EMAIL_OPEN', campaign_id: 99, stats_id: 'matrix-stats', event_timestamp: '2030-01-01T00:00:00Z', secret_key: MATRIX_WEBHOOK_SECRET }),
  instantly: JSON.stringify({ event_type: 'email_opened', campaign_id: 'matrix-campaign', lead_email: 'matrix@example.test', timestamp: '2030-01-01T00:00:00Z', workspace: 'w', campaign_name: 'c' }),
  heyreach: JSON.stringify({ event_type: 'CONNECTION_REQUEST_SENT', correlation_id: 'matrix-correlation', campaign: { id: 1, name: 'c' }, timestamp: '2030-01-01T00:00:00Z' }),
};

function matrixWebhookHeaders(provider: 'smartlead' | 'instantly' | 'heyreach'): Record<string, string> {
  const json = { 'content-type': 'application/json' };
  return provider === 'smartlead' ? json : { ...json, 'x-webhook-secret': MATRIX_WEBHOOK_SECRET };
}

const MATRIX_SEQUENCE = { sequence: [{ seq_number: 1, subject: 'Hello {{first_name}}', email_body: 'A first note.', seq_delay_details: { delay_in_days: 0 } }] };

function item(path: string, ...ids: string[]): string {
  let index = 0;
  return path.replace(/\{\w+\}/g, () => ids[index++] ?? 'missing-id');
}

function buildRows(): Row[] {
  const rows: Row[] = [
    // ---- tenant authentication ----
    {
      method: 'POST',
      path: '/api/auth/login',
      access: 'public',
      ok: 200,
      prepare: async () => ({ path: '/api/auth/login', body: { email: loginAccount.email, password: loginAccount.password } }),
    },
    { method: 'GET', path: '/api/auth/me', access: 'tenant: any role', ok: 200, prepare: async () => ({ path: '/api/auth/me' }) },
    { method: 'GET', path: '/api/auth/orgs', access: 'tenant: any role', ok: 200, prepare: async () => ({ path: '/api/auth/orgs' }) },
    {
      method: 'POST',
      path: '/api/auth/switch-org',
      access: 'tenant: any role',
      ok: 200,
      // Org A's callers "switch" to their own organization; org B's admin asks for org A.
      prepare: async () => ({ path: '/api/auth/switch-org', body: { organization_id: orgA.id }, foreignIds: [orgA.id] }),
    },
    {
      method: 'POST',
      path: '/api/auth/tokens',
      access: 'tenant: reserved',
      ok: 201,
      prepare: async () => ({ path: '/api/auth/tokens', body: { name: 'mine' } }),
    },
    { method: 'GET', path: '/api/auth/tokens', access: 'tenant: reserved', ok: 200, prepare: async () => ({ path: '/api/auth/tokens' }) },
    {
      method: 'DELETE',
      path: '/api/auth/tokens/{token_id}',
      access: 'tenant: reserved',
      ok: 204,
      prepare: async () => ({ path: item('/api/auth/tokens/{token_id}', (await freshApiToken()).id) }),
    },

    // ---- the caller's organization ----
    {
      method: 'GET',
      path: '/api/organizations/',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: '/api/organizations/' }),
    },
    {
      method: 'GET',
      path: '/api/organizations/{org_id}',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/organizations/{org_id}', orgA.id), foreignIds: [orgA.id] }),
    },
    {
      method: 'PUT',
      path: '/api/organizations/{org_id}',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => ({
        path: item('/api/organizations/{org_id}', orgA.id),
        body: { name: `Org A ${randomUUID().slice(0, 8)}` },
        foreignIds: [orgA.id],
      }),
    },

    // ---- companies ----
    { method: 'GET', path: '/api/companies/', access: 'tenant: org_admin', ok: 200, prepare: async () => ({ path: '/api/companies/' }) },
    {
      method: 'POST',
      path: '/api/companies/',
      access: 'tenant: org_admin',
      ok: 201,
      prepare: async () => ({ path: '/api/companies/', body: { name: `Created ${randomUUID().slice(0, 8)}`, domain: 'example.com' } }),
    },
    {
      method: 'GET',
      path: '/api/companies/{company_id}',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/companies/{company_id}', companyA1.id), foreignIds: [companyA1.id] }),
    },
    {
      method: 'PUT',
      path: '/api/companies/{company_id}',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => {
        const { id } = await freshCompany();
        return { path: item('/api/companies/{company_id}', id), body: { name: `Renamed ${randomUUID().slice(0, 8)}` }, foreignIds: [id] };
      },
    },
    {
      method: 'DELETE',
      path: '/api/companies/{company_id}',
      access: 'tenant: org_admin',
      ok: 204,
      prepare: async () => {
        const { id } = await freshCompany();
        return { path: item('/api/companies/{company_id}', id), foreignIds: [id] };
      },
    },

    // ---- users ----
    {
      method: 'GET',
      path: '/api/users/',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => ({ path: `/api/users/?company_id=${companyA1.id}`, foreignIds: [companyA1.id] }),
    },
    {
      method: 'POST',
      path: '/api/users/',
      access: 'tenant: org_admin',
      ok: 201,
      prepare: async () => ({
        path: '/api/users/',
        body: { email: uniqueEmail('matrix'), password: TENANT_PASSWORD, role: 'company_member', company_id: companyA1.id },
        foreignIds: [companyA1.id],
      }),
    },
    {
      method: 'GET',
      path: '/api/users/{user_id}',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/users/{user_id}', adminA.id), foreignIds: [adminA.id] }),
    },
    {
      method: 'PUT',
      path: '/api/users/{user_id}',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => {
        const { id } = await freshUser();
        return { path: item('/api/users/{user_id}', id), body: { name_first: 'Renamed' }, foreignIds: [id] };
      },
    },
    {
      method: 'DELETE',
      path: '/api/users/{user_id}',
      access: 'tenant: org_admin',
      ok: 204,
      prepare: async () => {
        const { id } = await freshUser();
        return { path: item('/api/users/{user_id}', id), foreignIds: [id] };
      },
    },

    // ---- capabilities and entitlements ----
    { method: 'GET', path: '/api/capabilities/', access: 'tenant: org_admin', ok: 200, prepare: async () => ({ path: '/api/capabilities/' }) },
    // ---- synced sender accounts (company users pinned to their own company) ----
    {
      method: 'GET',
      path: '/api/inboxes/',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: `/api/inboxes/?company_id=${companyA1.id}`, foreignIds: [companyA1.id] }),
    },
    {
      method: 'GET',
      path: '/api/linkedin/accounts/',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: `/api/linkedin/accounts/?company_id=${companyA1.id}`, foreignIds: [companyA1.id] }),
    },

    // ---- provider webhooks: public, authenticated by their own token or shared secret ----
    ...(['smartlead', 'instantly', 'heyreach'] as const).map(
      (provider): Row => ({
        method: 'POST',
        path: `/api/webhooks/${provider}`,
        access: 'public',
        ok: 200,
        // Signed with the matrix server's shared secret; a redelivery is answered 200 too.
        prepare: async () => ({ path: `/api/webhooks/${provider}`, rawBody: MATRIX_WEBHOOK_BODIES[provider], headers: matrixWebhookHeaders(provider) }),
      }),
    ),
    {
      method: 'POST',
      path: '/api/webhooks/{provider_slug}/{endpoint_token}',
      access: 'public',
      ok: 200,
      prepare: async () => ({ path: webhookUrlA1, rawBody: MATRIX_WEBHOOK_BODIES.smartlead, headers: { 'content-type': 'application/json' } }),
    },
    {
      method: 'POST',
      path: '/api/super-admin/organizations/{org_id}/webhook-endpoints',
      access: 'super_admin',
      ok: 201,
      prepare: async () => ({ path: item('/api/super-admin/organizations/{org_id}/webhook-endpoints', orgA.id), body: { provider_slug: 'instantly' } }),
    },
    {
      method: 'GET',
      path: '/api/super-admin/organizations/{org_id}/webhook-endpoints',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/super-admin/organizations/{org_id}/webhook-endpoints', orgA.id) }),
    },
    {
      method: 'DELETE',
      path: '/api/super-admin/organizations/{org_id}/webhook-endpoints/{endpoint_id}',
      access: 'super_admin',
      ok: 200,
      prepare: async () => {
        const issued = await request<{ id: string }>('POST', `/api/super-admin/organizations/${orgA.id}/webhook-endpoints`, { token: saToken, body: { provider_slug: 'heyreach' } });
        return { path: item('/api/super-admin/organizations/{org_id}/webhook-endpoints/{endpoint_id}', orgA.id, issued.body.id) };
      },
    },

    // ---- stored webhook events, dead letters and replay (super-admins) ----
    {
      method: 'GET',
      path: '/api/webhooks/events',
      access: 'super_admin',
      ok: 200,
      // Smartlead only: the contract's provider enum predates Instantly.
      prepare: async () => ({ path: '/api/webhooks/events?provider_slug=smartlead&limit=5' }),
    },
    { method: 'GET', path: '/api/webhooks/dead-letters', access: 'super_admin', ok: 200, prepare: async () => ({ path: '/api/webhooks/dead-letters?limit=5' }) },
    {
      method: 'GET',
      path: '/api/webhooks/dead-letters/{event_key}',
      access: 'super_admin',
      // The matrix's world has no dead letter: admission is what is under test here.
      ok: 404,
      prepare: async () => ({ path: item('/api/webhooks/dead-letters/{event_key}', 'no-dead-letter') }),
    },
    {
      method: 'POST',
      path: '/api/webhooks/dead-letters/replay',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: '/api/webhooks/dead-letters/replay', body: { event_keys: ['no-dead-letter'] } }),
    },
    {
      method: 'POST',
      path: '/api/webhooks/replay/{provider_slug}/{event_key}',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/webhooks/replay/{provider_slug}/{event_key}', 'smartlead', matrixEventKey) }),
    },
    {
      method: 'POST',
      path: '/api/webhooks/replay-bulk',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: '/api/webhooks/replay-bulk', body: { provider_slug: 'smartlead', event_keys: [matrixEventKey] } }),
    },
    {
      method: 'POST',
      path: '/api/webhooks/replay-query',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: '/api/webhooks/replay-query', body: { provider_slug: 'smartlead', org_id: orgA.id, limit: 1 } }),
    },

    // ---- email campaigns (company users pinned to company A1; writes need campaigns.write) ----
    {
      method: 'POST',
      path: '/api/campaigns/',
      access: 'tenant: writer',
      ok: 201,
      prepare: async () => {
        await useSimulatorKeys();
        return { path: '/api/campaigns/', body: { name: `Matrix ${randomUUID().slice(0, 8)}`, company_id: companyA1.id }, foreignIds: [companyA1.id] };
      },
    },
    {
      method: 'GET',
      path: '/api/campaigns/',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: `/api/campaigns/?company_id=${companyA1.id}`, foreignIds: [companyA1.id] }),
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/campaigns/{campaign_id}', campaignA1), foreignIds: [campaignA1] }),
    },
    {
      method: 'POST',
      path: '/api/campaigns/{campaign_id}/status',
      access: 'tenant: writer',
      ok: 200,
      prepare: async () => {
        const id = await freshCampaign();
        return { path: item('/api/campaigns/{campaign_id}/status', id), body: { status: 'STOPPED' }, foreignIds: [id] };
      },
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/sequence',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/campaigns/{campaign_id}/sequence', campaignA1), foreignIds: [campaignA1] }),
    },
    {
      method: 'POST',
      path: '/api/campaigns/{campaign_id}/sequence',
      access: 'tenant: writer',
      ok: 200,
      prepare: async () => {
        const id = await freshCampaign();
        return { path: item('/api/campaigns/{campaign_id}/sequence', id), body: MATRIX_SEQUENCE, foreignIds: [id] };
      },
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/sequence/versions',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/campaigns/{campaign_id}/sequence/versions', campaignA1), foreignIds: [campaignA1] }),
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/sequence/versions/{version}',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/campaigns/{campaign_id}/sequence/versions/{version}', campaignA1, '1'), foreignIds: [campaignA1] }),
    },
    {
      method: 'POST',
      path: '/api/campaigns/{campaign_id}/leads',
      access: 'tenant: writer',
      ok: 200,
      prepare: async () => {
        await useSimulatorKeys();
        return {
          path: item('/api/campaigns/{campaign_id}/leads', campaignA1),
          body: { leads: [{ email: `matrix-${randomUUID().slice(0, 8)}@example.test`, first_name: 'Matrix' }] },
          foreignIds: [campaignA1],
        };
      },
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/leads',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/campaigns/{campaign_id}/leads', campaignA1), foreignIds: [campaignA1] }),
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/lead-imports/{job_id}',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/campaigns/{campaign_id}/lead-imports/{job_id}', campaignA1, leadImportA1), foreignIds: [campaignA1] }),
    },
    ...(['pause', 'resume', 'unsubscribe'] as const).map(
      (control): Row => ({
        method: 'POST',
        path: `/api/campaigns/{campaign_id}/leads/{lead_id}/${control}`,
        access: 'tenant: writer',
        ok: 200,
        prepare: async () => {
          const leadId = await freshLead({ paused: control === 'resume' });
          return { path: item(`/api/campaigns/{campaign_id}/leads/{lead_id}/${control}`, campaignA1, leadId), foreignIds: [campaignA1, leadId] };
        },
      }),
    ),
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/replies',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/campaigns/{campaign_id}/replies', campaignA1), foreignIds: [campaignA1] }),
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/leads/{lead_id}/messages',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => {
        await useSimulatorKeys();
        return { path: item('/api/campaigns/{campaign_id}/leads/{lead_id}/messages', campaignA1, leadA1), foreignIds: [campaignA1, leadA1] };
      },
    },
    {
      method: 'GET',
      path: '/api/campaigns/messages',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: `/api/campaigns/messages?company_id=${companyA1.id}`, foreignIds: [companyA1.id] }),
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/analytics/summary',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: item('/api/campaigns/{campaign_id}/analytics/summary', campaignA1), foreignIds: [campaignA1] }),
    },
    {
      method: 'GET',
      path: '/api/campaigns/{campaign_id}/analytics/provider',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => {
        await useSimulatorKeys();
        return { path: item('/api/campaigns/{campaign_id}/analytics/provider', campaignA1), foreignIds: [campaignA1] };
      },
    },
    {
      method: 'GET',
      path: '/api/analytics/reliability',
      access: 'tenant: any role',
      ok: 200,
      prepare: async () => ({ path: '/api/analytics/reliability' }),
    },
    {
      method: 'GET',
      path: '/api/entitlements/',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => ({ path: `/api/entitlements/?company_id=${companyA1.id}`, foreignIds: [companyA1.id] }),
    },
    {
      method: 'POST',
      path: '/api/entitlements/',
      access: 'tenant: org_admin',
      ok: 201,
      prepare: async () => {
        const { id } = await freshCompany();
        return {
          path: '/api/entitlements/',
          body: { company_id: id, capability_id: CAPABILITY_IDS.email_outreach, provider_id: PROVIDER_IDS.smartlead },
          foreignIds: [id],
        };
      },
    },
    {
      method: 'GET',
      path: '/api/entitlements/{entitlement_id}',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/entitlements/{entitlement_id}', entitlementA1.id), foreignIds: [entitlementA1.id] }),
    },
    {
      method: 'PUT',
      path: '/api/entitlements/{entitlement_id}',
      access: 'tenant: org_admin',
      ok: 200,
      prepare: async () => {
        const { id } = await freshConnectedEntitlement();
        return { path: item('/api/entitlements/{entitlement_id}', id), body: { status: 'disconnected' }, foreignIds: [id] };
      },
    },
    {
      method: 'DELETE',
      path: '/api/entitlements/{entitlement_id}',
      access: 'tenant: org_admin',
      ok: 204,
      prepare: async () => {
        const { id } = await freshEntitlement();
        return { path: item('/api/entitlements/{entitlement_id}', id), foreignIds: [id] };
      },
    },

    // ---- the organization's audit trail ----
    { method: 'GET', path: '/api/audit-events', access: 'tenant: org_admin', ok: 200, prepare: async () => ({ path: '/api/audit-events?limit=5' }) },

    // ---- super-admin plane ----
    {
      method: 'POST',
      path: '/api/super-admin/login',
      access: 'public',
      ok: 200,
      prepare: async () => ({ path: '/api/super-admin/login', body: { email: superAdmin.email, password: superAdmin.password } }),
    },
    { method: 'GET', path: '/api/super-admin/me', access: 'super_admin', ok: 200, prepare: async () => ({ path: '/api/super-admin/me' }) },
    {
      method: 'POST',
      path: '/api/super-admin/organizations',
      access: 'super_admin',
      ok: 201,
      prepare: async () => ({ path: '/api/super-admin/organizations', body: { name: 'Matrix Org', slug: uniqueSlug('matrix') } }),
    },
    {
      method: 'GET',
      path: '/api/super-admin/organizations',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: '/api/super-admin/organizations?limit=5' }),
    },
    {
      method: 'GET',
      path: '/api/super-admin/organizations/{org_id}',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/super-admin/organizations/{org_id}', orgA.id) }),
    },
    {
      method: 'PUT',
      path: '/api/super-admin/organizations/{org_id}',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({
        path: item('/api/super-admin/organizations/{org_id}', (await throwawayOrganization(true)).id),
        body: { name: 'Renamed By Matrix' },
      }),
    },
    {
      method: 'DELETE',
      path: '/api/super-admin/organizations/{org_id}',
      access: 'super_admin',
      ok: 204,
      prepare: async () => ({ path: item('/api/super-admin/organizations/{org_id}', (await throwawayOrganization(true)).id) }),
    },
    ...(['POST', 'PUT'] as const).flatMap((method): Row[] => [
      {
        method,
        path: '/api/super-admin/organizations/{org_id}/activate',
        access: 'super_admin',
        ok: 200,
        prepare: async () => ({ path: item('/api/super-admin/organizations/{org_id}/activate', (await throwawayOrganization(false)).id) }),
      },
      {
        method,
        path: '/api/super-admin/organizations/{org_id}/suspend',
        access: 'super_admin',
        ok: 200,
        prepare: async () => ({ path: item('/api/super-admin/organizations/{org_id}/suspend', (await throwawayOrganization(true)).id) }),
      },
    ]),
    {
      method: 'POST',
      path: '/api/super-admin/organizations/{org_id}/users',
      access: 'super_admin',
      ok: 201,
      prepare: async () => ({
        path: item('/api/super-admin/organizations/{org_id}/users', orgA.id),
        body: { email: uniqueEmail('bootstrap'), password: TENANT_PASSWORD, role: 'company_admin', company_id: companyA1.id },
      }),
    },
    {
      method: 'GET',
      path: '/api/super-admin/organizations/{org_id}/users',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: `${item('/api/super-admin/organizations/{org_id}/users', orgA.id)}?limit=5` }),
    },
    {
      method: 'DELETE',
      path: '/api/super-admin/organizations/{org_id}/users/{user_id}',
      access: 'super_admin',
      ok: 204,
      prepare: async () => ({ path: item('/api/super-admin/organizations/{org_id}/users/{user_id}', orgA.id, (await freshUser()).id) }),
    },
    {
      method: 'POST',
      path: '/api/super-admin/organizations/{org_id}/companies',
      access: 'super_admin',
      ok: 201,
      prepare: async () => ({
        path: item('/api/super-admin/organizations/{org_id}/companies', orgA.id),
        body: { name: `Bootstrapped ${randomUUID().slice(0, 8)}` },
      }),
    },
    {
      method: 'GET',
      path: '/api/super-admin/organizations/{org_id}/companies',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: `${item('/api/super-admin/organizations/{org_id}/companies', orgA.id)}?limit=5` }),
    },
    {
      method: 'POST',
      path: '/api/super-admin/organizations/{org_id}/api-tokens',
      access: 'super_admin',
      ok: 201,
      prepare: async () => ({
        path: item('/api/super-admin/organizations/{org_id}/api-tokens', orgA.id),
        body: { user_id: adminA.id, name: 'matrix', expires_at: new Date(Date.now() + 3_600_000).toISOString() },
      }),
    },
    {
      method: 'GET',
      path: '/api/super-admin/organizations/{org_id}/api-tokens',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: `${item('/api/super-admin/organizations/{org_id}/api-tokens', orgA.id)}?limit=5` }),
    },
    {
      method: 'DELETE',
      path: '/api/super-admin/organizations/{org_id}/api-tokens/{token_id}',
      access: 'super_admin',
      ok: 204,
      prepare: async () => ({
        path: item('/api/super-admin/organizations/{org_id}/api-tokens/{token_id}', orgA.id, (await freshApiToken()).id),
      }),
    },
    { method: 'GET', path: '/api/super-admin/capabilities', access: 'super_admin', ok: 200, prepare: async () => ({ path: '/api/super-admin/capabilities' }) },
    { method: 'GET', path: '/api/super-admin/providers', access: 'super_admin', ok: 200, prepare: async () => ({ path: '/api/super-admin/providers' }) },
    {
      method: 'PUT',
      path: '/api/super-admin/organizations/{org_id}/provider-config',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({
        path: item('/api/super-admin/organizations/{org_id}/provider-config', orgA.id),
        body: { provider_slug: 'smartlead', config: { api_key: `matrix-${randomUUID()}` } },
      }),
    },
    // ---- provisioning (super-admins; the provider calls reach the simulators) ----
    {
      method: 'POST',
      path: '/api/internal/provisioning/email-outreach/{company_id}',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({
        path: item('/api/internal/provisioning/email-outreach/{company_id}', await useSimulatorKeys().then(freshCompany).then(({ id }) => id)),
        body: { provider: 'smartlead', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID },
      }),
    },
    {
      method: 'GET',
      path: '/api/internal/provisioning/email-outreach/{company_id}/status',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/internal/provisioning/email-outreach/{company_id}/status', await freshProvisionedCompany('email-outreach')) }),
    },
    {
      method: 'POST',
      path: '/api/internal/provisioning/email-outreach/{company_id}/sync-inboxes',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/internal/provisioning/email-outreach/{company_id}/sync-inboxes', await freshProvisionedCompany('email-outreach')) }),
    },
    {
      method: 'POST',
      path: '/api/internal/provisioning/linkedin-outreach/{company_id}',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({
        path: item('/api/internal/provisioning/linkedin-outreach/{company_id}', await useSimulatorKeys().then(freshCompany).then(({ id }) => id)),
        body: { provider: 'heyreach' },
      }),
    },
    {
      method: 'GET',
      path: '/api/internal/provisioning/linkedin-outreach/{company_id}/status',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/internal/provisioning/linkedin-outreach/{company_id}/status', await freshProvisionedCompany('linkedin-outreach')) }),
    },
    {
      method: 'POST',
      path: '/api/internal/provisioning/linkedin-outreach/{company_id}/sync-accounts',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: item('/api/internal/provisioning/linkedin-outreach/{company_id}/sync-accounts', await freshProvisionedCompany('linkedin-outreach')) }),
    },
    {
      method: 'GET',
      path: '/api/super-admin/audit-events',
      access: 'super_admin',
      ok: 200,
      prepare: async () => ({ path: `/api/super-admin/audit-events?org_id=${orgA.id}&limit=5` }),
    },
  ];
  return rows;
}

const ROLE_OF: Partial<Record<PrincipalName, TenantRole>> = {
  org_admin: 'org_admin',
  company_admin: 'company_admin',
  company_member: 'company_member',
  'org_admin of org B': 'org_admin',
};

/** The rules of the brief, cell by cell. */
function expectationFor(row: Row, principal: PrincipalName, prepared: Prepared): Expectation {
  const unauthenticated = { status: 401, code: 'authentication_required' };
  if (row.access === 'public') return { status: row.ok };
  if (['no token', 'malformed token', 'expired session', 'revoked API token'].includes(principal)) return unauthenticated;
  if (principal === 'super-admin') return row.access === 'super_admin' ? { status: row.ok } : unauthenticated;
  // A tenant principal from here on.
  if (row.access === 'super_admin') return unauthenticated;
  if (row.access === 'tenant: reserved') return { status: 403, code: 'token_management_reserved' };
  const role = ROLE_OF[principal];
  if (row.access === 'tenant: org_admin' && role !== 'org_admin') return { status: 403, code: 'permission_denied' };
  if (row.access === 'tenant: writer' && role === 'company_member') return { status: 403, code: 'permission_denied' };
  if (principal === 'org_admin of org B' && prepared.foreignIds?.length) return { status: 404 };
  return { status: row.ok };
}

/** The same request with every org A id swapped for an id nobody has. */
function withMissingIds(prepared: Prepared): Prepared {
  let path = prepared.path;
  let body = prepared.body === undefined ? undefined : JSON.stringify(prepared.body);
  for (const id of prepared.foreignIds ?? []) {
    const missing = randomUUID();
    path = path.replaceAll(id, missing);
    body = body?.replaceAll(id, missing);
  }
  return { path, body: body === undefined ? undefined : JSON.parse(body) };
}

function codeOf(body: unknown): string {
  return typeof body === 'object' && body !== null && 'code' in body ? String((body as ErrorBody).code) : '-';
}

function describeAnswer(response: HttpResponse<unknown>): string {
  return `${response.status} (${codeOf(response.body)})`;
}

async function expiredSession(user: TenantUserCredentials, orgId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ typ: 'session', org_id: orgId, accounts: [user.id] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer('outbound-engine-x')
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

const rows = buildRows();

beforeAll(async () => {
  simulators = await startProviderSimulators();
  // Generous paces: the campaign rows make a few hundred provider calls, which the real pacing
  // (50 a minute on Smartlead) would spread over minutes; pacing is under test elsewhere.
  simulators.smartlead.setRateLimit(null);
  server = await startTestServer({
    ...simulators.environment,
    SMARTLEAD_RATE_LIMIT: '100000',
    SMARTLEAD_RATE_WINDOW_MS: '60000',
    SMARTLEAD_RATE_BURST: '1000',
    SMARTLEAD_WEBHOOK_SECRET_KEY: MATRIX_WEBHOOK_SECRET,
    INSTANTLY_WEBHOOK_SECRET: MATRIX_WEBHOOK_SECRET,
    HEYREACH_WEBHOOK_SECRET: MATRIX_WEBHOOK_SECRET,
  });
  request = httpClient(server.url);
  superAdmin = await createSuperAdmin(server);
  saToken = await loginSuperAdmin(request, superAdmin);

  orgA = await createOrganization(request, saToken);
  orgB = await createOrganization(request, saToken);
  companyA1 = await createCompanyAsSuperAdmin(request, saToken, orgA.id);
  entitlementA1 = await grantEntitlement(server, { orgId: orgA.id, companyId: companyA1.id });
  adminA = await createUserAsSuperAdmin(request, saToken, orgA.id);
  const companyAdmin = await createUserAsSuperAdmin(request, saToken, orgA.id, { role: 'company_admin', companyId: companyA1.id });
  const companyMember = await createUserAsSuperAdmin(request, saToken, orgA.id, { role: 'company_member', companyId: companyA1.id });
  const adminB = await createUserAsSuperAdmin(request, saToken, orgB.id);
  loginAccount = await createUserAsSuperAdmin(request, saToken, orgA.id, { role: 'company_member', companyId: companyA1.id });

  const revoked = await issueApiToken(request, saToken, orgA.id, adminA.id, { name: 'revoked before use' });
  const revocation = await request('DELETE', `/api/super-admin/organizations/${orgA.id}/api-tokens/${revoked.id}`, { token: saToken });
  if (revocation.status !== 204) throw new Error(`revoking the matrix token answered ${revocation.status}`);

  // Company A1's email outreach, connected for real against the Smartlead simulator.
  await useSimulatorKeys();
  const provisioned = await request('POST', `/api/internal/provisioning/email-outreach/${companyA1.id}`, {
    token: saToken,
    body: { provider: 'smartlead', smartlead_client_id: SANDBOX_SMARTLEAD_CLIENT_ID },
  });
  if (provisioned.status !== 200) throw new Error(`provisioning company A1 answered ${provisioned.status}`);
  campaignA1 = await freshCampaign();
  const adminSession = await loginTenant(request, adminA);
  const sequence = await request('POST', `/api/campaigns/${campaignA1}/sequence`, { token: adminSession, body: MATRIX_SEQUENCE });
  if (sequence.status !== 200) throw new Error(`saving the matrix sequence answered ${sequence.status}`);
  const imported = await request<{ import: { id: string } }>('POST', `/api/campaigns/${campaignA1}/leads`, {
    token: adminSession,
    body: { leads: [{ email: 'matrix-thread@example.test', first_name: 'Thread' }] },
  });
  if (imported.status !== 200) throw new Error(`importing the matrix lead answered ${imported.status}`);
  leadImportA1 = imported.body.import.id;
  leadA1 = await freshLead();

  const webhookEndpoint = await request<{ url_path: string }>('POST', `/api/super-admin/organizations/${orgA.id}/webhook-endpoints`, {
    token: saToken,
    body: { provider_slug: 'smartlead' },
  });
  if (webhookEndpoint.status !== 201) throw new Error(`issuing the matrix webhook endpoint answered ${webhookEndpoint.status}`);
  webhookUrlA1 = webhookEndpoint.body.url_path;
  const stored = await request<{ event_key: string }>('POST', webhookUrlA1, { rawBody: MATRIX_WEBHOOK_BODIES.smartlead, headers: { 'content-type': 'application/json' } });
  if (stored.status !== 200) throw new Error(`storing the matrix webhook event answered ${stored.status}`);
  matrixEventKey = stored.body.event_key;

  tokens.set('no token', undefined);
  tokens.set('malformed token', 'not-a-token');
  tokens.set('expired session', await expiredSession(adminA, orgA.id));
  tokens.set('revoked API token', revoked.token);
  tokens.set('super-admin', saToken);
  tokens.set('org_admin', await loginTenant(request, adminA));
  tokens.set('company_admin', await loginTenant(request, companyAdmin));
  tokens.set('company_member', await loginTenant(request, companyMember));
  tokens.set('org_admin of org B', await loginTenant(request, adminB));

  // Every cell, in order; each mismatch is written down, none stops the run.
  cells = [];
  for (const row of rows) {
    for (const principal of PRINCIPALS) {
      const prepared = await row.prepare();
      const token = tokens.get(principal);
      const response = await request(row.method, prepared.path, { token, body: prepared.body, rawBody: prepared.rawBody, headers: prepared.headers });
      const expected = expectationFor(row, principal, prepared);
      cells.push({ row, principal, expected, prepared, response });

      const wrongStatus = response.status !== expected.status;
      const wrongCode = expected.code !== undefined && codeOf(response.body) !== expected.code;
      if (wrongStatus || wrongCode) {
        cellProblems.push(
          `${label(row)} × ${principal}: expected ${expected.status}${expected.code ? ` (${expected.code})` : ''} got ${describeAnswer(response)} ${JSON.stringify(response.body)}`,
        );
      }

      // Cross-tenant: org B's admin on org A's ids must learn nothing a random id would not tell.
      if (principal === 'org_admin of org B' && expected.status === 404) {
        foreignCellCount += 1;
        const missing = withMissingIds(prepared);
        const control = await request(row.method, missing.path, { token, body: missing.body });
        const seen = { status: response.status, body: response.body };
        const baseline = { status: control.status, body: control.body };
        if (JSON.stringify(seen) !== JSON.stringify(baseline) || control.status !== 404) {
          foreignComparisons.push(
            `${label(row)} × ${principal}: org A's id answered ${JSON.stringify(seen)}, a random id ${JSON.stringify(baseline)}`,
          );
        }
      }
    }
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  await simulators?.close();
});

describe('authorization matrix: every route × every kind of caller', () => {
  it('has exactly one row per /api operation the OpenAPI document publishes', async () => {
    const document = await request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json');
    expect(document.status).toBe(200);
    const published = Object.entries(document.body.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    const covered = rows.map(label).sort();
    expect(new Set(covered).size, 'duplicate matrix rows').toBe(covered.length);
    expect(covered).toEqual(published);
  });

  it('answers every cell with its exact status (and code where the rules name one)', () => {
    expect(cells).toHaveLength(rows.length * PRINCIPALS.length);
    expect(cellProblems, `${cellProblems.length} mismatching cells:\n${cellProblems.join('\n')}`).toEqual([]);
  });

  it("answers org B's admin on org A's ids exactly as on ids that do not exist", () => {
    // Org, company and user ids in paths, queries and bodies: at least one of each kind.
    expect(foreignCellCount).toBeGreaterThanOrEqual(10);
    expect(foreignComparisons, foreignComparisons.join('\n')).toEqual([]);
  });

  it('sends 2xx bodies that honour the reference contract wherever it declares the operation', () => {
    const checked: string[] = [];
    const problems: string[] = [];
    for (const { row, principal, response } of cells) {
      if (response.status < 200 || response.status >= 300) continue;
      const found = referenceResponseProblems(row.method, row.path, response.status, response.body);
      if (found === null) continue;
      checked.push(`${label(row)} ${response.status}`);
      if (found.length) problems.push(`${label(row)} × ${principal} ${response.status}: ${found.join('; ')}`);
    }
    // Tenant organizations, companies, users, login, me and the super-admin plane are in the contract.
    expect(new Set(checked).size).toBeGreaterThanOrEqual(20);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
