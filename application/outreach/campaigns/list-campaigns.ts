import type { Campaign } from '../../../domain/outreach/campaign.js';
import type { CampaignStatus } from '../../../domain/outreach/campaign-status.js';
import type { Page } from '../../shared/pagination.js';
import type { CompanyRepository } from '../../tenancy/company.repository.js';
import { resolveCompanyReadScope } from '../../tenancy/resolve-company-scope.js';
import type { CampaignCaller } from './campaign-caller.js';
import type { CampaignRepository } from './campaign.repository.js';

export interface ListCampaignsQuery {
  readonly caller: CampaignCaller;
  readonly companyId?: string | undefined;
  readonly allCompanies?: boolean | undefined;
  /** Only the caller's own campaigns. */
  readonly mineOnly?: boolean | undefined;
  readonly status?: CampaignStatus | undefined;
  readonly limit: number;
  readonly after?: string | undefined;
}

/** Campaigns within the caller's read scope, oldest first; served locally. */
export class ListCampaigns {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly campaigns: CampaignRepository,
  ) {}

  async execute(query: ListCampaignsQuery): Promise<Page<Campaign>> {
    const scope = await resolveCompanyReadScope(this.companies, query.caller, { companyId: query.companyId, allCompanies: query.allCompanies });
    return this.campaigns.list(
      query.caller.orgId,
      { scope, createdByUserId: query.mineOnly ? query.caller.userId : undefined, status: query.status },
      { limit: query.limit, after: query.after },
    );
  }
}
