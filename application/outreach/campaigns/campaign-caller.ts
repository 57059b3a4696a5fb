import type { Role } from '../../../domain/access/role.js';
import type { Campaign } from '../../../domain/outreach/campaign.js';
import { CampaignNotFoundError } from '../../../domain/outreach/campaign-errors.js';
import type { CampaignRepository } from './campaign.repository.js';

/** A tenant caller of a campaign route: who they are, their role and where they are pinned. */
export interface CampaignCaller {
  readonly orgId: string;
  readonly userId: string;
  readonly role: Role;
  /** The caller's company; null for organization-level callers. */
  readonly companyId: string | null;
}

/**
 * The campaign a caller names, if they may see it: live, in their organization, and in their
 * company when they are pinned to one. Anything else is "not found", never "forbidden".
 */
export async function findCampaignFor(
  campaigns: CampaignRepository,
  caller: CampaignCaller,
  campaignId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Campaign> {
  const campaign = options.forUpdate
    ? await campaigns.findByIdForUpdate(caller.orgId, campaignId)
    : await campaigns.findById(caller.orgId, campaignId);
  if (!campaign || !isVisibleTo(campaign, caller)) throw new CampaignNotFoundError();
  return campaign;
}

export function isVisibleTo(campaign: Campaign, caller: CampaignCaller): boolean {
  return campaign.orgId === caller.orgId && (caller.companyId === null || caller.companyId === campaign.companyId);
}
