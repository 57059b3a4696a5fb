import type { Campaign } from '../../../domain/outreach/campaign.js';
import { SequenceRequiredError } from '../../../domain/outreach/campaign-errors.js';
import type { CampaignStatus } from '../../../domain/outreach/campaign-status.js';
import type { AuditedTransaction } from '../../audit/audited-transaction.js';
import type { Clock } from '../../shared/clock.port.js';
import type { RequestContext } from '../../shared/request-context.js';
import type { OrganizationRepository } from '../../tenancy/organization.repository.js';
import { requireActiveOrganization } from '../../tenancy/require-active-organization.js';
import type { CapabilityConnections } from '../capability-connections.js';
import { ProviderCallError } from '../provider-call-error.js';
import { requireSupported } from '../require-supported.js';
import type { SequenceVersionRepository } from '../sequences/sequence-version.repository.js';
import { findCampaignFor, type CampaignCaller } from './campaign-caller.js';
import type { CampaignRepository } from './campaign.repository.js';
import type { ProviderCampaignLink } from './provider-campaign-link.js';

export interface ChangeCampaignStatusCommand {
  readonly context: RequestContext;
  readonly caller: CampaignCaller;
  readonly campaignId: string;
  /** Only ACTIVE, PAUSED and STOPPED can be requested; the current status is a no-op. */
  readonly status: CampaignStatus;
}

/**
 * Moves a campaign along its state machine. The provider is told first and the local status
 * follows only once it agreed, so the two never disagree; the row stays locked meanwhile, so two
 * requests cannot interleave. Launching or resuming needs an active organization and a saved
 * sequence.
 */
export class ChangeCampaignStatus {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly campaigns: CampaignRepository,
    private readonly sequences: SequenceVersionRepository,
    private readonly connections: CapabilityConnections,
    private readonly link: ProviderCampaignLink,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: ChangeCampaignStatusCommand): Promise<Campaign> {
    const { caller } = command;
    const campaign = await findCampaignFor(this.campaigns, caller, command.campaignId);
    const status = command.status;
    // Refuse what can never succeed before reaching for the provider.
    if (!campaign.checkRequestedStatus(status)) return campaign;
    if (status === 'ACTIVE') {
      await requireActiveOrganization(this.organizations, caller.orgId);
      if (!(await this.sequences.latest(caller.orgId, campaign.id))) throw new SequenceRequiredError();
    }
    const connected = await this.connections.emailOutreachForCampaign(campaign);
    const action = { context: command.context, action: 'campaign.status', targetType: 'campaign', targetId: campaign.id, orgId: caller.orgId };
    try {
      const externalId = await this.link.ensureCreated(campaign, connected);
      return await this.audited.run(
        action,
        async () => {
          const locked = await findCampaignFor(this.campaigns, caller, campaign.id, { forUpdate: true });
          if (!locked.checkRequestedStatus(status)) return locked;
          if (status === 'ACTIVE') await requireActiveOrganization(this.organizations, caller.orgId);
          requireSupported(await connected.adapter.setCampaignStatus(connected.connection, externalId, status), 'email_outreach');
          locked.moveTo(status, this.clock.now());
          await this.campaigns.save(locked);
          return locked;
        },
        (saved) => ({ status: saved.status }),
      );
    } catch (error) {
      if (error instanceof ProviderCallError) await this.audited.record(action, 'failure', { requested_status: status, failure_kind: error.kind });
      throw error;
    }
  }
}
