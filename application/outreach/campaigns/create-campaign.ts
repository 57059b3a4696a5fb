import { Campaign } from '../../../domain/outreach/campaign.js';
import type { AuditedTransaction } from '../../audit/audited-transaction.js';
import type { Clock } from '../../shared/clock.port.js';
import type { IdGenerator } from '../../shared/id-generator.port.js';
import type { RequestContext } from '../../shared/request-context.js';
import type { CompanyRepository } from '../../tenancy/company.repository.js';
import type { OrganizationRepository } from '../../tenancy/organization.repository.js';
import { requireActiveOrganization } from '../../tenancy/require-active-organization.js';
import { resolveCompanyForWrite } from '../../tenancy/resolve-company-scope.js';
import type { CapabilityConnections } from '../capability-connections.js';
import { ProviderCallError } from '../provider-call-error.js';
import type { CampaignCaller } from './campaign-caller.js';
import type { CampaignRepository } from './campaign.repository.js';
import type { ProviderCampaignLink } from './provider-campaign-link.js';

export interface CreateCampaignCommand {
  readonly context: RequestContext;
  readonly caller: CampaignCaller;
  readonly name: string;
  readonly companyId?: string | undefined;
}

/** Either the campaign, created on both sides, or the stored draft and why the provider step failed. */
export type CreateCampaignResult =
  | { readonly campaign: Campaign; readonly failure: null }
  | { readonly campaign: Campaign; readonly failure: ProviderCallError };

/**
 * Creates an email campaign: the local row first (committed, with its audit row), then the
 * provider's. A provider failure leaves the row `failed` with the reason — visible in lists and
 * repaired by any later operation that needs the provider campaign — never a campaign on one side
 * only.
 */
export class CreateCampaign {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly companies: CompanyRepository,
    private readonly campaigns: CampaignRepository,
    private readonly connections: CapabilityConnections,
    private readonly link: ProviderCampaignLink,
    private readonly audited: AuditedTransaction,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateCampaignCommand): Promise<CreateCampaignResult> {
    const { caller } = command;
    const id = this.ids.next();
    const { campaign, connected } = await this.audited.run(
      { context: command.context, action: 'campaign.create', targetType: 'campaign', targetId: id, orgId: caller.orgId },
      async () => {
        await requireActiveOrganization(this.organizations, caller.orgId);
        const companyId = await resolveCompanyForWrite(this.companies, caller, command.companyId);
        const connected = await this.connections.emailOutreach(caller.orgId, companyId);
        const campaign = Campaign.draft({
          id,
          orgId: caller.orgId,
          companyId,
          providerId: connected.provider.id,
          name: command.name,
          createdByUserId: caller.userId,
          now: this.clock.now(),
        });
        await this.campaigns.add(campaign);
        return { campaign, connected };
      },
      ({ campaign }) => ({ company_id: campaign.companyId }),
    );
    try {
      await this.link.ensureCreated(campaign, connected, { justStored: true });
      return { campaign, failure: null };
    } catch (error) {
      if (error instanceof ProviderCallError) return { campaign, failure: error };
      throw error;
    }
  }
}
