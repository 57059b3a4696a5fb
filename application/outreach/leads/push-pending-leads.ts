import type { CampaignLead } from '../../../domain/outreach/campaign-lead.js';
import { CampaignNotFoundError } from '../../../domain/outreach/campaign-errors.js';
import type { Clock } from '../../shared/clock.port.js';
import type { TransactionRunner } from '../../shared/transaction-runner.port.js';
import type { CapabilityConnections } from '../capability-connections.js';
import type { EmailLeadInput } from '../email-outreach-provider.port.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { ProviderCampaignLink } from '../campaigns/provider-campaign-link.js';
import type { CampaignLeadRepository } from './campaign-lead.repository.js';

/**
 * Leads per round trip between the database and the adapter. The adapter splits each chunk into
 * the provider's own batch size and paces the calls; the chunk only bounds memory and sets how
 * often progress is recorded.
 */
export const LEAD_PUSH_CHUNK = 500;

export interface PushProgress {
  readonly pushed: number;
  readonly rejected: number;
}

export interface PushPendingLeadsCommand {
  readonly orgId: string;
  readonly campaignId: string;
  /** Only the leads one import stored; null for every pending lead of the campaign. */
  readonly importId: string | null;
  /** Runs in the transaction that marks a chunk handed over, so progress and state agree. */
  readonly onProgress?: (progress: PushProgress) => Promise<void>;
  /** Checked between chunks: a stopping worker leaves at a safe point. */
  readonly signal?: AbortSignal;
}

/**
 * Hands a campaign's pending leads to its provider, chunk by chunk, oldest first. Each chunk is
 * marked `synced` only after the provider accepted it, in one set-based update, so a failure
 * anywhere leaves exactly the leads not yet handed over as `pending` for the next attempt. A
 * provider that sees a lead twice (an attempt that died after the call) reports it already
 * present, which changes nothing.
 */
export class PushPendingLeads {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly leads: CampaignLeadRepository,
    private readonly connections: CapabilityConnections,
    private readonly link: ProviderCampaignLink,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(command: PushPendingLeadsCommand): Promise<PushProgress> {
    const { orgId, campaignId } = command;
    const campaign = await this.campaigns.findById(orgId, campaignId);
    if (!campaign) throw new CampaignNotFoundError();
    const connected = await this.connections.emailOutreachForCampaign(campaign);
    const externalCampaignId = await this.link.ensureCreated(campaign, connected);
    const total = { pushed: 0, rejected: 0 };
    for (;;) {
      command.signal?.throwIfAborted();
      const chunk = await this.leads.findPending(orgId, campaignId, LEAD_PUSH_CHUNK, command.importId);
      if (chunk.length === 0) return total;
      const outcome = await connected.adapter.addLeads(connected.connection, externalCampaignId, chunk.map(toLeadInput));
      const externalIds = new Map(outcome.created.map((created) => [created.email.toLowerCase(), created.externalId]));
      const progress = { pushed: chunk.length, rejected: outcome.rejected };
      await this.transactions.run(async () => {
        await this.leads.markSynced(
          orgId,
          campaignId,
          chunk.map((lead) => ({ leadId: lead.id, externalLeadId: externalIds.get(lead.email) ?? null })),
          this.clock.now(),
        );
        await command.onProgress?.(progress);
      });
      total.pushed += progress.pushed;
      total.rejected += progress.rejected;
    }
  }
}

function toLeadInput(lead: CampaignLead): EmailLeadInput {
  return {
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    companyName: lead.companyName,
    title: lead.title,
    phone: lead.phone,
    linkedinUrl: lead.linkedinUrl,
    customFields: lead.customFields,
  };
}
