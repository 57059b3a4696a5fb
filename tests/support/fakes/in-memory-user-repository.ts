import type { UserListFilter, UserRepository } from '../../../application/identity/user.repository.js';
import { compareKeyset, keysetPage } from './keyset-page.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { User } from '../../../domain/identity/user.js';
import { UserEmailTakenError } from '../../../domain/identity/user-errors.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';

/** What the fake needs to know about organizations: whether one is live (the login join). */
export interface LiveOrganizationLookup {
  findById(id: string): Promise<{ readonly id: string } | null>;
}

/** What the fake needs to know about companies: whether the row exists in that organization. */
export interface CompanyRowLookup {
  hasRow(orgId: string, id: string): boolean;
}

/**
 * Behaves like the MikroORM repository over PostgreSQL: reads and writes are scoped by
 * organization id, soft-deleted users are invisible, an email is unique among an organization's
 * live users (the partial unique index), the role/company pairing CHECK holds, and `list` pages by
 * keyset over (createdAt, id). Given the organization store, `findLoginCandidates` leaves out users
 * of deleted organizations, as the SQL join does; given the company store, a user must point at a
 * company row of its own organization, as the composite foreign key demands. Stores copies.
 */
export class InMemoryUserRepository implements UserRepository, SnapshotableStore {
  private rows = new Map<string, User>();

  constructor(
    private readonly organizations?: LiveOrganizationLookup,
    private readonly companies?: CompanyRowLookup,
  ) {}

  async findById(orgId: string, id: string): Promise<User | null> {
    const row = this.rows.get(id);
    return row && row.orgId === orgId && row.deletedAt === null ? copy(row) : null;
  }

  async findLoginCandidates(email: string): Promise<User[]> {
    const candidates = [...this.rows.values()].filter((row) => row.email === email && row.deletedAt === null).sort(compareKeyset);
    const live: User[] = [];
    for (const candidate of candidates) {
      if (!this.organizations || (await this.organizations.findById(candidate.orgId))) live.push(copy(candidate));
    }
    return live;
  }

  async list(orgId: string, filter: UserListFilter, page: PageRequest): Promise<Page<User>> {
    return keysetPage(this.live(orgId)
      .filter((row) => filter.companyId === undefined || row.companyId === filter.companyId), page, copy);
  }

  async add(user: User): Promise<void> {
    if (this.rows.has(user.id)) throw new Error(`duplicate primary key ${user.id}`);
    this.assertStorable(user);
    this.rows.set(user.id, copy(user));
  }

  async save(user: User): Promise<void> {
    const stored = this.rows.get(user.id);
    if (!stored || stored.orgId !== user.orgId) throw new Error(`save of unknown user ${user.id}`);
    this.assertStorable(user);
    this.rows.set(user.id, copy(user));
  }

  async softDeleteAllOfCompany(orgId: string, companyId: string, now: Date): Promise<number> {
    let count = 0;
    for (const row of this.live(orgId)) {
      if (row.companyId !== companyId) continue;
      row.softDelete(now);
      count += 1;
    }
    return count;
  }

  /** Test helper: copies of every stored row of every organization, soft-deleted ones included. */
  allRows(): User[] {
    return [...this.rows.values()].map(copy);
  }

  snapshot(): Restore {
    const saved = new Map([...this.rows].map(([id, row]) => [id, copy(row)]));
    return () => {
      this.rows = saved;
    };
  }

  private live(orgId: string): User[] {
    return [...this.rows.values()].filter((row) => row.orgId === orgId && row.deletedAt === null);
  }

  /** The database's constraints; violating the first two is a bug in the caller, not a business outcome. */
  private assertStorable(user: User): void {
    if ((user.role === 'org_admin') !== (user.companyId === null)) {
      throw new Error(`users_role_company_pairing violated by user ${user.id}`);
    }
    if (user.companyId !== null && this.companies && !this.companies.hasRow(user.orgId, user.companyId)) {
      throw new Error(`users_company_same_org_fkey violated by user ${user.id}`);
    }
    if (user.deletedAt !== null) return;
    if (this.live(user.orgId).some((row) => row.email === user.email && row.id !== user.id)) throw new UserEmailTakenError();
  }
}


function copy(user: User): User {
  return new User(
    user.id,
    user.orgId,
    user.companyId,
    user.email,
    user.passwordHash,
    user.nameFirst,
    user.nameLast,
    user.role,
    new Date(user.createdAt),
    new Date(user.updatedAt),
    user.deletedAt === null ? null : new Date(user.deletedAt),
  );
}
