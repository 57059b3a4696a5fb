import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmUserRepository } from '../../adapters/persistence/identity/mikro-orm-user.repository.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { MikroOrmOrganizationRepository } from '../../adapters/persistence/tenancy/mikro-orm-organization.repository.js';
import { InvalidCursorError } from '../../application/shared/pagination.js';
import { User } from '../../domain/identity/user.js';
import { UserEmailTakenError } from '../../domain/identity/user-errors.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows, uniqueEmail, userDraft } from './support/tenant-rows.js';

let orm: MikroORM;
let users: MikroOrmUserRepository;
let organizations: MikroOrmOrganizationRepository;
let transactions: MikroOrmTransactionRunner;
let seed: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  users = new MikroOrmUserRepository(orm);
  organizations = new MikroOrmOrganizationRepository(orm);
  transactions = new MikroOrmTransactionRunner(orm);
  seed = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

async function add(user: User): Promise<void> {
  await transactions.run(() => users.add(user));
}

async function softDeleteOrganization(id: string): Promise<void> {
  await transactions.run(async () => {
    const organization = await organizations.findById(id);
    organization!.softDelete(new Date());
    await organizations.save(organization!);
  });
}

describe('MikroOrmUserRepository', () => {
  it('round-trips a user with every field intact', async () => {
    const organization = await seed.organization();
    const company = await seed.company(organization.id);
    const user = userDraft(organization.id, { companyId: company.id, role: 'company_admin', email: '  Mixed.Case@Example.TEST ' });
    await add(user);
    const loaded = await users.findById(organization.id, user.id);
    expect(loaded).toBeInstanceOf(User);
    expect(loaded).toMatchObject({
      id: user.id,
      orgId: organization.id,
      companyId: company.id,
      email: 'mixed.case@example.test',
      passwordHash: 'scrypt$not-a-real-hash',
      nameFirst: 'Ada',
      nameLast: 'Lovelace',
      role: 'company_admin',
      deletedAt: null,
    });
    expect(loaded?.createdAt.getTime()).toBe(user.createdAt.getTime());
  });

  it("answers null for a user asked for under another organization's id", async () => {
    const [owner, stranger] = [await seed.organization(), await seed.organization()];
    const user = userDraft(owner.id);
    await add(user);
    expect(await users.findById(stranger.id, user.id)).toBeNull();
    expect((await users.list(stranger.id, {}, { limit: 10 })).items).toEqual([]);
  });

  it('persists changes through save and hides soft-deleted users, freeing their email', async () => {
    const organization = await seed.organization();
    const company = await seed.company(organization.id);
    const user = userDraft(organization.id);
    await add(user);
    await transactions.run(async () => {
      const loaded = await users.findById(organization.id, user.id);
      expect(loaded!.update({ role: 'company_member', companyId: company.id }, new Date())).toEqual(['companyId', 'role']);
      await users.save(loaded!);
    });
    expect(await users.findById(organization.id, user.id)).toMatchObject({ role: 'company_member', companyId: company.id });

    await transactions.run(async () => {
      const loaded = await users.findById(organization.id, user.id);
      loaded!.softDelete(new Date());
      await users.save(loaded!);
    });
    expect(await users.findById(organization.id, user.id)).toBeNull();
    expect(await users.findLoginCandidates(user.email)).toEqual([]);
    expect((await users.list(organization.id, {}, { limit: 10 })).items).toEqual([]);
    await add(userDraft(organization.id, { email: user.email }));
  });

  it('refuses an email a live user of the organization holds, but not across organizations', async () => {
    const [organization, other] = [await seed.organization(), await seed.organization()];
    const email = uniqueEmail();
    await add(userDraft(organization.id, { email }));
    await expect(add(userDraft(organization.id, { email: email.toUpperCase() }))).rejects.toBeInstanceOf(UserEmailTakenError);
    await add(userDraft(other.id, { email }));
  });

  it('refuses a change of email onto a taken one with UserEmailTakenError', async () => {
    const organization = await seed.organization();
    const taken = uniqueEmail();
    await add(userDraft(organization.id, { email: taken }));
    const user = userDraft(organization.id);
    await add(user);
    await expect(
      transactions.run(async () => {
        const loaded = await users.findById(organization.id, user.id);
        loaded!.update({ email: taken }, new Date());
        await users.save(loaded!);
      }),
    ).rejects.toBeInstanceOf(UserEmailTakenError);
    expect(await users.findById(organization.id, user.id)).toMatchObject({ email: user.email });
  });

  it('lets the unique index decide a concurrent-insert race, keeping one row', async () => {
    const organization = await seed.organization();
    const email = uniqueEmail();
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => add(userDraft(organization.id, { email }))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((result) => result.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(UserEmailTakenError);
    }
    expect(await users.findLoginCandidates(email)).toHaveLength(1);
  });

  it('finds login candidates across organizations, oldest first, leaving out deleted users and deleted organizations', async () => {
    const email = uniqueEmail();
    const [first, second, gone, third] = [await seed.organization(), await seed.organization(), await seed.organization(), await seed.organization()];
    const oldest = userDraft(second.id, { email, createdAt: new Date('2020-01-01T00:00:00.000Z') });
    const middle = userDraft(first.id, { email, createdAt: new Date('2021-01-01T00:00:00.000Z') });
    const ofDeletedOrganization = userDraft(gone.id, { email, createdAt: new Date('2019-01-01T00:00:00.000Z') });
    const deleted = userDraft(third.id, { email, createdAt: new Date('2018-01-01T00:00:00.000Z') });
    deleted.softDelete(new Date());
    for (const user of [middle, oldest, ofDeletedOrganization, deleted]) await add(user);
    await softDeleteOrganization(gone.id);

    const candidates = await users.findLoginCandidates(email);
    expect(candidates.map((user) => user.id)).toEqual([oldest.id, middle.id]);
    expect(candidates[0]).toBeInstanceOf(User);
    expect(candidates[0]).toMatchObject({ orgId: second.id, email, passwordHash: 'scrypt$not-a-real-hash', role: 'org_admin' });
    expect(candidates[0]?.createdAt.getTime()).toBe(oldest.createdAt.getTime());
    expect(await users.findLoginCandidates(uniqueEmail())).toEqual([]);
  });

  it('lists oldest first by keyset, filtered by company, without gaps or duplicates', async () => {
    const organization = await seed.organization();
    const [north, south] = [await seed.company(organization.id), await seed.company(organization.id)];
    const sameInstant = new Date('2001-01-01T00:00:00.000Z');
    const admin = userDraft(organization.id, { createdAt: new Date('2000-01-01T00:00:00.000Z') });
    const northUsers = [1, 2, 3].map(() => userDraft(organization.id, { companyId: north.id, createdAt: sameInstant }));
    const southUser = userDraft(organization.id, { companyId: south.id, createdAt: new Date('2002-01-01T00:00:00.000Z') });
    for (const user of [southUser, ...northUsers, admin]) await add(user);

    const pageThrough = async (filter: { companyId?: string }, limit: number) => {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await users.list(organization.id, filter, { limit, after });
        seen.push(...page.items.map((user) => user.id));
        after = page.nextCursor ?? undefined;
      } while (after);
      return seen;
    };
    const northIds = northUsers.map((user) => user.id).sort();
    expect(await pageThrough({}, 2)).toEqual([admin.id, ...northIds, southUser.id]);
    expect(await pageThrough({ companyId: north.id }, 1)).toEqual(northIds);
    expect(await pageThrough({ companyId: south.id }, 1)).toEqual([southUser.id]);
    expect((await users.list(organization.id, { companyId: north.id }, { limit: 3 })).nextCursor).toBeNull();
    await expect(users.list(organization.id, {}, { limit: 3, after: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it("soft-deletes every live user of one company in one statement and answers how many", async () => {
    const organization = await seed.organization();
    const [doomed, kept] = [await seed.company(organization.id), await seed.company(organization.id)];
    const doomedUsers = [userDraft(organization.id, { companyId: doomed.id }), userDraft(organization.id, { companyId: doomed.id, role: 'company_admin' })];
    const alreadyGone = userDraft(organization.id, { companyId: doomed.id });
    const goneAt = new Date('2020-05-05T00:00:00.000Z');
    alreadyGone.softDelete(goneAt);
    const keptUser = userDraft(organization.id, { companyId: kept.id });
    const admin = userDraft(organization.id);
    for (const user of [...doomedUsers, alreadyGone, keptUser, admin]) await add(user);

    const now = new Date('2030-01-01T00:00:00.000Z');
    expect(await users.softDeleteAllOfCompany(organization.id, doomed.id, now)).toBe(2);
    // Another organization's id matches nothing, even with the right company id.
    expect(await users.softDeleteAllOfCompany((await seed.organization()).id, kept.id, now)).toBe(0);
    expect(await users.softDeleteAllOfCompany(organization.id, doomed.id, now)).toBe(0);

    for (const user of doomedUsers) expect(await users.findById(organization.id, user.id)).toBeNull();
    expect(await users.findById(organization.id, keptUser.id)).not.toBeNull();
    expect(await users.findById(organization.id, admin.id)).not.toBeNull();
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute('select id, deleted_at, updated_at from users where company_id = ? order by id', [doomed.id]);
    const byId = new Map(rows.map((row) => [row['id'] as string, row]));
    for (const user of doomedUsers) {
      expect(new Date(byId.get(user.id)?.['deleted_at'] as string).getTime()).toBe(now.getTime());
      expect(new Date(byId.get(user.id)?.['updated_at'] as string).getTime()).toBe(now.getTime());
    }
    expect(new Date(byId.get(alreadyGone.id)?.['deleted_at'] as string).getTime()).toBe(goneAt.getTime());
  });

  it('joins the open transaction for the bulk soft delete, so a rollback undoes it', async () => {
    const organization = await seed.organization();
    const company = await seed.company(organization.id);
    const user = userDraft(organization.id, { companyId: company.id });
    await add(user);
    await expect(
      transactions.run(async () => {
        expect(await users.softDeleteAllOfCompany(organization.id, company.id, new Date())).toBe(1);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await users.findById(organization.id, user.id)).not.toBeNull();
  });
});
