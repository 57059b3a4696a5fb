import type { CompanyScope } from '../../../domain/access/company-scope.js';
import type { Campaign } from '../../../domain/outreach/campaign.js';
import type { CampaignStatus } from '../../../domain/outreach/campaign-status.js';
import type { Page, PageRequest } from '../../shared/pagination.js';

export interface CampaignListFilter {
  readonly scope: CompanyScope;
  /** Only campaigns this user created (`mine_only`). */
  readonly createdByUserId?: string | undefined;
  readonly status?: CampaignStatus | undefined;
}

export interface CampaignRepository {
  add(campaign: Campaign): Promise<void>;
  /** Flushes changes made to campaigns loaded in the current transaction. */
  save(campaign: Campaign): Promise<void>;
  /** A live campaign of the organization, or null. */
  findById(orgId: string, id: string): Promise<Campaign | null>;
  /**
   * The same, locked until the surrounding transaction ends: provider-side changes to one
   * campaign (its creation, its status) are made one at a time.
   */
  findByIdForUpdate(orgId: string, id: string): Promise<Campaign | null>;
  list(orgId: string, filter: CampaignListFilter, page: PageRequest): Promise<Page<Campaign>>;
  /** The organization's live campaign the provider knows by this id, locked until the transaction ends. */
  findByExternalIdForUpdate(orgId: string, providerId: string, externalCampaignId: string): Promise<Campaign | null>;
}
