import { defineSequence, SequenceVersion, withExternalIdsFrom, type SequenceStep, type SequenceStepDraft } from '../../../domain/outreach/sequence.js';
import type { AuditedTransaction } from '../../audit/audited-transaction.js';
import type { Clock } from '../../shared/clock.port.js';
import type { IdGenerator } from '../../shared/id-generator.port.js';
import type { RequestContext } from '../../shared/request-context.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { ProviderCampaignLink } from '../campaigns/provider-campaign-link.js';
import type { CapabilityConnections } from '../capability-connections.js';
import { ProviderCallError } from '../provider-call-error.js';
import type { CampaignSequence } from './campaign-sequence.js';
import type { SequenceVersionRepository } from './sequence-version.repository.js';

export interface SaveCampaignSequenceCommand {
  readonly context: RequestContext;
  readonly caller: CampaignCaller;
  readonly campaignId: string;
  readonly steps: readonly SequenceStepDraft[];
}

/**
 * Replaces a campaign's whole sequence at the provider, then records what the provider stored as
 * the next version. The provider goes first: if it fails, nothing is stored and the same request
 * can simply be retried. Steps and variants keep the provider's ids of the previous version
 * (matched by step number and label), so its statistics stay attached to them.
 *
 * Only DRAFTED and PAUSED campaigns take a new sequence, whatever the provider would allow: one
 * rule for every capability, and no lead ever gets half of an old sequence and half of a new one.
 */
export class SaveCampaignSequence {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly versions: SequenceVersionRepository,
    private readonly connections: CapabilityConnections,
    private readonly link: ProviderCampaignLink,
    private readonly audited: AuditedTransaction,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: SaveCampaignSequenceCommand): Promise<CampaignSequence> {
    const { caller } = command;
    const campaign = await findCampaignFor(this.campaigns, caller, command.campaignId);
    const steps = defineSequence(command.steps);
    // Refuse what can never succeed before reaching for the provider.
    campaign.assertSequenceEditable();
    const connected = await this.connections.emailOutreachForCampaign(campaign);
    const action = { context: command.context, action: 'campaign.sequence.save', targetType: 'campaign', targetId: campaign.id, orgId: caller.orgId };
    let stored: readonly SequenceStep[];
    try {
      // Outside any transaction: the provider campaign's creation commits on its own.
      const externalCampaignId = await this.link.ensureCreated(campaign, connected);
      const previous = await this.versions.latest(caller.orgId, campaign.id);
      stored = await connected.adapter.saveSequence(connected.connection, externalCampaignId, withExternalIdsFrom(previous?.steps ?? [], steps));
    } catch (error) {
      if (error instanceof ProviderCallError) await this.audited.record(action, 'failure', { failure_kind: error.kind });
      throw error;
    }
    const version = await this.audited.run(
      action,
      async () => {
        // The lock orders concurrent saves. Not re-checked for editability: the provider holds this
        // sequence now, even if the campaign was launched meanwhile, and the history must say so.
        const locked = await findCampaignFor(this.campaigns, caller, campaign.id, { forUpdate: true });
        const latest = await this.versions.latest(caller.orgId, locked.id);
        const next = SequenceVersion.following(latest, { id: this.ids.next(), campaign: locked, steps: stored, createdByUserId: caller.userId, now: this.clock.now() });
        await this.versions.append(next);
        return next;
      },
      (saved) => ({ version: saved.version, step_count: saved.steps.length }),
    );
    return { campaignId: campaign.id, steps: version.steps, source: 'provider', version: version.version, updatedAt: version.createdAt, staleReason: null };
  }
}
