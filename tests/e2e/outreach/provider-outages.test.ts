import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault, FaultMatch } from '../../../infrastructure/simulators/kit/fault-plan.js';
import { connectedEmailCompany, startEmailOutreachWorld, type EmailOutreachWorld, type EmailProviderSlug } from '../../support/email-outreach-fixture.js';

/**
 * A provider that fails in the middle of each write the campaign API makes: nothing is orphaned on
 * either side, no lead is lost, the tenant gets a clear 503/502, and simply retrying completes the
 * work. Outages are injected into the simulators (PROVIDER_MAX_ATTEMPTS=2: two 503s exhaust a call).
 */

interface CampaignBody {
  id: string;
  status: string;
  sync_state: string;
  sync_error: string | null;
  external_campaign_id: string;
}

interface ImportBody {
  id: string;
  status: string;
  added: number;
  already_in_campaign: number;
  pushed: number;
  attempts_failed: number;
  last_error: string | null;
}

interface LeadBody {
  email: string;
  status: string;
  sync_state: string;
}

const UNAVAILABLE = { detail: 'Email outreach is temporarily unavailable. Try again shortly.', code: 'capability_unavailable', errors: [] };

/** Where each simulator receives the call a scenario breaks. */
const PATHS: Readonly<Record<EmailProviderSlug, Readonly<Record<'create' | 'status' | 'leads', FaultMatch>>>> = {
  smartlead: {
    create: { method: 'POST', pathIncludes: '/campaigns/create' },
    status: { method: 'POST', pathIncludes: '/status' },
    leads: { method: 'POST', pathIncludes: '/leads' },
  },
  instantly: {
    create: { method: 'POST', pathIncludes: '/api/v2/campaigns' },
    status: { method: 'POST', pathIncludes: '/pause' },
    leads: { method: 'POST', pathIncludes: '/api/v2/leads/add' },
  },
};

let world: EmailOutreachWorld;

beforeAll(async () => {
  world = await startEmailOutreachWorld({ PROVIDER_TIMEOUT_MS: '300', LEAD_IMPORT_RETRY_LIMIT: '1', LEAD_IMPORT_RETRY_DELAY_SECONDS: '1' });
});

afterAll(async () => world.close());

function inject(provider: EmailProviderSlug, fault: Fault): void {
  world.simulators[provider].injectFault(fault);
}

/** Campaigns the simulator holds under the engine's unique provider name of campaign `id`. */
function providerCampaignsOf(provider: EmailProviderSlug, id: string): { id: string | number; leads: number }[] {
  if (provider === 'smartlead') {
    return [...world.simulators.smartlead.state.campaigns.values()].filter((c) => c.name.endsWith(`[${id}]`)).map((c) => ({ id: c.id, leads: c.leads.length }));
  }
  const state = world.simulators.instantly.state;
  return [...state.campaigns.values()].filter((c) => c.name.endsWith(`[${id}]`)).map((c) => ({ id: c.id, leads: state.leadsOf(c.id).length }));
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const leadsOf = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => ({ email: `${prefix}-${i}@outage.test`, first_name: `N${i}` }));

