import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { OrganizationRepository } from '../../../application/tenancy/organization.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { Organization } from '../../../domain/tenancy/organization.js';
import { OrganizationSlugTakenError } from '../../../domain/tenancy/organization-errors.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../shared/keyset-cursor.js';
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
    const after = page.after === undefined ? undefined : decodeKeysetCursor(page.after);
    const rows = await entityManagerFor(this.orm).find(
      OrganizationSchema,
      after
        ? {
            deletedAt: null,
            $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }],
          }
        : { deletedAt: null },
      // One row past the page tells whether another page exists without a count query.
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: page.limit + 1 },
    );
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > page.limit && last ? encodeKeysetCursor(last) : null };
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
