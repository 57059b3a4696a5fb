import { defineEntity, p } from '@mikro-orm/core';
import { CAMPAIGN_SYNC_STATES, Campaign } from '../../../domain/outreach/campaign.js';
import { CAMPAIGN_STATUSES } from '../../../domain/outreach/campaign-status.js';

export const CampaignSchema = defineEntity({
  class: Campaign,
  tableName: 'campaigns',
  properties: {
    id: p.uuid().primary(),
    // Organization, company and provider are referenced by id, not mapped as relations.
    orgId: p.uuid(),
    companyId: p.uuid(),
    providerId: p.uuid(),
    name: p.text(),
    providerCampaignName: p.text(),
    externalCampaignId: p.text().nullable(),
    status: p.enum(CAMPAIGN_STATUSES),
    campaignType: p.text(),
    syncState: p.enum(CAMPAIGN_SYNC_STATES),
    lastSyncError: p.text().nullable(),
    createdByUserId: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    deletedAt: p.datetime().nullable(),
  },
});
