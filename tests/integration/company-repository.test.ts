import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { MikroOrmCompanyRepository } from '../../adapters/persistence/tenancy/mikro-orm-company.repository.js';
import { InvalidCursorError } from '../../application/shared/pagination.js';
import { Company } from '../../domain/tenancy/company.js';
import { CompanyNameTakenError } from '../../domain/tenancy/company-errors.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

let orm: MikroORM;
let companies: MikroOrmCompanyRepository;
let transactions: MikroOrmTransactionRunner;
let seed: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  companies = new MikroOrmCompanyRepository(orm);
  transactions = new MikroOrmTransactionRunner(orm);
  seed = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

function newCompany(orgId: string, name = `Company ${randomUUID().slice(0, 8)}`, createdAt = new Date()): Company {
  return Company.register({ id: randomUUID(), orgId, name, domain: 'Example.COM', now: createdAt });
}

async function add(company: Company): Promise<void> {
  await transactions.run(() => companies.add(company));
}

async function listAll(orgId: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await companies.list(orgId, { limit, after });
    seen.push(...page.items.map((company) => company.id));
    if (!page.nextCursor) return seen;
    after = page.nextCursor;
  }
}

describe('MikroOrmCompanyRepository', () => {
  it('round-trips a company with every field intact', async () => {
    const organization = await seed.organization();
    const company = newCompany(organization.id, 'Acme Corp');
    await add(company);
    const loaded = await companies.findById(organization.id, company.id);
    expect(loaded).toBeInstanceOf(Company);
    expect(loaded).toMatchObject({ id: company.id, orgId: organization.id, name: 'Acme Corp', domain: 'example.com', status: 'active', deletedAt: null });
    expect(loaded?.createdAt.getTime()).toBe(company.createdAt.getTime());
    expect(loaded?.updatedAt.getTime()).toBe(company.updatedAt.getTime());
  });

  it("answers null for a company asked for under another organization's id", async () => {
    const [owner, stranger] = [await seed.organization(), await seed.organization()];
    const company = newCompany(owner.id);
    await add(company);
    expect(await companies.findById(stranger.id, company.id)).toBeNull();
    expect((await companies.list(stranger.id, { limit: 10 })).items).toEqual([]);
  });

  it('persists changes made in a transaction through save', async () => {
    const organization = await seed.organization();
    const company = newCompany(organization.id);
    await add(company);
    const later = new Date(company.createdAt.getTime() + 5_000);
    await transactions.run(async () => {
      const loaded = await companies.findById(organization.id, company.id);
      expect(loaded!.update({ name: 'Renamed Inc', domain: null, status: 'inactive' }, later)).toEqual(['name', 'domain', 'status']);
      await companies.save(loaded!);
    });
    const reloaded = await companies.findById(organization.id, company.id);
    expect(reloaded).toMatchObject({ name: 'Renamed Inc', domain: null, status: 'inactive' });
    expect(reloaded?.updatedAt.getTime()).toBe(later.getTime());
  });

  it('hides soft-deleted companies and frees their name', async () => {
    const organization = await seed.organization();
    const company = newCompany(organization.id, 'Short Lived');
    await add(company);
    await transactions.run(async () => {
      const loaded = await companies.findById(organization.id, company.id);
      loaded!.softDelete(new Date());
      await companies.save(loaded!);
    });
    expect(await companies.findById(organization.id, company.id)).toBeNull();
    expect((await companies.list(organization.id, { limit: 10 })).items).toEqual([]);
    await add(newCompany(organization.id, 'short lived'));
    const [row] = await orm.em.fork().getConnection().execute('select deleted_at from companies where id = ?', [company.id]);
    expect(row?.['deleted_at']).not.toBeNull();
  });

  it('refuses a name a live company of the organization holds, whatever its case, but not across organizations', async () => {
    const [organization, other] = [await seed.organization(), await seed.organization()];
    await add(newCompany(organization.id, 'Globex'));
    await expect(add(newCompany(organization.id, 'GLOBEX'))).rejects.toBeInstanceOf(CompanyNameTakenError);
    await add(newCompany(other.id, 'Globex'));
    expect(await listAll(other.id, 10)).toHaveLength(1);
  });

  it('refuses a rename onto a taken name with CompanyNameTakenError', async () => {
    const organization = await seed.organization();
    await add(newCompany(organization.id, 'Initech'));
    const company = newCompany(organization.id, 'Initrode');
    await add(company);
    await expect(
      transactions.run(async () => {
        const loaded = await companies.findById(organization.id, company.id);
        loaded!.update({ name: 'initech' }, new Date());
        await companies.save(loaded!);
      }),
    ).rejects.toBeInstanceOf(CompanyNameTakenError);
    expect(await companies.findById(organization.id, company.id)).toMatchObject({ name: 'Initrode' });
  });

  it('lets the unique index decide a concurrent-insert race, keeping one row', async () => {
    const organization = await seed.organization();
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => add(newCompany(organization.id, n % 2 ? 'Race Co' : 'RACE CO'))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((result) => result.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(CompanyNameTakenError);
    }
    expect(await listAll(organization.id, 10)).toHaveLength(1);
  });

  it('lists oldest first by keyset, including rows that share a timestamp, without gaps or duplicates', async () => {
    const organization = await seed.organization();
    const sameInstant = new Date('2001-01-01T00:00:00.000Z');
    const early = newCompany(organization.id, undefined, new Date('2000-06-01T00:00:00.000Z'));
    const tied = [newCompany(organization.id, undefined, sameInstant), newCompany(organization.id, undefined, sameInstant), newCompany(organization.id, undefined, sameInstant)];
    const late = newCompany(organization.id, undefined, new Date('2002-01-01T00:00:00.000Z'));
    for (const company of [late, ...tied, early]) await add(company);
    const expected = [early.id, ...tied.map((company) => company.id).sort(), late.id];
    expect(await listAll(organization.id, 1)).toEqual(expected);
    expect(await listAll(organization.id, 2)).toEqual(expected);
    const single = await companies.list(organization.id, { limit: 5 });
    expect(single.items.map((company) => company.id)).toEqual(expected);
    expect(single.nextCursor).toBeNull();
    const firstOfFour = await companies.list(organization.id, { limit: 4 });
    expect(firstOfFour.nextCursor).not.toBeNull();
  });

  it('refuses cursors it did not issue', async () => {
    const organization = await seed.organization();
    await expect(companies.list(organization.id, { limit: 5, after: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
