import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoizedCatalogueRepository } from '../../adapters/persistence/entitlements/memoized-catalogue.repository.js';
import { MikroOrmCatalogueRepository } from '../../adapters/persistence/entitlements/mikro-orm-catalogue.repository.js';
import { Capability, Provider } from '../../domain/entitlements/catalogue.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { CAPABILITY_IDS, PROVIDER_IDS } from '../support/catalogue-ids.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

/**
 * The catalogue only changes by migration, so a process may remember what it found. These tests
 * add a provider row of their own (and remove it after) to see what the decorator remembers: the
 * seeded rows are left alone.
 */

let orm: MikroORM;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 2 }));
});

afterAll(async () => {
  await orm?.close();
});

function sql(query: string, params: unknown[] = []): Promise<unknown> {
  return orm.em.fork().getConnection().execute(query, params);
}

async function withExtraProvider(work: (provider: { id: string; slug: string }) => Promise<void>): Promise<void> {
  const provider = { id: randomUUID(), slug: `memo-test-${randomUUID()}` };
  await sql(`insert into providers (id, slug, name, capability_id, created_at) values (?, ?, 'Memo test', ?, now())`, [
    provider.id,
    provider.slug,
    CAPABILITY_IDS.email_outreach,
  ]);
  try {
    await work(provider);
  } finally {
    await sql(`delete from providers where id = ?`, [provider.id]);
  }
}

describe('MemoizedCatalogueRepository', () => {
  it('answers what the repository it wraps answers, as plain catalogue rows', async () => {
    const memoized = new MemoizedCatalogueRepository(new MikroOrmCatalogueRepository(orm));
    const direct = new MikroOrmCatalogueRepository(orm);
    for (const slug of ['smartlead', 'instantly', 'heyreach'] as const) {
      const found = await memoized.findProviderBySlug(slug);
      expect(found).toBeInstanceOf(Provider);
      expect({ ...found }).toEqual({ ...(await direct.findProviderBySlug(slug)) });
      expect(await memoized.findProviderById(PROVIDER_IDS[slug])).toBe(found);
    }
    const capability = await memoized.findCapabilityBySlug('linkedin_outreach');
    expect(capability).toBeInstanceOf(Capability);
    expect({ ...capability }).toEqual({ ...(await direct.findCapabilityBySlug('linkedin_outreach')) });
    expect(await memoized.findCapabilityById(CAPABILITY_IDS.linkedin_outreach)).toBe(capability);
    expect((await memoized.listProviders()).map((provider) => provider.slug)).toEqual((await direct.listProviders()).map((provider) => provider.slug));
    expect(await memoized.findProviderById('not-a-uuid')).toBeNull();
    expect(await memoized.findCapabilityById(randomUUID())).toBeNull();
  });

  it('remembers a provider it found, by slug and by id, without reading the row again', async () => {
    const memoized = new MemoizedCatalogueRepository(new MikroOrmCatalogueRepository(orm));
    await withExtraProvider(async (provider) => {
      const found = await memoized.findProviderBySlug(provider.slug);
      expect(found?.name).toBe('Memo test');
      await sql(`update providers set name = 'Renamed' where id = ?`, [provider.id]);

      expect((await memoized.findProviderBySlug(provider.slug))?.name).toBe('Memo test');
      expect((await memoized.findProviderById(provider.id))?.name).toBe('Memo test');
      expect((await new MikroOrmCatalogueRepository(orm).findProviderById(provider.id))?.name).toBe('Renamed');
    });
  });

  it('does not remember what it did not find: a row added later is found at once', async () => {
    const memoized = new MemoizedCatalogueRepository(new MikroOrmCatalogueRepository(orm));
    await withExtraProvider(async (provider) => {
      expect(await memoized.findProviderBySlug(`${provider.slug}-later`)).toBeNull();
      await sql(`update providers set slug = ? where id = ?`, [`${provider.slug}-later`, provider.id]);
      expect((await memoized.findProviderBySlug(`${provider.slug}-later`))?.id).toBe(provider.id);
    });
  });
});
