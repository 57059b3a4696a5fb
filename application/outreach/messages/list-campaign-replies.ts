import type { Page, PageRequest } from '../../shared/pagination.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CampaignMessage, CampaignMessageRepository } from './campaign-message.repository.js';

export interface ListCampaignRepliesQuery extends PageRequest {
  readonly caller: CampaignCaller;
  readonly campaignId: string;
}

/** A campaign's inbound messages, newest first; served locally. */
export class ListCampaignReplies {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly messages: CampaignMessageRepository,
  ) {}

  async execute(query: ListCampaignRepliesQuery): Promise<Page<CampaignMessage>> {
    const campaign = await findCampaignFor(this.campaigns, query.caller, query.campaignId);
    return this.messages.listReplies(campaign.orgId, campaign.id, { limit: query.limit, after: query.after });
  }
}
