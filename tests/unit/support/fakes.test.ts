import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../application/shared/pagination.js';
import { SuperAdminAlreadyExistsError } from '../../../domain/identity/identity-errors.js';
import { Entitlement } from '../../../domain/entitlements/entitlement.js';
import { EntitlementExistsError } from '../../../domain/entitlements/entitlement-errors.js';
import { SuperAdmin } from '../../../domain/identity/super-admin.js';
import { Organization } from '../../../domain/tenancy/organization.js';
import { OrganizationSlugTakenError } from '../../../domain/tenancy/organization-errors.js';
import {
  FixedClock,
  ImmediateTransactionRunner,
  InMemoryAuditLog,
  InMemoryCatalogueRepository,
  InMemoryEntitlementRepository,
  InMemoryOrganizationRepository,
  InMemoryProviderCredentialStore,
  InMemorySenderAccountRepository,
  InMemorySuperAdminRepository,
  SequentialIdGenerator,
} from '../../support/fakes/index.js';
import { CAPABILITY_IDS, PROVIDER_IDS } from '../../support/catalogue-ids.js';

// The fakes stand in for PostgreSQL in the application tests; these pin down the promises they make.

const T0 = new Date('2025-01-01T00:00:00.000Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function organization(id: string, slug: string, now = T0): Organization {
  return Organization.register({ id, name: slug, slug, now });
}

describe('SequentialIdGenerator', () => {
  it('hands out distinct, valid, ordered UUIDs', () => {
    const ids = new SequentialIdGenerator();
    const issued = Array.from({ length: 300 }, () => ids.next());

    for (const id of issued) expect(id).toMatch(UUID);
    expect(new Set(issued).size).toBe(issued.length);
    expect([...issued].sort()).toEqual(issued);
    expect(ids.all).toEqual(issued);
  });
});

