import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { UserListFilter, UserRepository } from '../../../application/identity/user.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { User } from '../../../domain/identity/user.js';
import { UserEmailTakenError } from '../../../domain/identity/user-errors.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { afterKeyset, keysetOrder, keysetPageOf } from '../shared/keyset-cursor.js';
import { UserSchema } from './user.entity-schema.js';

export class MikroOrmUserRepository implements UserRepository {
  constructor(private readonly orm: MikroORM) {}

  findById(orgId: string, id: string): Promise<User | null> {
    return entityManagerFor(this.orm).findOne(UserSchema, { id, orgId, deletedAt: null });
  }

  async findLoginCandidates(email: string): Promise<User[]> {
    const em = entityManagerFor(this.orm);
    // Organizations are not mapped as a relation of users, so the join is written out; the rows
    // are then hydrated through the schema like any other load.
    const rows = await em.execute<Record<string, unknown>[]>(
      `select u.* from users u
         join organizations o on o.id = u.org_id and o.deleted_at is null
        where u.email = ? and u.deleted_at is null
        order by u.created_at, u.id`,
      [email],
    );
    return rows.map((row) => em.map(UserSchema, row));
  }

  async list(orgId: string, filter: UserListFilter, page: PageRequest): Promise<Page<User>> {
    const scope = filter.companyId === undefined ? { orgId, deletedAt: null } : { orgId, companyId: filter.companyId, deletedAt: null };
    const rows = await entityManagerFor(this.orm).find(UserSchema, { ...scope, ...afterKeyset(page.after) }, keysetOrder(page.limit));
    return keysetPageOf(rows, page.limit);
  }

  async add(user: User): Promise<void> {
    const em = entityManagerFor(this.orm);
    em.persist(user);
    await flushTranslatingEmailClash(() => em.flush());
  }

  async save(_user: User): Promise<void> {
    await flushTranslatingEmailClash(() => entityManagerFor(this.orm).flush());
  }

  softDeleteAllOfCompany(orgId: string, companyId: string, now: Date): Promise<number> {
    // One set-based UPDATE however many users the company has.
    return entityManagerFor(this.orm).nativeUpdate(UserSchema, { orgId, companyId, deletedAt: null }, { deletedAt: now, updatedAt: now });
  }
}

async function flushTranslatingEmailClash(flush: () => Promise<void>): Promise<void> {
  try {
    await flush();
  } catch (error) {
    // Two writers passed the read-side check at once; the partial unique index on (org_id, email) decided.
    if (error instanceof UniqueConstraintViolationException) throw new UserEmailTakenError();
    throw error;
  }
}
