import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { MikroOrmCampaignRepository } from '../../../adapters/persistence/outreach/mikro-orm-campaign.repository.js';
import { PostgresCampaignLeadRepository } from '../../../adapters/persistence/outreach/postgres-campaign-lead.repository.js';
import type { CampaignKey } from '../../../application/outreach/leads/campaign-lead.repository.js';
import { Campaign } from '../../../domain/outreach/campaign.js';
import type { CampaignLead } from '../../../domain/outreach/campaign-lead.js';
import { PROVIDER_IDS } from '../../support/catalogue-ids.js';
import { tenantRows } from './tenant-rows.js';

/**
 * Campaigns with leads for the message and analytics tests, stored through the real repositories
 * (a campaign row, then leads by the set-based insert).
 */
export function campaignRows(orm: MikroORM) {
  const tenants = tenantRows(orm);
  const campaigns = new MikroOrmCampaignRepository(orm);
  const leads = new PostgresCampaignLeadRepository(orm);

  return {
    tenants,
    campaigns,
    leads,

    async campaign(orgId: string, companyId: string, options: { createdByUserId?: string | null } = {}): Promise<Campaign> {
      const campaign = Campaign.draft({
        id: randomUUID(),
        orgId,
        companyId,
        providerId: PROVIDER_IDS.smartlead,
        name: `Campaign ${randomUUID().slice(0, 8)}`,
        createdByUserId: options.createdByUserId ?? null,
        now: new Date(),
      });
      await campaigns.add(campaign);
      return campaign;
    },

    /** Leads with these addresses, in the order given. */
    async leadsOf(key: CampaignKey, emails: readonly string[]): Promise<CampaignLead[]> {
      await leads.insertNew(
        key,
        emails.map((email) => ({ email, firstName: null, lastName: null, companyName: null, title: null, phone: null, linkedinUrl: null, customFields: {} })),
        { importJobId: null, at: new Date() },
      );
      const stored = await leads.list(key.orgId, key.campaignId, {}, { limit: 500 });
      return emails.map((email) => {
        const lead = stored.items.find((candidate) => candidate.email === email);
        if (!lead) throw new Error(`lead ${email} was not stored`);
        return lead;
      });
    },
  };
}

export function keyOf(campaign: Campaign): CampaignKey {
  return { orgId: campaign.orgId, companyId: campaign.companyId, campaignId: campaign.id };
}