describe('FixedClock', () => {
  it('stands still until moved, and hands out copies', () => {
    const clock = new FixedClock(T0);
    const first = clock.now();
    first.setFullYear(1999);

    expect(clock.now()).toEqual(T0);
    clock.advanceSeconds(90);
    expect(clock.now()).toEqual(new Date('2025-01-01T00:01:30.000Z'));
    clock.set(new Date('2030-01-01T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe('InMemoryOrganizationRepository', () => {
  const A = '00000000-0000-4000-8000-00000000000a';
  const B = '00000000-0000-4000-8000-00000000000b';

  it('keeps stored rows apart from the objects it is handed and returns', async () => {
    const repository = new InMemoryOrganizationRepository();
    const original = organization(A, 'acme');
    await repository.add(original);

    original.update({ name: 'changed without save' }, T0);
    const loaded = await repository.findById(A);
    loaded?.update({ name: 'also not saved' }, T0);

    expect((await repository.findById(A))?.name).toBe('acme');
  });

  it('refuses a live slug on add and on save, but not a soft-deleted one', async () => {
    const repository = new InMemoryOrganizationRepository();
    await repository.add(organization(A, 'acme'));

    await expect(repository.add(organization(B, 'acme'))).rejects.toBeInstanceOf(OrganizationSlugTakenError);
    await repository.add(organization(B, 'globex'));
    const globex = await repository.findById(B);
    globex?.update({ slug: 'acme' }, T0);
    await expect(repository.save(globex as Organization)).rejects.toBeInstanceOf(OrganizationSlugTakenError);

    const acme = (await repository.findById(A)) as Organization;
    acme.softDelete(T0);
    await repository.save(acme);
    await expect(repository.save(globex as Organization)).resolves.toBeUndefined();
    expect((await repository.findBySlug('acme'))?.id).toBe(B);
  });

  it('refuses to save an organization it never stored', async () => {
    await expect(new InMemoryOrganizationRepository().save(organization(A, 'acme'))).rejects.toThrow(/unknown organization/);
  });

  it('lists by (createdAt, id), not by insertion order, and rejects foreign cursors', async () => {
    const repository = new InMemoryOrganizationRepository();
    await repository.add(organization(B, 'b-early', T0));
    await repository.add(organization(A, 'a-late', new Date(T0.getTime() + 1)));
    await repository.add(organization('00000000-0000-4000-8000-000000000001', 'one-early', T0));

    const page = await repository.list({ limit: 10 });

    expect(page.items.map((item) => item.slug)).toEqual(['one-early', 'b-early', 'a-late']);
    await expect(repository.list({ limit: 1, after: 'bogus' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('InMemorySuperAdminRepository', () => {
  it('enforces unique emails and forgets removed accounts', async () => {
    const repository = new InMemorySuperAdminRepository();
    const make = (id: string) => SuperAdmin.register({ id, email: 'ops@example.com', passwordHash: 'h', now: T0 });
    await repository.add(make('00000000-0000-4000-8000-000000000001'));

    await expect(repository.add(make('00000000-0000-4000-8000-000000000002'))).rejects.toBeInstanceOf(
      SuperAdminAlreadyExistsError,
    );
    expect(await repository.exists()).toBe(true);
    expect(repository.remove('00000000-0000-4000-8000-000000000001')).toBe(true);
    expect(await repository.exists()).toBe(false);
    expect(await repository.findByEmail('ops@example.com')).toBeNull();
  });
});

describe('ImmediateTransactionRunner', () => {
  function makeSut() {
    const organizations = new InMemoryOrganizationRepository();
    const auditLog = new InMemoryAuditLog();
    return { organizations, auditLog, transactions: new ImmediateTransactionRunner(organizations, auditLog) };
  }

  const entry = {
    actor: { type: 'system' },
    orgId: null,
    action: 'test.write',
    targetType: 'test',
    targetId: null,
    requestId: 'r',
    outcome: 'success',
    detail: {},
    occurredAt: T0,
  } as const;

  it('keeps the writes of work that resolves', async () => {
    const { organizations, auditLog, transactions } = makeSut();

    await expect(
      transactions.run(async () => {
        await organizations.add(organization('00000000-0000-4000-8000-000000000001', 'acme'));
        await auditLog.record(entry);
        return 'done';
      }),
    ).resolves.toBe('done');

    expect(organizations.allRows()).toHaveLength(1);
    expect(auditLog.entries).toHaveLength(1);
    expect(transactions.commits).toBe(1);
  });

  it('undoes every registered store when the work throws, and rethrows the same error', async () => {
    const { organizations, auditLog, transactions } = makeSut();
    await organizations.add(organization('00000000-0000-4000-8000-000000000001', 'kept'));
    const failure = new Error('boom');

    await expect(
      transactions.run(async () => {
        await organizations.add(organization('00000000-0000-4000-8000-000000000002', 'dropped'));
        const kept = (await organizations.findBySlug('kept')) as Organization;
        kept.softDelete(T0);
        await organizations.save(kept);
        await auditLog.record(entry);
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(organizations.allRows().map((row) => [row.slug, row.isDeleted])).toEqual([['kept', false]]);
    expect(auditLog.entries).toEqual([]);
    expect(transactions.rollbacks).toBe(1);
  });

  it('joins nested runs to the outer one: an outer failure undoes the inner writes too', async () => {
    const { auditLog, transactions } = makeSut();

    await expect(
      transactions.run(async () => {
        await transactions.run(() => auditLog.record(entry));
        expect(transactions.inTransaction).toBe(true);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');

    expect(auditLog.entries).toEqual([]);
    expect(transactions.inTransaction).toBe(false);
  });
});

describe('InMemoryCatalogueRepository', () => {
  it('serves the seeded catalogue: every provider under a capability of the catalogue', async () => {
    const catalogue = new InMemoryCatalogueRepository();
    const capabilityIds = (await catalogue.listCapabilities()).map((capability) => capability.id);

    expect(capabilityIds).toEqual(Object.values(CAPABILITY_IDS));
    for (const provider of await catalogue.listProviders()) {
      expect(capabilityIds).toContain(provider.capabilityId);
      expect((await catalogue.findCapabilityById(provider.capabilityId))?.slug).toBe(provider.capabilitySlug);
      expect(await catalogue.findProviderBySlug(provider.slug)).toBe(provider);
    }
  });
});

describe('InMemoryEntitlementRepository', () => {
  const ORG = '00000000-0000-4000-8000-0000000000a1';
  const COMPANY = '00000000-0000-4000-8000-0000000000c1';
  const grant = (id: string, providerId: string = PROVIDER_IDS.smartlead) =>
    Entitlement.grant({ id, orgId: ORG, companyId: COMPANY, capabilityId: CAPABILITY_IDS.email_outreach, capability: 'email_outreach', providerId, now: T0 });

  it('holds one live entitlement per company and capability, and hands out copies', async () => {
    const repository = new InMemoryEntitlementRepository();
    const first = grant('00000000-0000-4000-8000-0000000000e1');
    await repository.add(first);

    await expect(repository.add(grant('00000000-0000-4000-8000-0000000000e2', PROVIDER_IDS.instantly))).rejects.toBeInstanceOf(EntitlementExistsError);
    const loaded = await repository.findLiveForCompanyCapability(ORG, COMPANY, 'email_outreach');
    loaded?.markConnected({ providerClientId: 'c', at: T0 });
    expect((await repository.findById(ORG, first.id))?.status).toBe('entitled');

    loaded?.softDelete(T0);
    await repository.save(loaded as Entitlement);
    await expect(repository.add(grant('00000000-0000-4000-8000-0000000000e3', PROVIDER_IDS.instantly))).resolves.toBeUndefined();
    expect(await repository.findLiveForCompanyCapability(ORG, COMPANY, CAPABILITY_IDS.email_outreach)).toMatchObject({ providerId: PROVIDER_IDS.instantly });
  });

  it('refuses, like the composite foreign key, a company that is not a row of the organization', async () => {
    const repository = new InMemoryEntitlementRepository({ hasRow: () => false });

    await expect(repository.add(grant('00000000-0000-4000-8000-0000000000e4'))).rejects.toThrow(/foreign key/);
  });
});

describe('InMemoryProviderCredentialStore', () => {
  it('keeps one credential per organization and provider, replaced on save', async () => {
    const store = new InMemoryProviderCredentialStore();
    const org = '00000000-0000-4000-8000-0000000000a1';

    expect(await store.save(org, PROVIDER_IDS.smartlead, { apiKey: 'one', workspaceId: null }, T0)).toBe('created');
    expect(await store.save(org, PROVIDER_IDS.smartlead, { apiKey: 'two', workspaceId: null }, T0)).toBe('replaced');

    expect(await store.findFor(org, PROVIDER_IDS.smartlead)).toEqual({ apiKey: 'two', workspaceId: null });
    expect(await store.providerIdsWithCredentials(org)).toEqual(new Set([PROVIDER_IDS.smartlead]));
    expect(await store.providerIdsWithCredentials('00000000-0000-4000-8000-0000000000a2')).toEqual(new Set());
  });
});

describe('InMemorySenderAccountRepository', () => {
  const ORG = '00000000-0000-4000-8000-0000000000a1';
  const HOLDER = '00000000-0000-4000-8000-0000000000c1';
  const NEWCOMER = '00000000-0000-4000-8000-0000000000c2';
  const mailbox = (id: string, email: string | null = `${id}@sender.test`) => ({ externalAccountId: id, email, displayName: null, active: true, warmupEnabled: null });
  const sync = (companyId: string, accounts: ReturnType<typeof mailbox>[], at = T0) => ({ orgId: ORG, companyId, providerId: PROVIDER_IDS.smartlead, accounts, at });

  it('keeps an account with its first company, skips entries without an address, and deactivates what a listing drops', async () => {
    const repository = new InMemorySenderAccountRepository();
    expect(await repository.syncInboxes(sync(HOLDER, [mailbox('1'), mailbox('2'), mailbox('3', null)]))).toEqual({ synced: 2, heldByAnotherCompany: [], deactivated: 0 });
    expect(await repository.syncInboxes(sync(NEWCOMER, [mailbox('1'), mailbox('4')]))).toEqual({ synced: 1, heldByAnotherCompany: ['1'], deactivated: 0 });
    expect(await repository.syncInboxes(sync(HOLDER, [mailbox('1')]))).toEqual({ synced: 1, heldByAnotherCompany: [], deactivated: 1 });

    const holder = await repository.listInboxes(ORG, { kind: 'company', companyId: HOLDER }, { limit: 10 });
    expect(holder.items.map((inbox) => [inbox.externalAccountId, inbox.status])).toEqual([['1', 'active'], ['2', 'inactive']]);
    const organization = await repository.listInboxes(ORG, { kind: 'organization' }, { limit: 2 });
    expect(organization.items).toHaveLength(2);
    expect(organization.nextCursor).not.toBeNull();
    expect((await repository.listInboxes(ORG, { kind: 'organization' }, { limit: 2, after: organization.nextCursor! })).items).toHaveLength(1);
    expect((await repository.listInboxes('00000000-0000-4000-8000-0000000000a2', { kind: 'organization' }, { limit: 10 })).items).toEqual([]);
  });
});
