import type { CompanyRepository } from '../../../application/tenancy/company.repository.js';
import { keysetPage } from './keyset-page.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { Company } from '../../../domain/tenancy/company.js';
import { CompanyNameTakenError } from '../../../domain/tenancy/company-errors.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';

/**
 * Behaves like the MikroORM repository over PostgreSQL: every read is scoped by organization id,
 * soft-deleted rows stay stored but are invisible, a name is unique case-insensitively among an
 * organization's live companies (the partial unique index on lower(name)), and `list` pages by
 * keyset over (createdAt, id) with the same opaque cursor. Stores copies.
 */
export class InMemoryCompanyRepository implements CompanyRepository, SnapshotableStore {
  private rows = new Map<string, Company>();

  async findById(orgId: string, id: string): Promise<Company | null> {
    const row = this.rows.get(id);
    return row && row.orgId === orgId && row.deletedAt === null ? copy(row) : null;
  }

  async findLiveInAnyOrganization(id: string): Promise<Company | null> {
    const row = this.rows.get(id);
    return row && row.deletedAt === null ? copy(row) : null;
  }

  async list(orgId: string, page: PageRequest): Promise<Page<Company>> {
    return keysetPage(this.live(orgId), page, copy);
  }

  async add(company: Company): Promise<void> {
    if (this.rows.has(company.id)) throw new Error(`duplicate primary key ${company.id}`);
    this.assertNameFree(company);
    this.rows.set(company.id, copy(company));
  }

  async save(company: Company): Promise<void> {
    const stored = this.rows.get(company.id);
    if (!stored || stored.orgId !== company.orgId) throw new Error(`save of unknown company ${company.id}`);
    this.assertNameFree(company);
    this.rows.set(company.id, copy(company));
  }

  /** Test helper: copies of every stored row of every organization, soft-deleted ones included. */
  allRows(): Company[] {
    return [...this.rows.values()].map(copy);
  }

  /** Test helper: whether the row exists at all (the composite foreign key ignores soft deletes). */
  hasRow(orgId: string, id: string): boolean {
    return this.rows.get(id)?.orgId === orgId;
  }

  snapshot(): Restore {
    const saved = new Map([...this.rows].map(([id, row]) => [id, copy(row)]));
    return () => {
      this.rows = saved;
    };
  }

  private live(orgId: string): Company[] {
    return [...this.rows.values()].filter((row) => row.orgId === orgId && row.deletedAt === null);
  }

  private assertNameFree(company: Company): void {
    if (company.deletedAt !== null) return;
    const name = company.name.toLowerCase();
    const holder = this.live(company.orgId).find((row) => row.name.toLowerCase() === name && row.id !== company.id);
    if (holder) throw new CompanyNameTakenError(company.name);
  }
}


function copy(company: Company): Company {
  return new Company(
    company.id,
    company.orgId,
    company.name,
    company.domain,
    company.status,
    new Date(company.createdAt),
    new Date(company.updatedAt),
    company.deletedAt === null ? null : new Date(company.deletedAt),
  );
}
