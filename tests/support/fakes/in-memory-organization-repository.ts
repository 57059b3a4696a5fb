import type { OrganizationRepository } from '../../../application/tenancy/organization.repository.js';
import { keysetPage } from './keyset-page.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { Organization } from '../../../domain/tenancy/organization.js';
import { OrganizationSlugTakenError } from '../../../domain/tenancy/organization-errors.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';

/**
 * Behaves like the MikroORM repository over PostgreSQL: soft-deleted rows stay stored but are
 * invisible through the port, a slug is unique among live rows (the partial unique index), and
 * `list` pages by keyset over (createdAt, id) with the same opaque cursor. Stores copies, so an
 * organization changed in memory stays unchanged until `save`.
 */
export class InMemoryOrganizationRepository implements OrganizationRepository, SnapshotableStore {
  private rows = new Map<string, Organization>();

  async findById(id: string): Promise<Organization | null> {
    const row = this.rows.get(id);
    return row && !row.isDeleted ? copy(row) : null;
  }

  async findBySlug(slug: string): Promise<Organization | null> {
    const row = this.live().find((candidate) => candidate.slug === slug);
    return row ? copy(row) : null;
  }

  async list(page: PageRequest): Promise<Page<Organization>> {
    return keysetPage(this.live(), page, copy);
  }

  async add(organization: Organization): Promise<void> {
    if (this.rows.has(organization.id)) throw new Error(`duplicate primary key ${organization.id}`);
    this.assertSlugFree(organization);
    this.rows.set(organization.id, copy(organization));
  }

  async save(organization: Organization): Promise<void> {
    if (!this.rows.has(organization.id)) throw new Error(`save of unknown organization ${organization.id}`);
    this.assertSlugFree(organization);
    this.rows.set(organization.id, copy(organization));
  }

  /** Test helper: copies of every stored row, soft-deleted ones included. */
  allRows(): Organization[] {
    return [...this.rows.values()].map(copy);
  }

  snapshot(): Restore {
    const saved = new Map([...this.rows].map(([id, row]) => [id, copy(row)]));
    return () => {
      this.rows = saved;
    };
  }

  private live(): Organization[] {
    return [...this.rows.values()].filter((row) => !row.isDeleted);
  }

  private assertSlugFree(organization: Organization): void {
    if (organization.isDeleted) return;
    const holder = this.live().find((row) => row.slug === organization.slug && row.id !== organization.id);
    if (holder) throw new OrganizationSlugTakenError(organization.slug);
  }
}


function copy(organization: Organization): Organization {
  return new Organization(
    organization.id,
    organization.name,
    organization.slug,
    organization.status,
    new Date(organization.createdAt),
    new Date(organization.updatedAt),
    organization.deletedAt === null ? null : new Date(organization.deletedAt),
  );
}
