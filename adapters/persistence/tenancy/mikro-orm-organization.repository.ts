import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { OrganizationRepository } from '../../../application/tenancy/organization.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { Organization } from '../../../domain/tenancy/organization.js';
import { OrganizationSlugTakenError } from '../../../domain/tenancy/organization-errors.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { afterKeyset, keysetOrder, keysetPageOf } from '../shared/keyset-cursor.js';
import { OrganizationSchema } from './organization.entity-schema.js';

export class MikroOrmOrganizationRepository implements OrganizationRepository {
  constructor(private readonly orm: MikroORM) {}

  findById(id: string): Promise<Organization | null> {
    return entityManagerFor(this.orm).findOne(OrganizationSchema, { id, deletedAt: null });
  }

  findBySlug(slug: string): Promise<Organization | null> {
    return entityManagerFor(this.orm).findOne(OrganizationSchema, { slug, deletedAt: null });
  }

  async list(page: PageRequest): Promise<Page<Organization>> {
    const rows = await entityManagerFor(this.orm).find(OrganizationSchema, { deletedAt: null, ...afterKeyset(page.after) }, keysetOrder(page.limit));
    return keysetPageOf(rows, page.limit);
  }

  async add(organization: Organization): Promise<void> {
    const em = entityManagerFor(this.orm);
    em.persist(organization);
    await this.flushTranslatingSlugClash(organization, () => em.flush());
  }

  async save(organization: Organization): Promise<void> {
    await this.flushTranslatingSlugClash(organization, () => entityManagerFor(this.orm).flush());
  }

  private async flushTranslatingSlugClash(organization: Organization, flush: () => Promise<void>): Promise<void> {
    try {
      await flush();
    } catch (error) {
      // Two writers passed the read-side check at once; the partial unique index decided.
      if (error instanceof UniqueConstraintViolationException) throw new OrganizationSlugTakenError(organization.slug);
      throw error;
    }
  }
}
