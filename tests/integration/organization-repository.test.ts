import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmAuditLog } from '../../adapters/persistence/audit/mikro-orm-audit-log.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { MikroOrmOrganizationRepository } from '../../adapters/persistence/tenancy/mikro-orm-organization.repository.js';
import { RandomUuidGenerator } from '../../adapters/system/random-uuid-generator.js';
import { InvalidCursorError } from '../../application/shared/pagination.js';
import { Organization } from '../../domain/tenancy/organization.js';
import { OrganizationSlugTakenError } from '../../domain/tenancy/organization-errors.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

let orm: MikroORM;
let organizations: MikroOrmOrganizationRepository;
let transactions: MikroOrmTransactionRunner;
let auditLog: MikroOrmAuditLog;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  organizations = new MikroOrmOrganizationRepository(orm);
  transactions = new MikroOrmTransactionRunner(orm);
  auditLog = new MikroOrmAuditLog(orm, new RandomUuidGenerator());
});

afterAll(async () => {
  await orm?.close();
});

function newOrganization(slug = `repo-${randomUUID().slice(0, 8)}`, createdAt = new Date()): Organization {
  return Organization.register({ id: randomUUID(), name: 'Repo Test', slug, now: createdAt });
}

async function add(organization: Organization): Promise<void> {
  await transactions.run(() => organizations.add(organization));
}

describe('MikroOrmOrganizationRepository', () => {
  it('round-trips an organization with every field intact', async () => {
    const organization = newOrganization();
    await add(organization);
    const loaded = await organizations.findById(organization.id);
    expect(loaded).toBeInstanceOf(Organization);
    expect(loaded).toMatchObject({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      status: 'onboarding',
      deletedAt: null,
    });
    expect(loaded?.createdAt.getTime()).toBe(organization.createdAt.getTime());
    expect(await organizations.findBySlug(organization.slug)).toMatchObject({ id: organization.id });
  });

  it('hides soft-deleted organizations and frees their slug at the database level', async () => {
    const organization = newOrganization();
    await add(organization);
    await transactions.run(async () => {
      const loaded = await organizations.findById(organization.id);
      loaded!.softDelete(new Date());
      await organizations.save(loaded!);
    });
    expect(await organizations.findById(organization.id)).toBeNull();
    expect(await organizations.findBySlug(organization.slug)).toBeNull();
    await add(newOrganization(organization.slug));
  });

  it('turns a slug clash that slipped past the read check into OrganizationSlugTakenError, keeping one row', async () => {
    const slug = `race-${randomUUID().slice(0, 8)}`;
    const results = await Promise.allSettled([add(newOrganization(slug)), add(newOrganization(slug)), add(newOrganization(slug))]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((result) => result.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(OrganizationSlugTakenError);
    }
  });

  it('rolls back every write of a failed transaction, audit rows included', async () => {
    const organization = newOrganization();
    const requestId = `rollback-${randomUUID()}`;
    await expect(
      transactions.run(async () => {
        await organizations.add(organization);
        await auditLog.record({
          actor: { type: 'system' },
          orgId: organization.id,
          action: 'organization.create',
          targetType: 'organization',
          targetId: organization.id,
          requestId,
          outcome: 'success',
          detail: {},
          occurredAt: new Date(),
        });
        throw new Error('boom after both writes');
      }),
    ).rejects.toThrow('boom after both writes');
    expect(await organizations.findById(organization.id)).toBeNull();
    const rows = await orm.em.fork().getConnection().execute('select 1 from audit_events where request_id = ?', [requestId]);
    expect(rows).toHaveLength(0);
  });

  it('lists by keyset in (created_at, id) order, including rows that share a timestamp', async () => {
    const sameInstant = new Date('2001-01-01T00:00:00.000Z');
    const batch = [newOrganization(undefined, sameInstant), newOrganization(undefined, sameInstant), newOrganization(undefined, sameInstant)];
    for (const organization of batch) await add(organization);

    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await organizations.list({ limit: 1, after });
      seen.push(...page.items.map((organization) => organization.id));
      after = page.nextCursor ?? undefined;
    } while (after && seen.length < 3);
    expect(seen).toEqual(batch.map((organization) => organization.id).sort());
  });

  it('refuses cursors it did not issue', async () => {
    await expect(organizations.list({ limit: 5, after: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('audit_events', () => {
  it('is append-only: updates and deletes are refused by the database', async () => {
    await auditLog.record({
      actor: { type: 'system' },
      orgId: null,
      action: 'test.append_only',
      targetType: 'test',
      targetId: null,
      requestId: `append-only-${randomUUID()}`,
      outcome: 'success',
      detail: {},
      occurredAt: new Date(),
    });
    const connection = orm.em.fork().getConnection();
    await expect(connection.execute(`update audit_events set outcome = 'success'`)).rejects.toThrow(/append-only/);
    await expect(connection.execute('delete from audit_events')).rejects.toThrow(/append-only/);
    await expect(connection.execute('truncate audit_events')).rejects.toThrow(/append-only/);
  });
});
