import type { CampaignLead, LeadStatus } from '../../../domain/outreach/campaign-lead.js';
import type { Page } from '../../shared/pagination.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CampaignLeadRepository } from './campaign-lead.repository.js';

export interface ListCampaignLeadsQuery {
  readonly caller: CampaignCaller;
  readonly campaignId: string;
  readonly status?: LeadStatus | undefined;
  readonly limit: number;
  readonly after?: string | undefined;
}

/** A campaign's leads, oldest first; served locally. */
export class ListCampaignLeads {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly leads: CampaignLeadRepository,
  ) {}

  async execute(query: ListCampaignLeadsQuery): Promise<Page<CampaignLead>> {
    const campaign = await findCampaignFor(this.campaigns, query.caller, query.campaignId);
    return this.leads.list(campaign.orgId, campaign.id, { status: query.status }, { limit: query.limit, after: query.after });
  }
}
