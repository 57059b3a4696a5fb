import type { Page } from '../../shared/pagination.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { SequenceVersionRepository, SequenceVersionSummary } from './sequence-version.repository.js';

export interface ListSequenceVersionsQuery {
  readonly caller: CampaignCaller;
  readonly campaignId: string;
  readonly limit: number;
  readonly after?: string | undefined;
}

/** The saved versions of a campaign's sequence, newest first; served locally. */
export class ListSequenceVersions {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly versions: SequenceVersionRepository,
  ) {}

  async execute(query: ListSequenceVersionsQuery): Promise<Page<SequenceVersionSummary>> {
    const campaign = await findCampaignFor(this.campaigns, query.caller, query.campaignId);
    return this.versions.list(query.caller.orgId, campaign.id, { limit: query.limit, after: query.after });
  }
}
