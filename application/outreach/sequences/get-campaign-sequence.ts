import { capabilityMidSentence } from '../../../domain/entitlements/capability.js';
import { CapabilityNotConnectedError, CapabilityNotEntitledError } from '../../../domain/entitlements/entitlement-errors.js';
import type { Campaign } from '../../../domain/outreach/campaign.js';
import type { SequenceVersion } from '../../../domain/outreach/sequence.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CapabilityConnections } from '../capability-connections.js';
import { ProviderCallError } from '../provider-call-error.js';
import { describeProviderFailure } from '../provider-failure-description.js';
import type { CampaignSequence } from './campaign-sequence.js';
import type { SequenceVersionRepository } from './sequence-version.repository.js';

export interface GetCampaignSequenceQuery {
  readonly caller: CampaignCaller;
  readonly campaignId: string;
}

/**
 * A campaign's sequence as the provider holds it right now, so edits made there show. When the
 * provider cannot be read — unavailable, refusing, or the capability no longer connected — the
 * latest saved version answers instead, saying why: a read never fails while a snapshot exists.
 * Without one the failure is the answer (503/502/409), since an empty sequence would be a lie.
 */
export class GetCampaignSequence {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly versions: SequenceVersionRepository,
    private readonly connections: CapabilityConnections,
  ) {}

  async execute(query: GetCampaignSequenceQuery): Promise<CampaignSequence> {
    const { caller } = query;
    const campaign = await findCampaignFor(this.campaigns, caller, query.campaignId);
    const latest = await this.versions.latest(caller.orgId, campaign.id);
    if (campaign.externalCampaignId === null) {
      // Saving creates the campaign at the provider first, so there is normally nothing saved yet.
      return snapshotOf(campaign, latest, `The campaign has not been created at ${capabilityMidSentence('email_outreach')} yet; saving its sequence creates it.`);
    }
    try {
      const connected = await this.connections.emailOutreachForCampaign(campaign);
      const steps = await connected.adapter.getSequence(connected.connection, campaign.externalCampaignId);
      return { campaignId: campaign.id, steps, source: 'provider', version: latest?.version ?? null, updatedAt: latest?.createdAt ?? campaign.updatedAt, staleReason: null };
    } catch (error) {
      const reason = staleReasonOf(error);
      if (reason === null || latest === null) throw error;
      return snapshotOf(campaign, latest, reason);
    }
  }
}

function snapshotOf(campaign: Campaign, latest: SequenceVersion | null, staleReason: string): CampaignSequence {
  return {
    campaignId: campaign.id,
    steps: latest?.steps ?? [],
    source: 'snapshot',
    version: latest?.version ?? null,
    updatedAt: latest?.createdAt ?? campaign.updatedAt,
    staleReason,
  };
}

/** Why the live read failed, in the capability's words; null for failures a snapshot must not hide. */
function staleReasonOf(error: unknown): string | null {
  const suffix = ' Showing the latest version saved through the engine.';
  if (error instanceof ProviderCallError) return describeProviderFailure(error).detail + suffix;
  if (error instanceof CapabilityNotConnectedError || error instanceof CapabilityNotEntitledError) return error.message + suffix;
  return null;
}
