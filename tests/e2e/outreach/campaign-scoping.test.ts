import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedEmailCompany, startEmailOutreachWorld, type ConnectedCompany, type EmailOutreachWorld } from '../../support/email-outreach-fixture.js';

/**
 * Who may see and change which campaign: company users are pinned to their company, org admins
 * choose, another company's or organization's campaign does not exist for you, and an
 * organization that is not active launches nothing and takes no leads.
 */

interface CampaignBody {
  id: string;
  company_id: string;
  created_by_user_id: string | null;
}

interface ErrorBody {
  code: string;
  detail: string;
}

let world: EmailOutreachWorld;
/** Two companies of one organization, each with a campaign made by its company admin. */
let alpha: ConnectedCompany;
let beta: ConnectedCompany;
let alphaCampaign: CampaignBody;
let betaCampaign: CampaignBody;
let betaLeadId: string;
let betaImportId: string;

beforeAll(async () => {
  world = await startEmailOutreachWorld();
  alpha = await connectedEmailCompany(world, 'instantly');
  beta = await connectedEmailCompany(world, 'instantly', alpha.org);
  alphaCampaign = (await world.request<CampaignBody>('POST', '/api/campaigns/', { token: alpha.companyAdminToken, body: { name: 'Alpha' } })).body;
  betaCampaign = (await world.request<CampaignBody>('POST', '/api/campaigns/', { token: beta.companyAdminToken, body: { name: 'Beta' } })).body;
  const imported = await world.request<{ import: { id: string } }>('POST', `/api/campaigns/${betaCampaign.id}/leads`, {
    token: beta.companyAdminToken,
    body: { leads: [{ email: 'only-beta@scoping.test' }] },
  });
  betaImportId = imported.body.import.id;
  betaLeadId = (await world.request<{ id: string }[]>('GET', `/api/campaigns/${betaCampaign.id}/leads`, { token: beta.companyAdminToken })).body[0]!.id;
});

afterAll(async () => world.close());

