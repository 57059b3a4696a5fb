import type { CampaignLead, LeadStatus } from '../../../domain/outreach/campaign-lead.js';
import { leadStatusAfter, LeadNotSyncedError, type LeadControl } from '../../../domain/outreach/lead-controls.js';
import { LeadNotFoundError } from '../../../domain/outreach/lead-errors.js';
import type { AuditedTransaction } from '../../audit/audited-transaction.js';
import type { Clock } from '../../shared/clock.port.js';
import type { RequestContext } from '../../shared/request-context.js';
import type { CapabilityConnections, ConnectedCapability } from '../capability-connections.js';
import type { EmailLeadRef, EmailOutreachProvider } from '../email-outreach-provider.port.js';
import type { ProviderOutcome } from '../provider-outcome.js';
import { ProviderCallError } from '../provider-call-error.js';
import { requireSupported } from '../require-supported.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CampaignLeadRepository } from './campaign-lead.repository.js';
import type { SuppressionList } from './suppression-list.port.js';

export interface ChangeLeadStateCommand {
  readonly context: RequestContext;
  readonly caller: CampaignCaller;
  readonly campaignId: string;
  readonly leadId: string;
  readonly control: LeadControl;
}

export interface ChangeLeadStateResult {
  readonly lead: CampaignLead;
  readonly status: LeadStatus;
  /** 0 when the lead already was where the control leads. */
  readonly affected: 0 | 1;
}

/**
 * Pauses, resumes or unsubscribes one lead: the provider first (a provider without the operation
 * answers the typed "unsupported", which becomes a 409), then the local status. Unsubscribing also
 * puts the address on the company's suppression list, so no later import can bring it back. A
 * lead still waiting to be handed to the provider is unsubscribed locally only (it will never be
 * handed over); pausing or resuming it is refused until it has been.
 */
export class ChangeLeadState {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly leads: CampaignLeadRepository,
    private readonly suppressions: SuppressionList,
    private readonly connections: CapabilityConnections,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: ChangeLeadStateCommand): Promise<ChangeLeadStateResult> {
    const { caller, control } = command;
    const campaign = await findCampaignFor(this.campaigns, caller, command.campaignId);
    const lead = await this.leads.findById(campaign.orgId, campaign.id, command.leadId);
    if (!lead) throw new LeadNotFoundError();
    const target = leadStatusAfter(control, lead.status);
    if (target === null) return { lead, status: lead.status, affected: 0 };

    const action = { context: command.context, action: `campaign.lead.${control}`, targetType: 'campaign_lead', targetId: lead.id, orgId: caller.orgId };
    const atProvider = lead.syncState === 'synced' && campaign.externalCampaignId !== null;
    if (!atProvider && control !== 'unsubscribe') throw new LeadNotSyncedError();
    try {
      if (atProvider && campaign.externalCampaignId !== null) {
        const connected = await this.connections.emailOutreachForCampaign(campaign);
        const ref: EmailLeadRef = { externalId: lead.externalLeadId, email: lead.email };
        requireSupported(await applyAtProvider(control, connected, campaign.externalCampaignId, ref), 'email_outreach');
      }
    } catch (error) {
      if (error instanceof ProviderCallError) await this.audited.record(action, 'failure', { failure_kind: error.kind });
      throw error;
    }
    await this.audited.run(
      action,
      async () => {
        const at = this.clock.now();
        // Decided again from the locked row: a change that landed meanwhile (say, a bounce) wins
        // over a control that no longer applies to it.
        const current = await this.leads.findByIdForUpdate(campaign.orgId, campaign.id, lead.id);
        if (!current) throw new LeadNotFoundError();
        if (leadStatusAfter(control, current.status) === null) return;
        await this.leads.setStatus(campaign.orgId, campaign.id, lead.id, target, at);
        if (control === 'unsubscribe') {
          await this.suppressions.add(campaign.orgId, campaign.companyId, [{ email: lead.email, reason: 'unsubscribed', sourceCampaignId: campaign.id }], at);
        }
      },
      () => ({ campaign_id: campaign.id, status: target }),
    );
    const updated = await this.leads.findById(campaign.orgId, campaign.id, lead.id);
    return { lead: updated ?? lead, status: target, affected: 1 };
  }
}

function applyAtProvider(
  control: LeadControl,
  { adapter, connection }: ConnectedCapability<EmailOutreachProvider>,
  externalCampaignId: string,
  lead: EmailLeadRef,
): Promise<ProviderOutcome> {
  if (control === 'pause') return adapter.pauseLead(connection, externalCampaignId, lead);
  if (control === 'resume') return adapter.resumeLead(connection, externalCampaignId, lead);
  return adapter.unsubscribeLead(connection, externalCampaignId, lead);
}
