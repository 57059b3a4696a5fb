import type { Campaign } from '../../../domain/outreach/campaign.js';
import { findCampaignFor, type CampaignCaller } from './campaign-caller.js';
import type { CampaignRepository } from './campaign.repository.js';

export class GetCampaign {
  constructor(private readonly campaigns: CampaignRepository) {}

  execute(query: { readonly caller: CampaignCaller; readonly campaignId: string }): Promise<Campaign> {
    return findCampaignFor(this.campaigns, query.caller, query.campaignId);
  }
}
