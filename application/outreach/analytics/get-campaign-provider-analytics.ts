import type { Clock } from '../../shared/clock.port.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CapabilityConnections } from '../capability-connections.js';
import type { EmailCampaignStatistics } from '../email-outreach-provider.port.js';
import { CampaignNotSyncedError } from './campaign-not-synced-error.js';

export interface CampaignProviderAnalytics {
  readonly campaignId: string;
  /** The campaign's id at the capability. */
  readonly externalCampaignId: string;
  /** As the port normalises them (opens, clicks and replies count leads where the provider says so). */
  readonly statistics: EmailCampaignStatistics;
  readonly fetchedAt: Date;
}

/**
 * The provider's own statistics of a campaign, fetched live. Reading never creates the provider
 * campaign: one that is not there yet answers 409 `campaign_not_synced`; a provider failure
 * answers 503/502 like every provider call.
 */
export class GetCampaignProviderAnalytics {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly connections: Pick<CapabilityConnections, 'emailOutreachForCampaign'>,
    private readonly clock: Clock,
  ) {}

  async execute(query: { readonly caller: CampaignCaller; readonly campaignId: string }): Promise<CampaignProviderAnalytics> {
    const campaign = await findCampaignFor(this.campaigns, query.caller, query.campaignId);
    const externalCampaignId = campaign.externalCampaignId;
    if (externalCampaignId === null) throw new CampaignNotSyncedError();
    const { adapter, connection } = await this.connections.emailOutreachForCampaign(campaign);
    const statistics = await adapter.getCampaignStatistics(connection, externalCampaignId);
    return { campaignId: campaign.id, externalCampaignId, statistics, fetchedAt: this.clock.now() };
  }
}
