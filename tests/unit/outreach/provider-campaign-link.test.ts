import { describe, expect, it } from 'vitest';
import type { ConnectedCapability } from '../../../application/outreach/capability-connections.js';
import { ProviderCampaignLink } from '../../../application/outreach/campaigns/provider-campaign-link.js';
import type { EmailOutreachProvider, ProviderEmailCampaign } from '../../../application/outreach/email-outreach-provider.port.js';
import { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import { Campaign } from '../../../domain/outreach/campaign.js';
import { FixedClock, ImmediateTransactionRunner, InMemoryCampaignRepository } from '../../support/fakes/index.js';

const NOW = new Date('2030-03-01T09:00:00Z');
const ORG = '00000000-0000-4000-8000-00000000000a';

/** The two provider operations the link uses; anything else would be a bug in the link. */
class FakeCampaignProvider {
  readonly calls: string[] = [];
  /** Campaigns the provider holds, by name. */
  readonly held: ProviderEmailCampaign[] = [];
  failCreate: ProviderCallError | null = null;

  readonly adapter = {
    createCampaign: async (_connection: unknown, input: { name: string }) => {
      this.calls.push(`create ${input.name}`);
      if (this.failCreate) throw this.failCreate;
      const campaign: ProviderEmailCampaign = { externalId: `ext-${this.held.length + 1}`, name: input.name, status: 'DRAFTED' };
      this.held.push(campaign);
      return campaign;
    },
    findCampaignsByName: async (_connection: unknown, name: string) => {
      this.calls.push(`find ${name}`);
      return this.held.filter((campaign) => campaign.name === name);
    },
  } as unknown as EmailOutreachProvider;
}

async function makeSut() {
  const campaigns = new InMemoryCampaignRepository();
  const transactions = new ImmediateTransactionRunner(campaigns);
  const provider = new FakeCampaignProvider();
  const link = new ProviderCampaignLink(campaigns, transactions, new FixedClock(NOW));
  const connected = { adapter: provider.adapter, connection: { apiKey: 'k', workspaceId: null, clientId: null } } as unknown as ConnectedCapability<EmailOutreachProvider>;
  const campaign = Campaign.draft({ id: '00000000-0000-4000-8000-000000000c01', orgId: ORG, companyId: 'company', providerId: 'provider', name: 'Q2', createdByUserId: null, now: NOW });
  await campaigns.add(campaign);
  const stored = async () => (await campaigns.findById(ORG, campaign.id))!;
  return { campaigns, provider, link, connected, campaign, stored };
}

const timeout = () => new ProviderCallError({ capability: 'email_outreach', kind: 'timeout', operation: 'campaign.create', httpStatus: null, attempts: 1 });

describe('ProviderCampaignLink', () => {
  it('creates a campaign just stored without looking for an earlier attempt, and records its id', async () => {
    const sut = await makeSut();

    await expect(sut.link.ensureCreated(sut.campaign, sut.connected, { justStored: true })).resolves.toBe('ext-1');

    expect(sut.provider.calls).toEqual([`create ${sut.campaign.providerCampaignName}`]);
    expect(await sut.stored()).toMatchObject({ syncState: 'synced', externalCampaignId: 'ext-1', lastSyncError: null });
  });

  it('records a failed create on the row, in capability terms, and rethrows it', async () => {
    const sut = await makeSut();
    sut.provider.failCreate = timeout();

    await expect(sut.link.ensureCreated(sut.campaign, sut.connected, { justStored: true })).rejects.toBe(sut.provider.failCreate);

    expect(await sut.stored()).toMatchObject({ syncState: 'failed', externalCampaignId: null, lastSyncError: 'Email outreach is temporarily unavailable. Try again shortly.' });
    expect(sut.campaign.syncState).toBe('failed');
  });

  it('adopts the campaign a lost create made instead of creating a second one', async () => {
    const sut = await makeSut();
    // The provider made it, but its answer never arrived.
    sut.provider.held.push({ externalId: 'ext-lost', name: sut.campaign.providerCampaignName, status: 'DRAFTED' });
    const retry = await sut.stored();

    await expect(sut.link.ensureCreated(retry, sut.connected)).resolves.toBe('ext-lost');

    expect(sut.provider.calls).toEqual([`find ${sut.campaign.providerCampaignName}`]);
    expect(await sut.stored()).toMatchObject({ syncState: 'synced', externalCampaignId: 'ext-lost' });
  });

  it('creates on a retry when the lookup finds nothing, and never touches a campaign of another name', async () => {
    const sut = await makeSut();
    sut.provider.held.push({ externalId: 'ext-other', name: 'Q2', status: 'ACTIVE' });

    await expect(sut.link.ensureCreated(await sut.stored(), sut.connected)).resolves.toBe('ext-2');

    expect(sut.provider.calls).toEqual([`find ${sut.campaign.providerCampaignName}`, `create ${sut.campaign.providerCampaignName}`]);
  });

  it('makes no provider call for a campaign already created, even from a stale copy', async () => {
    const sut = await makeSut();
    const stale = await sut.stored();
    await sut.link.ensureCreated(sut.campaign, sut.connected, { justStored: true });
    sut.provider.calls.length = 0;

    await expect(sut.link.ensureCreated(stale, sut.connected)).resolves.toBe('ext-1');
    await expect(sut.link.ensureCreated(await sut.stored(), sut.connected)).resolves.toBe('ext-1');

    expect(sut.provider.calls).toEqual([]);
  });
});