describe.each(['smartlead', 'instantly'] as const)('%s down', (provider) => {
  it('during create: 503, the draft stays listed as failed with nothing at the provider, and the next operation creates it once', async () => {
    const company = await connectedEmailCompany(world, provider);
    const token = company.companyAdminToken;
    // Once is enough: a create is never repeated after a 5xx, since it may have been made.
    inject(provider, { kind: 'status', status: 503, match: PATHS[provider].create });

    const refused = await world.request<typeof UNAVAILABLE>('POST', '/api/campaigns/', { token, body: { name: 'Outage at birth' } });

    expect(refused.status).toBe(503);
    expect(refused.body).toEqual(UNAVAILABLE);
    const location = refused.headers.get('location');
    expect(location).toMatch(/^\/api\/campaigns\/[0-9a-f-]{36}$/);
    const id = location!.split('/').at(-1)!;
    const stored = await world.request<CampaignBody>('GET', location!, { token });
    expect(stored.body).toMatchObject({ id, status: 'DRAFTED', sync_state: 'failed', sync_error: UNAVAILABLE.detail, external_campaign_id: '' });
    expect(providerCampaignsOf(provider, id)).toEqual([]);
    expect(world.simulators[provider].faults.pending).toBe(0);

    // Adding leads needs the provider campaign: it is created on the way, exactly once.
    const added = await world.request<{ import: ImportBody }>('POST', `/api/campaigns/${id}/leads`, { token, body: { leads: leadsOf(3, 'birth') } });
    expect(added.status).toBe(200);
    expect(added.body.import).toMatchObject({ status: 'completed', added: 3, pushed: 3 });
    const repaired = await world.request<CampaignBody>('GET', location!, { token });
    expect(repaired.body).toMatchObject({ sync_state: 'synced', sync_error: null });
    expect(providerCampaignsOf(provider, id)).toEqual([{ id: expect.anything(), leads: 3 }]);
    expect(String(providerCampaignsOf(provider, id)[0]!.id)).toBe(repaired.body.external_campaign_id);
  });

  it('during create with a lost answer (timeout): the retry adopts the campaign the provider made instead of making a second', async () => {
    const company = await connectedEmailCompany(world, provider);
    const token = company.companyAdminToken;
    // Served after the client gave up (PROVIDER_TIMEOUT_MS=300): the provider did create it.
    inject(provider, { kind: 'delay', delayMs: 600, match: PATHS[provider].create });

    const timedOut = await world.request('POST', '/api/campaigns/', { token, body: { name: 'Lost answer' } });

    expect(timedOut.status).toBe(503);
    const id = timedOut.headers.get('location')!.split('/').at(-1)!;
    await until(async () => providerCampaignsOf(provider, id), (found) => found.length === 1, 'the delayed create to land');

    const stopped = await world.request<CampaignBody>('POST', `/api/campaigns/${id}/status`, { token, body: { status: 'STOPPED' } });

    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ status: 'STOPPED', sync_state: 'synced' });
    const atProvider = providerCampaignsOf(provider, id);
    expect(atProvider).toHaveLength(1);
    expect(String(atProvider[0]!.id)).toBe(stopped.body.external_campaign_id);
  });

  it('during a status change: 503 and the status stays; the retry moves it', async () => {
    const company = await connectedEmailCompany(world, provider);
    const token = company.companyAdminToken;
    const id = (await world.request<CampaignBody>('POST', '/api/campaigns/', { token, body: { name: 'Status outage' } })).body.id;
    inject(provider, { kind: 'status', status: 503, times: 2, match: PATHS[provider].status });

    // DRAFTED → STOPPED needs no sequence on either provider (Instantly has no stop: it pauses).
    const refused = await world.request('POST', `/api/campaigns/${id}/status`, { token, body: { status: 'STOPPED' } });

    expect(refused.status).toBe(503);
    expect(refused.body).toEqual(UNAVAILABLE);
    expect((await world.request<CampaignBody>('GET', `/api/campaigns/${id}`, { token })).body.status).toBe('DRAFTED');
    const audit = await world.request<{ action: string; outcome: string; detail: Record<string, unknown> }[]>(
      'GET',
      `/api/audit-events?action=campaign.status`,
      { token: company.orgAdminToken },
    );
    expect(audit.body[0]).toMatchObject({ outcome: 'failure', detail: { requested_status: 'STOPPED', failure_kind: 'server_error' } });

    const retried = await world.request<CampaignBody>('POST', `/api/campaigns/${id}/status`, { token, body: { status: 'STOPPED' } });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('STOPPED');
  });

  it('during a small import: 503 with every lead kept pending; the same request again hands them over', async () => {
    const company = await connectedEmailCompany(world, provider);
    const token = company.companyAdminToken;
    const id = (await world.request<CampaignBody>('POST', '/api/campaigns/', { token, body: { name: 'Inline outage' } })).body.id;
    const leads = leadsOf(40, 'inline');
    inject(provider, { kind: 'status', status: 503, times: 2, match: PATHS[provider].leads });

    const refused = await world.request('POST', `/api/campaigns/${id}/leads`, { token, body: { leads } });

    expect(refused.status).toBe(503);
    expect(refused.body).toEqual(UNAVAILABLE);
    const kept = await world.request<LeadBody[]>('GET', `/api/campaigns/${id}/leads?limit=500`, { token });
    expect(kept.body).toHaveLength(40);
    expect(new Set(kept.body.map((lead) => `${lead.status}/${lead.sync_state}`))).toEqual(new Set(['pending/pending']));
    expect(providerCampaignsOf(provider, id)[0]!.leads).toBe(0);

    const retried = await world.request<{ import: ImportBody }>('POST', `/api/campaigns/${id}/leads`, { token, body: { leads } });

    expect(retried.status).toBe(200);
    expect(retried.body.import).toMatchObject({ status: 'completed', added: 0, already_in_campaign: 40 });
    expect(providerCampaignsOf(provider, id)[0]!.leads).toBe(40);
    const synced = await world.request<LeadBody[]>('GET', `/api/campaigns/${id}/leads?limit=500`, { token });
    expect(new Set(synced.body.map((lead) => `${lead.status}/${lead.sync_state}`))).toEqual(new Set(['active/synced']));
  });

  it('during a background import: the job retries, ends failed with its reason, and the next import hands every lead over', async () => {
    const company = await connectedEmailCompany(world, provider);
    const token = company.companyAdminToken;
    const id = (await world.request<CampaignBody>('POST', '/api/campaigns/', { token, body: { name: 'Background outage' } })).body.id;
    // Two attempts of the job (LEAD_IMPORT_RETRY_LIMIT=1), each exhausting two calls.
    inject(provider, { kind: 'status', status: 503, times: 4, match: PATHS[provider].leads });

    const accepted = await world.request<{ import: ImportBody }>('POST', `/api/campaigns/${id}/leads`, { token, body: { leads: leadsOf(250, 'bg') } });

    expect(accepted.status).toBe(202);
    const failed = await until(
      async () => (await world.request<ImportBody>('GET', `/api/campaigns/${id}/lead-imports/${accepted.body.import.id}`, { token })).body,
      (job) => job.status === 'failed',
      'the import to fail',
    );
    expect(failed).toMatchObject({ added: 250, pushed: 0, attempts_failed: 2, last_error: UNAVAILABLE.detail });
    expect(providerCampaignsOf(provider, id)[0]!.leads).toBe(0);

    const next = await world.request<{ import: ImportBody }>('POST', `/api/campaigns/${id}/leads`, { token, body: { leads: leadsOf(5, 'next') } });

    expect(next.status).toBe(202);
    await until(
      async () => (await world.request<ImportBody>('GET', `/api/campaigns/${id}/lead-imports/${next.body.import.id}`, { token })).body,
      (job) => job.status === 'completed',
      'the next import to complete',
    );
    expect(providerCampaignsOf(provider, id)[0]!.leads).toBe(255);
  });
});
