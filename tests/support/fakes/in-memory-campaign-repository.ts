import type { CampaignListFilter, CampaignRepository } from '../../../application/outreach/campaigns/campaign.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { Campaign } from '../../../domain/outreach/campaign.js';
import type { CampaignStatus } from '../../../domain/outreach/campaign-status.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';

function copyCampaign(campaign: Campaign): Campaign {
  return new Campaign(
    campaign.id,
    campaign.orgId,
    campaign.companyId,
    campaign.providerId,
    campaign.name,
    campaign.providerCampaignName,
    campaign.externalCampaignId,
    campaign.status,
    campaign.campaignType,
    campaign.syncState,
    campaign.lastSyncError,
    campaign.createdByUserId,
    new Date(campaign.createdAt),
    new Date(campaign.updatedAt),
    campaign.deletedAt,
  );
}

/** Campaigns by id; every read is a copy, so a change only sticks through `save`. */
export class InMemoryCampaignRepository implements CampaignRepository, SnapshotableStore {
  private rows = new Map<string, Campaign>();

  async add(campaign: Campaign): Promise<void> {
    this.rows.set(campaign.id, copyCampaign(campaign));
  }

  async save(campaign: Campaign): Promise<void> {
    this.rows.set(campaign.id, copyCampaign(campaign));
  }

  async findById(orgId: string, id: string): Promise<Campaign | null> {
    const row = this.rows.get(id);
    return row && row.orgId === orgId && row.deletedAt === null ? copyCampaign(row) : null;
  }

  findByIdForUpdate(orgId: string, id: string): Promise<Campaign | null> {
    return this.findById(orgId, id);
  }

  async findByExternalIdForUpdate(orgId: string, providerId: string, externalCampaignId: string): Promise<Campaign | null> {
    const row = [...this.rows.values()].find(
      (campaign) => campaign.orgId === orgId && campaign.providerId === providerId && campaign.externalCampaignId === externalCampaignId && campaign.deletedAt === null,
    );
    return row ? copyCampaign(row) : null;
  }

  list(_orgId: string, _filter: CampaignListFilter, _page: PageRequest): Promise<Page<Campaign>> {
    return Promise.reject(new Error('listing is covered by the repository integration tests'));
  }

  /** Changes a stored campaign behind the use cases' back, as another request would. */
  setStatus(id: string, status: CampaignStatus): void {
    this.rows.get(id)!.status = status;
  }

  snapshot(): Restore {
    const saved = new Map([...this.rows].map(([id, row]) => [id, copyCampaign(row)]));
    return () => {
      this.rows = saved;
    };
  }
}
