import type { SequenceVersion } from '../../../domain/outreach/sequence.js';
import { SequenceVersionNotFoundError } from '../../../domain/outreach/sequence-errors.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { SequenceVersionRepository } from './sequence-version.repository.js';

export interface GetSequenceVersionQuery {
  readonly caller: CampaignCaller;
  readonly campaignId: string;
  readonly version: number;
}

/** One saved version of a campaign's sequence, steps included; served locally. */
export class GetSequenceVersion {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly versions: SequenceVersionRepository,
  ) {}

  async execute(query: GetSequenceVersionQuery): Promise<SequenceVersion> {
    const campaign = await findCampaignFor(this.campaigns, query.caller, query.campaignId);
    const found = await this.versions.find(query.caller.orgId, campaign.id, query.version);
    if (!found) throw new SequenceVersionNotFoundError(query.version);
    return found;
  }
}
