import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { CompanyRepository } from '../../../application/tenancy/company.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { Company } from '../../../domain/tenancy/company.js';
import { CompanyNameTakenError } from '../../../domain/tenancy/company-errors.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { afterKeyset, keysetOrder, keysetPageOf } from '../shared/keyset-cursor.js';
import { CompanySchema } from './company.entity-schema.js';

export class MikroOrmCompanyRepository implements CompanyRepository {
  constructor(private readonly orm: MikroORM) {}

  findById(orgId: string, id: string): Promise<Company | null> {
    return entityManagerFor(this.orm).findOne(CompanySchema, { id, orgId, deletedAt: null });
  }

  findLiveInAnyOrganization(id: string): Promise<Company | null> {
    return entityManagerFor(this.orm).findOne(CompanySchema, { id, deletedAt: null });
  }

  async list(orgId: string, page: PageRequest): Promise<Page<Company>> {
    const rows = await entityManagerFor(this.orm).find(CompanySchema, { orgId, deletedAt: null, ...afterKeyset(page.after) }, keysetOrder(page.limit));
    return keysetPageOf(rows, page.limit);
  }

  async add(company: Company): Promise<void> {
    const em = entityManagerFor(this.orm);
    em.persist(company);
    await this.flushTranslatingNameClash(company, () => em.flush());
  }

  async save(company: Company): Promise<void> {
    await this.flushTranslatingNameClash(company, () => entityManagerFor(this.orm).flush());
  }

  private async flushTranslatingNameClash(company: Company, flush: () => Promise<void>): Promise<void> {
    try {
      await flush();
    } catch (error) {
      // Two writers passed the read-side check at once; the partial unique index on lower(name) decided.
      if (error instanceof UniqueConstraintViolationException) throw new CompanyNameTakenError(company.name);
      throw error;
    }
  }
}
