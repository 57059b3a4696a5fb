import { randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmCatalogueRepository } from '../../adapters/persistence/entitlements/mikro-orm-catalogue.repository.js';
import { MikroOrmEntitlementRepository } from '../../adapters/persistence/entitlements/mikro-orm-entitlement.repository.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { InvalidCursorError } from '../../application/shared/pagination.js';
import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import { Capability, Provider } from '../../domain/entitlements/catalogue.js';
import { Entitlement } from '../../domain/entitlements/entitlement.js';
import { EntitlementExistsError } from '../../domain/entitlements/entitlement-errors.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { CAPABILITY_IDS, PROVIDER_IDS, type SeededProviderSlug } from '../support/catalogue-ids.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

let orm: MikroORM;
let catalogue: MikroOrmCatalogueRepository;
let entitlements: MikroOrmEntitlementRepository;
let transactions: MikroOrmTransactionRunner;
let seed: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  catalogue = new MikroOrmCatalogueRepository(orm);
  entitlements = new MikroOrmEntitlementRepository(orm);
  transactions = new MikroOrmTransactionRunner(orm);
  seed = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

function sql(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return orm.em.fork().getConnection().execute(query, params);
}

async function companyOf(): Promise<{ orgId: string; companyId: string }> {
  const organization = await seed.organization();
  return { orgId: organization.id, companyId: (await seed.company(organization.id)).id };
}

function draft(
  orgId: string,
  companyId: string,
  capability: CapabilitySlug = 'email_outreach',
  provider: SeededProviderSlug = 'smartlead',
  now = new Date(),
): Entitlement {
  return Entitlement.grant({ id: randomUUID(), orgId, companyId, capabilityId: CAPABILITY_IDS[capability], capability, providerId: PROVIDER_IDS[provider], now });
}

async function add(entitlement: Entitlement): Promise<void> {
  await transactions.run(() => entitlements.add(entitlement));
}

