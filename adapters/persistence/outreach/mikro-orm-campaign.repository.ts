import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { CampaignListFilter, CampaignRepository } from '../../../application/outreach/campaigns/campaign.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { Campaign } from '../../../domain/outreach/campaign.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { afterKeyset, keysetOrder, keysetPageOf } from '../shared/keyset-cursor.js';
import { CampaignSchema } from './campaign.entity-schema.js';
import { isUuid } from '../shared/uuid.js';


export class MikroOrmCampaignRepository implements CampaignRepository {
  constructor(private readonly orm: MikroORM) {}

  async add(campaign: Campaign): Promise<void> {
    await entityManagerFor(this.orm).persist(campaign).flush();
  }

  async save(_campaign: Campaign): Promise<void> {
    await entityManagerFor(this.orm).flush();
  }

  async findById(orgId: string, id: string): Promise<Campaign | null> {
    // A malformed id names no campaign; Postgres would reject it as a uuid instead.
    if (!isUuid(id)) return null;
    return entityManagerFor(this.orm).findOne(CampaignSchema, { id, orgId, deletedAt: null });
  }

  async findByIdForUpdate(orgId: string, id: string): Promise<Campaign | null> {
    if (!isUuid(id)) return null;
    const em = entityManagerFor(this.orm);
    // Refreshed: an earlier read in this transaction must not hide what the lock waited for.
    return em.findOne(CampaignSchema, { id, orgId, deletedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  findByExternalIdForUpdate(orgId: string, providerId: string, externalCampaignId: string): Promise<Campaign | null> {
    return entityManagerFor(this.orm).findOne(
      CampaignSchema,
      { orgId, providerId, externalCampaignId, deletedAt: null },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  async list(orgId: string, filter: CampaignListFilter, page: PageRequest): Promise<Page<Campaign>> {
    const where = {
      orgId,
      deletedAt: null,
      ...(filter.scope.kind === 'company' ? { companyId: filter.scope.companyId } : {}),
      ...(filter.createdByUserId !== undefined ? { createdByUserId: filter.createdByUserId } : {}),
      ...(filter.status !== undefined ? { status: filter.status } : {}),
      ...afterKeyset(page.after),
    };
    const rows = await entityManagerFor(this.orm).find(CampaignSchema, where, keysetOrder(page.limit));
    return keysetPageOf(rows, page.limit);
  }
}
