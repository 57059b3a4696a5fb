import { z } from 'zod';
import type { Campaign } from '../../../domain/outreach/campaign.js';
import { CAMPAIGN_SYNC_STATES } from '../../../domain/outreach/campaign.js';
import { CAMPAIGN_STATUSES } from '../../../domain/outreach/campaign-status.js';
import { pageQueryFields } from '../routing/paged-response.js';
import { queryFlag } from '../routing/query-flag.js';

export const CAMPAIGN_NAME_MAX_LENGTH = 200;

export const CampaignIdParams = z.strictObject({ campaign_id: z.uuid() });

export const CampaignCreateRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(CAMPAIGN_NAME_MAX_LENGTH),
    company_id: z.uuid().nullish().describe('Required for org admins; company users may omit it or name their own company.'),
  })
  .meta({ id: 'CampaignCreateRequest' });

export const CampaignStatusUpdateRequest = z
  .strictObject({
    status: z
      .enum(CAMPAIGN_STATUSES)
      .describe('ACTIVE, PAUSED and STOPPED can be requested; DRAFTED and COMPLETED are only ever reached, never requested (409).'),
  })
  .meta({ id: 'CampaignStatusUpdateRequest' });

export const CampaignListQuery = z.strictObject({
  company_id: z.uuid().optional(),
  all_companies: queryFlag.optional(),
  mine_only: queryFlag.optional().describe('Only campaigns you created.'),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  ...pageQueryFields,
});

export const CampaignResponse = z
  .object({
    id: z.uuid(),
    company_id: z.uuid(),
    provider_id: z.null().describe('Always null: which provider fulfils the capability is not disclosed.'),
    external_campaign_id: z.string().describe('The campaign\'s id at the capability; empty until it has been created there (see sync_state).'),
    name: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    campaign_type: z.string(),
    created_by_user_id: z.uuid().nullable(),
    sync_state: z
      .enum(CAMPAIGN_SYNC_STATES)
      .describe('pending/failed: not yet created at the capability; any operation that needs it (status, sequence, leads) completes the creation.'),
    sync_error: z.string().nullable().describe('Why the last attempt to create it at the capability failed.'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'CampaignResponse' });

export const CampaignList = z.array(CampaignResponse).meta({ id: 'CampaignList' });

/** Whitelists what leaves the building: new fields on the entity never leak by accident. */
export function toCampaignResponse(campaign: Campaign): z.output<typeof CampaignResponse> {
  return {
    id: campaign.id,
    company_id: campaign.companyId,
    provider_id: null,
    external_campaign_id: campaign.externalCampaignId ?? '',
    name: campaign.name,
    status: campaign.status,
    campaign_type: campaign.campaignType,
    created_by_user_id: campaign.createdByUserId,
    sync_state: campaign.syncState,
    sync_error: campaign.lastSyncError,
    created_at: campaign.createdAt.toISOString(),
    updated_at: campaign.updatedAt.toISOString(),
  };
}