describe('MikroOrmCatalogueRepository', () => {
  it('reads the catalogue migration 0003 seeded, with its fixed ids and order', async () => {
    const capabilities = await catalogue.listCapabilities();
    expect(capabilities.every((capability) => capability instanceof Capability)).toBe(true);
    expect(capabilities.map((capability) => [capability.id, capability.slug, capability.name])).toEqual([
      [CAPABILITY_IDS.email_outreach, 'email_outreach', 'Email outreach'],
      [CAPABILITY_IDS.linkedin_outreach, 'linkedin_outreach', 'LinkedIn outreach'],
    ]);

    const providers = await catalogue.listProviders();
    expect(providers.every((provider) => provider instanceof Provider)).toBe(true);
    expect(providers.map((provider) => [provider.id, provider.slug, provider.name, provider.capabilityId, provider.capabilitySlug])).toEqual([
      [PROVIDER_IDS.smartlead, 'smartlead', 'Smartlead', CAPABILITY_IDS.email_outreach, 'email_outreach'],
      [PROVIDER_IDS.instantly, 'instantly', 'Instantly', CAPABILITY_IDS.email_outreach, 'email_outreach'],
      [PROVIDER_IDS.heyreach, 'heyreach', 'HeyReach', CAPABILITY_IDS.linkedin_outreach, 'linkedin_outreach'],
    ]);
    expect(providers[0]?.createdAt.toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });

  it('finds by id and slug, and answers null or nothing for unknown or malformed ids', async () => {
    expect((await catalogue.findCapabilityBySlug('linkedin_outreach'))?.id).toBe(CAPABILITY_IDS.linkedin_outreach);
    expect((await catalogue.findCapabilityById(CAPABILITY_IDS.email_outreach))?.slug).toBe('email_outreach');
    expect((await catalogue.findProviderBySlug('instantly'))?.id).toBe(PROVIDER_IDS.instantly);
    expect((await catalogue.findProviderById(PROVIDER_IDS.heyreach))?.capabilitySlug).toBe('linkedin_outreach');
    expect((await catalogue.listProvidersOf(CAPABILITY_IDS.email_outreach)).map((provider) => provider.slug)).toEqual(['smartlead', 'instantly']);

    expect(await catalogue.findCapabilityById(randomUUID())).toBeNull();
    expect(await catalogue.findCapabilityById('not-a-uuid')).toBeNull();
    expect(await catalogue.findProviderById('not-a-uuid')).toBeNull();
    expect(await catalogue.findProviderBySlug('lemlist')).toBeNull();
    expect(await catalogue.listProvidersOf('not-a-uuid')).toEqual([]);
  });
});

describe('MikroOrmEntitlementRepository', () => {
  it('round-trips an entitlement, reading its capability slug from the catalogue', async () => {
    const { orgId, companyId } = await companyOf();
    const entitlement = draft(orgId, companyId, 'linkedin_outreach', 'heyreach');
    await add(entitlement);

    const loaded = await entitlements.findById(orgId, entitlement.id);
    expect(loaded).toBeInstanceOf(Entitlement);
    expect(loaded).toMatchObject({
      id: entitlement.id,
      orgId,
      companyId,
      capabilityId: CAPABILITY_IDS.linkedin_outreach,
      capability: 'linkedin_outreach',
      providerId: PROVIDER_IDS.heyreach,
      status: 'entitled',
      providerClientId: null,
      provisioningState: 'pending_client_mapping',
      lastError: null,
      lastCheckedAt: null,
      deletedAt: null,
    });
    expect(loaded?.createdAt.getTime()).toBe(entitlement.createdAt.getTime());
  });

  it('finds the live entitlement of a company by capability slug or id, within the organization only', async () => {
    const { orgId, companyId } = await companyOf();
    const stranger = await seed.organization();
    const entitlement = draft(orgId, companyId);
    await add(entitlement);

    expect((await entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach'))?.id).toBe(entitlement.id);
    expect((await entitlements.findLiveForCompanyCapability(orgId, companyId, CAPABILITY_IDS.email_outreach))?.id).toBe(entitlement.id);
    expect(await entitlements.findLiveForCompanyCapability(orgId, companyId, 'linkedin_outreach')).toBeNull();
    expect(await entitlements.findLiveForCompanyCapability(orgId, companyId, 'not-a-capability')).toBeNull();
    expect(await entitlements.findLiveForCompanyCapability(stranger.id, companyId, 'email_outreach')).toBeNull();
    expect(await entitlements.findById(stranger.id, entitlement.id)).toBeNull();
  });

  it('persists provisioning moves made in a transaction through save', async () => {
    const { orgId, companyId } = await companyOf();
    const entitlement = draft(orgId, companyId);
    await add(entitlement);
    const checkedAt = new Date(entitlement.createdAt.getTime() + 60_000);

    await transactions.run(async () => {
      const loaded = await entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach');
      loaded!.markConnected({ providerClientId: 'client-77', at: checkedAt });
      await entitlements.save(loaded!);
    });

    const reloaded = await entitlements.findById(orgId, entitlement.id);
    expect(reloaded).toMatchObject({ status: 'connected', provisioningState: 'connected', providerClientId: 'client-77', lastError: null });
    expect(reloaded?.lastCheckedAt?.getTime()).toBe(checkedAt.getTime());
    expect(reloaded?.updatedAt.getTime()).toBe(checkedAt.getTime());
    expect(() => reloaded!.assertConnected()).not.toThrow();
  });

  it('keeps one live entitlement per company and capability, even under a race, and frees it on delete', async () => {
    const { orgId, companyId } = await companyOf();
    const results = await Promise.allSettled([1, 2, 3].map(() => add(draft(orgId, companyId))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((result) => result.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(EntitlementExistsError);
    }

    const live = await entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach');
    await transactions.run(async () => {
      const loaded = await entitlements.findById(orgId, live!.id);
      loaded!.softDelete(new Date());
      await entitlements.save(loaded!);
    });
    expect(await entitlements.findById(orgId, live!.id)).toBeNull();
    await expect(add(draft(orgId, companyId, 'email_outreach', 'instantly'))).resolves.toBeUndefined();
  });

  it('lets the database refuse a company of another organization and a provider of another capability', async () => {
    const { orgId } = await companyOf();
    const foreign = await companyOf();

    await expect(add(draft(orgId, foreign.companyId))).rejects.toBeInstanceOf(ForeignKeyConstraintViolationException);
    const mismatched = Entitlement.grant({
      id: randomUUID(),
      orgId: foreign.orgId,
      companyId: foreign.companyId,
      capabilityId: CAPABILITY_IDS.email_outreach,
      capability: 'email_outreach',
      providerId: PROVIDER_IDS.heyreach,
      now: new Date(),
    });
    await expect(add(mismatched)).rejects.toThrow(/company_entitlements_provider_serves_capability_fkey/);
  });

  it('lists oldest first by keyset, per organization and optionally per company', async () => {
    const { orgId, companyId } = await companyOf();
    const second = (await seed.company(orgId)).id;
    const at = (iso: string) => new Date(iso);
    const rows = [
      draft(orgId, companyId, 'email_outreach', 'smartlead', at('2001-01-01T00:00:00Z')),
      draft(orgId, second, 'email_outreach', 'smartlead', at('2001-01-01T00:00:00Z')),
      draft(orgId, companyId, 'linkedin_outreach', 'heyreach', at('2002-01-01T00:00:00Z')),
    ];
    for (const row of [...rows].reverse()) await add(row);
    const expected = [...rows.slice(0, 2).map((row) => row.id).sort(), rows[2]!.id];

    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await entitlements.list(orgId, {}, { limit: 1, after });
      seen.push(...page.items.map((row) => row.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen).toEqual(expected);
    expect((await entitlements.list(orgId, { companyId: second }, { limit: 10 })).items.map((row) => row.id)).toEqual([rows[1]!.id]);
    await expect(entitlements.list(orgId, {}, { limit: 5, after: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it("soft-deletes every live entitlement of one company with one statement, and nobody else's", async () => {
    const { orgId, companyId } = await companyOf();
    const other = (await seed.company(orgId)).id;
    await add(draft(orgId, companyId, 'email_outreach'));
    await add(draft(orgId, companyId, 'linkedin_outreach', 'heyreach'));
    const kept = draft(orgId, other);
    await add(kept);

    const now = new Date();
    expect(await transactions.run(() => entitlements.softDeleteAllOfCompany(orgId, companyId, now))).toBe(2);
    expect((await entitlements.list(orgId, {}, { limit: 10 })).items.map((row) => row.id)).toEqual([kept.id]);
  });

  it('holds the status and provisioning vocabularies in the database too', async () => {
    const { orgId, companyId } = await companyOf();
    const insert = (status: string, provisioning: string) =>
      sql(
        `insert into company_entitlements (id, org_id, company_id, capability_id, provider_id, status, provisioning_state, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, now(), now())`,
        [randomUUID(), orgId, companyId, CAPABILITY_IDS.email_outreach, PROVIDER_IDS.smartlead, status, provisioning],
      );
    await expect(insert('active', 'connected')).rejects.toThrow(/company_entitlements_status_check/);
    await expect(insert('entitled', 'done')).rejects.toThrow(/company_entitlements_provisioning_check/);
  });
});