describe('campaign scoping', () => {
  it("answers 404 to a company user for every route of another company's campaign, exactly as for an unknown id", async () => {
    const token = alpha.companyAdminToken;
    const unknown = '00000000-0000-4000-8000-0000000000ff';
    const routes = (id: string): [string, string, unknown?][] => [
      ['GET', `/api/campaigns/${id}`],
      ['POST', `/api/campaigns/${id}/status`, { status: 'PAUSED' }],
      ['GET', `/api/campaigns/${id}/leads`],
      ['POST', `/api/campaigns/${id}/leads`, { leads: [{ email: 'intruder@scoping.test' }] }],
      ['GET', `/api/campaigns/${id}/lead-imports/${betaImportId}`],
      ['POST', `/api/campaigns/${id}/leads/${betaLeadId}/unsubscribe`],
    ];
    for (const [index, [method, path, body]] of routes(betaCampaign.id).entries()) {
      const foreign = await world.request<ErrorBody>(method, path, { token, ...(body === undefined ? {} : { body }) });
      const [, missingPath, missingBody] = routes(unknown)[index]!;
      const missing = await world.request<ErrorBody>(method, missingPath, { token, ...(missingBody === undefined ? {} : { body: missingBody }) });
      expect([method, path, foreign.status, foreign.body]).toEqual([method, path, 404, missing.body]);
    }
    // Nothing happened to Beta's campaign or its lead.
    const lead = await world.request<{ status: string }[]>('GET', `/api/campaigns/${betaCampaign.id}/leads`, { token: beta.companyAdminToken });
    expect(lead.body.map((found) => found.status)).toEqual(['active']);
  });

  it('pins company users to their company in lists, and lets org admins choose one or all', async () => {
    const own = await world.request<CampaignBody[]>('GET', '/api/campaigns/', { token: alpha.companyMemberToken });
    expect(own.body.map((campaign) => campaign.id)).toEqual([alphaCampaign.id]);
    expect((await world.request('GET', `/api/campaigns/?company_id=${beta.companyId}`, { token: alpha.companyMemberToken })).status).toBe(404);
    expect((await world.request('GET', '/api/campaigns/?all_companies=true', { token: alpha.companyMemberToken })).status).toBe(403);

    const admin = alpha.orgAdminToken;
    expect((await world.request<ErrorBody>('GET', '/api/campaigns/', { token: admin })).body.code).toBe('company_scope_required');
    const all = await world.request<CampaignBody[]>('GET', '/api/campaigns/?all_companies=true', { token: admin });
    expect(all.body.map((campaign) => campaign.id).sort()).toEqual([alphaCampaign.id, betaCampaign.id].sort());
    const onlyBeta = await world.request<CampaignBody[]>('GET', `/api/campaigns/?company_id=${beta.companyId}`, { token: admin });
    expect(onlyBeta.body.map((campaign) => campaign.id)).toEqual([betaCampaign.id]);
    expect((await world.request<CampaignBody[]>('GET', '/api/campaigns/?all_companies=true&mine_only=true', { token: admin })).body).toEqual([]);
    const drafted = await world.request<CampaignBody[]>('GET', `/api/campaigns/?all_companies=true&status=DRAFTED&limit=1`, { token: admin });
    expect(drafted.body).toHaveLength(1);
    expect(drafted.headers.get('x-next-cursor')).not.toBeNull();
  });

  it("lets an org admin create a campaign only in a company of their organization, and keeps other organizations' campaigns hidden", async () => {
    const missingCompany = await world.request<ErrorBody>('POST', '/api/campaigns/', { token: alpha.orgAdminToken, body: { name: 'No company' } });
    expect(missingCompany.status).toBe(400);
    expect(missingCompany.body.code).toBe('company_scope_required');
    const other = await connectedEmailCompany(world, 'instantly');
    const intoForeign = await world.request('POST', '/api/campaigns/', { token: other.orgAdminToken, body: { name: 'Foreign', company_id: alpha.companyId } });
    expect(intoForeign.status).toBe(404);
    expect((await world.request('GET', `/api/campaigns/${alphaCampaign.id}`, { token: other.orgAdminToken })).status).toBe(404);
    expect((await world.request<CampaignBody[]>('GET', '/api/campaigns/?all_companies=true', { token: other.orgAdminToken })).body).toEqual([]);
  });

  it('refuses a member (no campaigns.write) every write, before anything happens', async () => {
    const token = alpha.companyMemberToken;
    expect((await world.request<ErrorBody>('POST', '/api/campaigns/', { token, body: { name: 'Member' } })).body.code).toBe('permission_denied');
    expect((await world.request('POST', `/api/campaigns/${alphaCampaign.id}/status`, { token, body: { status: 'STOPPED' } })).status).toBe(403);
    expect((await world.request('POST', `/api/campaigns/${alphaCampaign.id}/leads`, { token, body: { leads: [{ email: 'm@scoping.test' }] } })).status).toBe(403);
  });

  it('rejects malformed leads with their index, and more than 10,000 leads, storing nothing', async () => {
    const token = alpha.companyAdminToken;
    const invalid = await world.request<{ code: string; errors: { loc: (string | number)[] }[] }>('POST', `/api/campaigns/${alphaCampaign.id}/leads`, {
      token,
      body: { leads: [{ email: 'fine@scoping.test' }, { email: 'not-an-address' }, { first_name: 'No email' }] },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((problem) => problem.loc)).toEqual([
      ['body', 'leads', 1, 'email'],
      ['body', 'leads', 2, 'email'],
    ]);
    const tooMany = await world.request('POST', `/api/campaigns/${alphaCampaign.id}/leads`, {
      token,
      body: { leads: Array.from({ length: 10_001 }, (_, i) => ({ email: `l${i}@scoping.test` })) },
    });
    expect(tooMany.status).toBe(422);
    expect((await world.request<unknown[]>('GET', `/api/campaigns/${alphaCampaign.id}/leads`, { token })).body).toEqual([]);
  });

  it('launches nothing and takes no leads while the organization is not active', async () => {
    const { request, superAdminToken } = world;
    const company = await connectedEmailCompany(world, 'instantly');
    const campaign = (await request<CampaignBody>('POST', '/api/campaigns/', { token: company.companyAdminToken, body: { name: 'Before suspension' } })).body;
    expect((await request('POST', `/api/super-admin/organizations/${company.org.id}/suspend`, { token: superAdminToken })).status).toBe(200);

    const launch = await request<ErrorBody>('POST', `/api/campaigns/${campaign.id}/status`, { token: company.companyAdminToken, body: { status: 'ACTIVE' } });
    expect(launch.status).toBe(403);
    expect(launch.body.code).toBe('organization_suspended');
    const leads = await request<ErrorBody>('POST', `/api/campaigns/${campaign.id}/leads`, { token: company.companyAdminToken, body: { leads: [{ email: 'x@scoping.test' }] } });
    expect(leads.body.code).toBe('organization_suspended');
    // Reading stays possible.
    expect((await request('GET', `/api/campaigns/${campaign.id}`, { token: company.companyAdminToken })).status).toBe(200);
  });
});
