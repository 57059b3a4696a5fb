import { canonicalEmail } from '../../../domain/outreach/campaign-lead.js';
import type { LeadImport } from '../../../domain/outreach/lead-import.js';
import type { AuditedTransaction } from '../../audit/audited-transaction.js';
import type { BackgroundJobs } from '../../shared/background-jobs.port.js';
import type { Clock } from '../../shared/clock.port.js';
import type { IdGenerator } from '../../shared/id-generator.port.js';
import type { RequestContext } from '../../shared/request-context.js';
import type { OrganizationRepository } from '../../tenancy/organization.repository.js';
import { requireActiveOrganization } from '../../tenancy/require-active-organization.js';
import type { CapabilityConnections } from '../capability-connections.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CampaignLeadRepository, NewLead } from './campaign-lead.repository.js';
import { LEAD_IMPORT_QUEUE, type LeadImportJobPayload } from './lead-import-queue.js';
import type { LeadImportRepository } from './lead-import.repository.js';
import type { RunLeadImport } from './run-lead-import.js';

/** The most leads one request may carry. */
export const MAX_LEADS_PER_REQUEST = 10_000;

export interface AddCampaignLeadsCommand {
  readonly context: RequestContext;
  readonly caller: CampaignCaller;
  readonly campaignId: string;
  /** Addresses as the caller wrote them; canonicalised here. */
  readonly leads: readonly NewLead[];
}

export interface AddCampaignLeadsResult {
  readonly import: LeadImport;
  /** `queued`: too many leads to hand over within the request; a background job does it. */
  readonly mode: 'completed' | 'queued';
}

/**
 * Adds leads to a campaign. Duplicates within the request, addresses already in the campaign and
 * addresses on the company's suppression list are counted and skipped; the rest are stored at
 * once, set-based, with the import that reports on them — so from the answer on, no lead can be
 * lost. When the campaign then has at most `inlineLimit` leads waiting for the provider, they are
 * handed over before answering; more are handed over by a background job (enqueued in the same
 * transaction) whose progress the import reports. A provider failure leaves the leads pending: the next import of the campaign, or a
 * retry of this one, hands them over.
 */
export class AddCampaignLeads {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly campaigns: CampaignRepository,
    private readonly leads: CampaignLeadRepository,
    private readonly imports: LeadImportRepository,
    private readonly connections: CapabilityConnections,
    private readonly runImport: RunLeadImport,
    private readonly jobs: BackgroundJobs,
    private readonly audited: AuditedTransaction,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly inlineLimit: number,
  ) {}

  async execute(command: AddCampaignLeadsCommand): Promise<AddCampaignLeadsResult> {
    const { caller } = command;
    const unique = uniqueByAddress(command.leads);
    const importId = this.ids.next();
    const stored = await this.audited.run(
      { context: command.context, action: 'campaign.leads.add', targetType: 'campaign', targetId: command.campaignId, orgId: caller.orgId },
      async () => {
        await requireActiveOrganization(this.organizations, caller.orgId);
        const campaign = await findCampaignFor(this.campaigns, caller, command.campaignId);
        campaign.assertAcceptsLeads();
        // Refused before anything is stored when the capability cannot take leads at all.
        await this.connections.emailOutreachForCampaign(campaign);
        const now = this.clock.now();
        const key = { orgId: caller.orgId, companyId: campaign.companyId, campaignId: campaign.id };
        const outcome = await this.leads.insertNew(key, unique, { importJobId: importId, at: now });
        await this.imports.add({
          id: importId,
          ...key,
          submitted: command.leads.length,
          added: outcome.inserted,
          duplicatesInRequest: command.leads.length - unique.length,
          alreadyInCampaign: outcome.alreadyInCampaign,
          suppressed: outcome.suppressed,
          createdByUserId: caller.userId,
          createdAt: now,
        });
        // Leads an earlier failed import left pending are handed over with these, so they count.
        const background = (await this.leads.countPending(caller.orgId, campaign.id)) > this.inlineLimit;
        if (background) {
          const payload: LeadImportJobPayload = { orgId: caller.orgId, campaignId: campaign.id, importId };
          await this.jobs.enqueue(LEAD_IMPORT_QUEUE, payload, { singletonKey: campaign.id });
        }
        return { outcome, background };
      },
      ({ outcome, background }) => ({
        import_id: importId,
        submitted: command.leads.length,
        added: outcome.inserted,
        already_in_campaign: outcome.alreadyInCampaign,
        suppressed: outcome.suppressed,
        background,
      }),
    );
    if (stored.background) return { import: await this.requireImport(caller.orgId, command.campaignId, importId), mode: 'queued' };

    const run = await this.runImport.execute({ orgId: caller.orgId, campaignId: command.campaignId, importId, lastAttempt: true });
    if (run.failure) throw run.failure;
    return { import: run.import ?? (await this.requireImport(caller.orgId, command.campaignId, importId)), mode: 'completed' };
  }

  private async requireImport(orgId: string, campaignId: string, importId: string): Promise<LeadImport> {
    const found = await this.imports.findById(orgId, campaignId, importId);
    if (!found) throw new Error(`lead import ${importId} vanished right after it was stored`);
    return found;
  }
}

/** The first occurrence of each address wins; later ones are counted as duplicates. */
function uniqueByAddress(leads: readonly NewLead[]): NewLead[] {
  const byAddress = new Map<string, NewLead>();
  for (const lead of leads) {
    const email = canonicalEmail(lead.email);
    if (!byAddress.has(email)) byAddress.set(email, { ...lead, email });
  }
  return [...byAddress.values()];
}
