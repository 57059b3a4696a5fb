import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EntitlementListFilter, EntitlementRepository } from '../../../application/entitlements/entitlement.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { isCapabilitySlug } from '../../../domain/entitlements/capability.js';
import type { Entitlement } from '../../../domain/entitlements/entitlement.js';
import { EntitlementExistsError } from '../../../domain/entitlements/entitlement-errors.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { afterKeyset, keysetOrder, keysetPageOf } from '../shared/keyset-cursor.js';
import { EntitlementSchema } from './entitlement.entity-schema.js';
import { isUuid } from '../shared/uuid.js';


export class MikroOrmEntitlementRepository implements EntitlementRepository {
  constructor(private readonly orm: MikroORM) {}

  findById(orgId: string, id: string): Promise<Entitlement | null> {
    return entityManagerFor(this.orm).findOne(EntitlementSchema, { id, orgId, deletedAt: null });
  }

  async findLiveForCompanyCapability(orgId: string, companyId: string, capabilitySlugOrId: string): Promise<Entitlement | null> {
    const capability = isCapabilitySlug(capabilitySlugOrId)
      ? { capability: capabilitySlugOrId }
      : isUuid(capabilitySlugOrId)
        ? { capabilityId: capabilitySlugOrId }
        : undefined;
    if (!capability) return null;
    return entityManagerFor(this.orm).findOne(EntitlementSchema, { orgId, companyId, deletedAt: null, ...capability });
  }

  async list(orgId: string, filter: EntitlementListFilter, page: PageRequest): Promise<Page<Entitlement>> {
    const scope = filter.companyId === undefined ? { orgId, deletedAt: null } : { orgId, companyId: filter.companyId, deletedAt: null };
    const rows = await entityManagerFor(this.orm).find(EntitlementSchema, { ...scope, ...afterKeyset(page.after) }, keysetOrder(page.limit));
    return keysetPageOf(rows, page.limit);
  }

  async add(entitlement: Entitlement): Promise<void> {
    const em = entityManagerFor(this.orm);
    em.persist(entitlement);
    try {
      await em.flush();
    } catch (error) {
      // Two grants passed the read-side check at once; the partial unique index decided.
      if (error instanceof UniqueConstraintViolationException) throw new EntitlementExistsError(entitlement.capability);
      throw error;
    }
  }

  async save(_entitlement: Entitlement): Promise<void> {
    await entityManagerFor(this.orm).flush();
  }

  softDeleteAllOfCompany(orgId: string, companyId: string, now: Date): Promise<number> {
    // One set-based UPDATE however many entitlements the company has.
    return entityManagerFor(this.orm).nativeUpdate(EntitlementSchema, { orgId, companyId, deletedAt: null }, { deletedAt: now, updatedAt: now });
  }
}
