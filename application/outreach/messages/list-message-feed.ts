import { CampaignNotFoundError } from '../../../domain/outreach/campaign-errors.js';
import type { CompanyScope } from '../../../domain/access/company-scope.js';
import type { Page } from '../../shared/pagination.js';
import type { CompanyRepository } from '../../tenancy/company.repository.js';
import { resolveCompanyReadScope } from '../../tenancy/resolve-company-scope.js';
import { findCampaignFor, type CampaignCaller } from '../campaigns/campaign-caller.js';
import type { CampaignRepository } from '../campaigns/campaign.repository.js';
import type { CampaignMessage, CampaignMessageRepository, FeedPageRequest, MessageDirection } from './campaign-message.repository.js';
import { PagingConflictError } from './paging-conflict-error.js';

export interface ListMessageFeedQuery extends FeedPageRequest {
  readonly caller: CampaignCaller;
  readonly companyId?: string | undefined;
  readonly allCompanies?: boolean | undefined;
  readonly campaignId?: string | undefined;
  readonly direction?: MessageDirection | undefined;
  /** Only messages of campaigns the caller created. */
  readonly mineOnly?: boolean | undefined;
}

/**
 * The unified inbox: messages of every live campaign within the caller's read scope, newest
 * first; served locally. A campaign filter naming a campaign outside that scope answers "not
 * found", exactly like a campaign that does not exist.
 */
export class ListMessageFeed {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly campaigns: CampaignRepository,
    private readonly messages: CampaignMessageRepository,
  ) {}

  async execute(query: ListMessageFeedQuery): Promise<Page<CampaignMessage>> {
    if (query.after !== undefined && query.offset !== undefined) throw new PagingConflictError();
    const { caller } = query;
    const scope = await resolveCompanyReadScope(this.companies, caller, { companyId: query.companyId, allCompanies: query.allCompanies });
    if (query.campaignId !== undefined) await this.requireCampaignInScope(caller, scope, query.campaignId);
    return this.messages.feed(
      caller.orgId,
      {
        scope,
        campaignId: query.campaignId,
        direction: query.direction,
        createdByUserId: query.mineOnly ? caller.userId : undefined,
      },
      { limit: query.limit, after: query.after, offset: query.offset },
    );
  }

  private async requireCampaignInScope(caller: CampaignCaller, scope: CompanyScope, campaignId: string): Promise<void> {
    const campaign = await findCampaignFor(this.campaigns, caller, campaignId);
    if (scope.kind === 'company' && campaign.companyId !== scope.companyId) throw new CampaignNotFoundError();
  }
}
