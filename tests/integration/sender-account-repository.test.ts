import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresSenderAccountRepository } from '../../adapters/persistence/outreach/postgres-sender-account.repository.js';
import type { SenderAccountSnapshot } from '../../application/outreach/sender-account.repository.js';
import { NOT_LISTED_REASON, UNABLE_TO_SEND_REASON } from '../../domain/outreach/sender-account-status.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

/** Catalogue ids seeded by migration 0003. */
const SMARTLEAD = '0c0a0002-0000-4000-8000-000000000001';
const HEYREACH = '0c0a0002-0000-4000-8000-000000000003';

let orm: MikroORM;
let repository: PostgresSenderAccountRepository;
let rows: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  repository = new PostgresSenderAccountRepository(orm);
  rows = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

function mailbox(index: number, overrides: Partial<SenderAccountSnapshot> = {}): SenderAccountSnapshot {
  return { externalAccountId: String(1000 + index), email: `sender${index}@acme.test`, displayName: `Sender ${index}`, active: true, warmupEnabled: true, ...overrides };
}

describe('PostgresSenderAccountRepository', () => {
  it('upserts a listing in one statement, refreshes on the next sync and deactivates what disappeared', async () => {
    const org = await rows.organization();
    const company = await rows.company(org.id);
    const first = await repository.syncInboxes({
      orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at: new Date('2030-01-01T00:00:00Z'),
      accounts: [mailbox(1), mailbox(2), mailbox(3, { active: false, warmupEnabled: null })],
    });
    expect(first).toEqual({ synced: 3, heldByAnotherCompany: [], deactivated: 0 });

    const second = await repository.syncInboxes({
      orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at: new Date('2030-01-02T00:00:00Z'),
      accounts: [mailbox(1, { displayName: 'Renamed' }), mailbox(3)],
    });
    expect(second).toEqual({ synced: 2, heldByAnotherCompany: [], deactivated: 1 });

    const page = await repository.listInboxes(org.id, { kind: 'company', companyId: company.id }, { limit: 10 });
    const byExternalId = Object.fromEntries(page.items.map((inbox) => [inbox.externalAccountId, inbox]));
    expect(Object.keys(byExternalId).sort()).toEqual(['1001', '1002', '1003']);
    expect(byExternalId['1001']).toMatchObject({ displayName: 'Renamed', status: 'active', warmupEnabled: true, companyId: company.id, providerId: SMARTLEAD });
    expect(byExternalId['1002']).toMatchObject({ status: 'inactive' });
    expect(byExternalId['1003']).toMatchObject({ status: 'active' });
    expect(byExternalId['1001']!.updatedAt.toISOString()).toBe('2030-01-02T00:00:00.000Z');
  });

  it('says why an account is inactive and as of when: unable to send when listed so, not listed when gone', async () => {
    const org = await rows.organization();
    const company = await rows.company(org.id);
    const at = new Date('2030-01-01T00:00:00Z');
    await repository.syncInboxes({ orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at, accounts: [mailbox(1), mailbox(2, { active: false })] });
    const later = new Date('2030-01-02T00:00:00Z');
    await repository.syncInboxes({ orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at: later, accounts: [mailbox(2, { active: false })] });

    const inboxes = (await repository.listInboxes(org.id, { kind: 'company', companyId: company.id }, { limit: 10 })).items;
    expect(inboxes.map((inbox) => [inbox.externalAccountId, inbox.status, inbox.statusReason, inbox.statusObservedAt.toISOString()]).sort()).toEqual([
      ['1001', 'inactive', NOT_LISTED_REASON, later.toISOString()],
      ['1002', 'inactive', UNABLE_TO_SEND_REASON, later.toISOString()],
    ]);
  });

  it("finds an organization's inbox by provider id or unambiguous address, and keeps a reported error's words until a sync sees it healthy", async () => {
    const org = await rows.organization();
    const other = await rows.organization();
    const company = await rows.company(org.id);
    const sibling = await rows.company(org.id);
    const at = new Date('2030-01-01T00:00:00Z');
    await repository.syncInboxes({ orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at, accounts: [mailbox(1), mailbox(2)] });
    // The sibling company sends from the same address under another provider id: by address alone it is ambiguous.
    await repository.syncInboxes({ orgId: org.id, companyId: sibling.id, providerId: SMARTLEAD, at, accounts: [mailbox(3, { email: 'sender2@acme.test' })] });
    await repository.syncInboxes({ orgId: other.id, companyId: (await rows.company(other.id)).id, providerId: SMARTLEAD, at, accounts: [mailbox(1)] });

    const byId = await repository.findInboxForUpdate(org.id, SMARTLEAD, { externalId: '1001', email: null });
    expect(byId).toMatchObject({ orgId: org.id, companyId: company.id, email: 'sender1@acme.test' });
    expect(await repository.findInboxForUpdate(org.id, SMARTLEAD, { externalId: null, email: 'SENDER1@acme.test' })).toMatchObject({ id: byId!.id });
    expect(await repository.findInboxForUpdate(org.id, SMARTLEAD, { externalId: null, email: 'sender2@acme.test' })).toBeNull();
    expect(await repository.findInboxForUpdate(org.id, HEYREACH, { externalId: '1001', email: null })).toBeNull();
    expect(await repository.findInboxForUpdate(org.id, SMARTLEAD, { externalId: null, email: null })).toBeNull();

    const reportedAt = new Date('2030-01-01T06:00:00Z');
    await repository.deactivateInbox(org.id, byId!.id, 'connection error reported: Invalid login', reportedAt, new Date('2030-01-01T06:00:05Z'));
    const reasonOf = async () => {
      const inboxes = (await repository.listInboxes(org.id, { kind: 'company', companyId: company.id }, { limit: 10 })).items;
      const inbox = inboxes.find((candidate) => candidate.id === byId!.id)!;
      return [inbox.status, inbox.statusReason, inbox.statusObservedAt.toISOString()];
    };
    expect(await reasonOf()).toEqual(['inactive', 'connection error reported: Invalid login', reportedAt.toISOString()]);
    const otherInbox = (await repository.listInboxes(other.id, { kind: 'organization' }, { limit: 10 })).items[0]!;
    expect([otherInbox.status, otherInbox.statusReason]).toEqual(['active', null]);

    const stillBroken = new Date('2030-01-02T00:00:00Z');
    await repository.syncInboxes({ orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at: stillBroken, accounts: [mailbox(1, { active: false }), mailbox(2)] });
    expect(await reasonOf()).toEqual(['inactive', 'connection error reported: Invalid login', stillBroken.toISOString()]);

    const healthy = new Date('2030-01-03T00:00:00Z');
    await repository.syncInboxes({ orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at: healthy, accounts: [mailbox(1), mailbox(2)] });
    expect(await reasonOf()).toEqual(['active', null, healthy.toISOString()]);
  });

  it('replaces "not listed" with the sync\'s reason when an account is listed again but cannot send', async () => {
    const org = await rows.organization();
    const company = await rows.company(org.id);
    const sync = (day: number, accounts: SenderAccountSnapshot[]) =>
      repository.syncInboxes({ orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at: new Date(`2030-01-0${day}T00:00:00Z`), accounts });
    await sync(1, [mailbox(1), mailbox(2)]);
    await sync(2, [mailbox(2)]);
    await sync(3, [mailbox(1, { active: false }), mailbox(2)]);
    const inbox = (await repository.listInboxes(org.id, { kind: 'company', companyId: company.id }, { limit: 10 })).items.find((row) => row.externalAccountId === '1001')!;
    expect([inbox.status, inbox.statusReason]).toEqual(['inactive', UNABLE_TO_SEND_REASON]);
  });

  it('never moves an account another company of the organization already holds', async () => {
    const org = await rows.organization();
    const holder = await rows.company(org.id);
    const newcomer = await rows.company(org.id);
    const at = new Date();
    await repository.syncInboxes({ orgId: org.id, companyId: holder.id, providerId: SMARTLEAD, at, accounts: [mailbox(1)] });
    const result = await repository.syncInboxes({ orgId: org.id, companyId: newcomer.id, providerId: SMARTLEAD, at, accounts: [mailbox(1), mailbox(2)] });
    expect(result).toEqual({ synced: 1, heldByAnotherCompany: ['1001'], deactivated: 0 });
    const holderInboxes = await repository.listInboxes(org.id, { kind: 'company', companyId: holder.id }, { limit: 10 });
    expect(holderInboxes.items.map((inbox) => inbox.externalAccountId)).toEqual(['1001']);
  });

  it('keeps organizations apart: the same provider account id in two orgs is two rows', async () => {
    const orgA = await rows.organization();
    const orgB = await rows.organization();
    const companyA = await rows.company(orgA.id);
    const companyB = await rows.company(orgB.id);
    const at = new Date();
    await repository.syncInboxes({ orgId: orgA.id, companyId: companyA.id, providerId: SMARTLEAD, at, accounts: [mailbox(7)] });
    const resultB = await repository.syncInboxes({ orgId: orgB.id, companyId: companyB.id, providerId: SMARTLEAD, at, accounts: [mailbox(7)] });
    expect(resultB.synced).toBe(1);
    const orgWideA = await repository.listInboxes(orgA.id, { kind: 'organization' }, { limit: 10 });
    expect(orgWideA.items.map((inbox) => inbox.companyId)).toEqual([companyA.id]);
  });

  it('pages by keyset across the organization and skips listing entries without an address', async () => {
    const org = await rows.organization();
    const company = await rows.company(org.id);
    const accounts = Array.from({ length: 5 }, (_, index) => mailbox(index));
    await repository.syncInboxes({ orgId: org.id, companyId: company.id, providerId: SMARTLEAD, at: new Date(), accounts: [...accounts, mailbox(99, { email: null })] });
    const first = await repository.listInboxes(org.id, { kind: 'organization' }, { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await repository.listInboxes(org.id, { kind: 'organization' }, { limit: 3, after: first.nextCursor! });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items].map((inbox) => inbox.externalAccountId).sort();
    expect(seen).toEqual(['1000', '1001', '1002', '1003', '1004']);
  });

  it('syncs LinkedIn accounts the same way, with optional email and profile', async () => {
    const org = await rows.organization();
    const company = await rows.company(org.id);
    const result = await repository.syncLinkedInAccounts({
      orgId: org.id, companyId: company.id, providerId: HEYREACH, at: new Date(),
      accounts: [
        { externalAccountId: '501', displayName: 'Ada Lovelace', email: null, profileUrl: 'https://www.linkedin.com/in/ada', active: true },
        { externalAccountId: '502', displayName: 'Grace Hopper', email: 'grace@acme.test', profileUrl: null, active: false },
      ],
    });
    expect(result).toEqual({ synced: 2, heldByAnotherCompany: [], deactivated: 0 });
    const page = await repository.listLinkedInAccounts(org.id, { kind: 'company', companyId: company.id }, { limit: 10 });
    // Both rows share one created_at, so the keyset order between them is the random ids' order.
    const listed = [...page.items].sort((a, b) => a.externalAccountId.localeCompare(b.externalAccountId));
    expect(listed.map((account) => [account.externalAccountId, account.status, account.email, account.profileUrl])).toEqual([
      ['501', 'active', null, 'https://www.linkedin.com/in/ada'],
      ['502', 'inactive', 'grace@acme.test', null],
    ]);
    const other = await repository.listLinkedInAccounts(randomUUID(), { kind: 'organization' }, { limit: 10 });
    expect(other.items).toEqual([]);
  });
});
