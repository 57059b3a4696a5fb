import type { User } from '../../domain/identity/user.js';
import type { Page, PageRequest } from '../shared/pagination.js';

export interface UserListFilter {
  readonly companyId?: string | undefined;
}

/** Live users. Reads and writes are scoped by organization id, except the login lookup. */
export interface UserRepository {
  findById(orgId: string, id: string): Promise<User | null>;
  /**
   * Every live account with this (canonical) email whose organization is live too, across all
   * organizations, oldest first: login decides which of them the password opens.
   */
  findLoginCandidates(email: string): Promise<User[]>;
  /** Oldest first, by keyset. */
  list(orgId: string, filter: UserListFilter, page: PageRequest): Promise<Page<User>>;
  /** Throws UserEmailTakenError when a live user of the organization has the email. */
  add(user: User): Promise<void>;
  /** Persists changes to a user loaded in the same transaction; same clash rule as `add`. */
  save(user: User): Promise<void>;
  /** Soft-deletes every live user of a company (the company is going away); answers how many. */
  softDeleteAllOfCompany(orgId: string, companyId: string, now: Date): Promise<number>;
}
