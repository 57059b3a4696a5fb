import { createHash, randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmUserRepository } from '../../adapters/persistence/identity/mikro-orm-user.repository.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { User } from '../../domain/identity/user.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';

let orm: MikroORM;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
});

afterAll(async () => {
  await orm?.close();
});

function sql(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return orm.em.fork().getConnection().execute(query, params);
}

async function insertOrganization(): Promise<string> {
  const id = randomUUID();
  await sql(`insert into organizations (id, name, slug, created_at, updated_at) values (?, 'Schema Test', ?, now(), now())`, [id, `sc-${id.slice(0, 8)}`]);
  return id;
}

async function insertCompany(orgId: string, name = `Company ${randomUUID().slice(0, 8)}`): Promise<string> {
  const id = randomUUID();
  await sql(`insert into companies (id, org_id, name, created_at, updated_at) values (?, ?, ?, now(), now())`, [id, orgId, name]);
  return id;
}

function insertUser(orgId: string, companyId: string | null, role: string, email = `schema-${randomUUID().slice(0, 12)}@example.test`): Promise<unknown> {
  return sql(
    `insert into users (id, org_id, company_id, email, password_hash, role, created_at, updated_at) values (?, ?, ?, ?, 'x', ?, now(), now())`,
    [randomUUID(), orgId, companyId, email, role],
  );
}

function insertToken(orgId: string, userId: string, tokenHash: string): Promise<unknown> {
  return sql(`insert into api_tokens (id, org_id, user_id, token_hash, created_at) values (?, ?, ?, ?, now())`, [randomUUID(), orgId, userId, tokenHash]);
}

async function insertUserReturningId(orgId: string): Promise<string> {
  const [row] = await sql(
    `insert into users (id, org_id, company_id, email, password_hash, role, created_at, updated_at)
     values (?, ?, null, ?, 'x', 'org_admin', now(), now()) returning id`,
    [randomUUID(), orgId, `schema-${randomUUID().slice(0, 12)}@example.test`],
  );
  return row!['id'] as string;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

describe('tenancy schema (migration 0002)', () => {
  it("refuses a user whose company belongs to another organization (composite foreign key)", async () => {
    const [orgId, otherOrgId] = [await insertOrganization(), await insertOrganization()];
    const foreignCompany = await insertCompany(otherOrgId);
    await expect(insertUser(orgId, foreignCompany, 'company_member')).rejects.toThrow(/users_company_same_org_fkey/);
    await expect(insertUser(orgId, randomUUID(), 'company_member')).rejects.toThrow(/users_company_same_org_fkey/);
    await expect(insertUser(otherOrgId, foreignCompany, 'company_member')).resolves.toBeDefined();
  });

  it('surfaces the composite foreign key through the repository as a foreign key violation', async () => {
    const [orgId, otherOrgId] = [await insertOrganization(), await insertOrganization()];
    const foreignCompany = await insertCompany(otherOrgId);
    const user = User.register({ id: randomUUID(), orgId, companyId: foreignCompany, email: `fk-${randomUUID().slice(0, 8)}@example.test`, passwordHash: 'x', role: 'company_admin', now: new Date() });
    await expect(new MikroOrmTransactionRunner(orm).run(() => new MikroOrmUserRepository(orm).add(user))).rejects.toBeInstanceOf(
      ForeignKeyConstraintViolationException,
    );
    expect(await sql('select 1 from users where id = ?', [user.id])).toHaveLength(0);
  });

  it('holds the role/company pairing: org admins have no company, company roles need one', async () => {
    const orgId = await insertOrganization();
    const companyId = await insertCompany(orgId);
    await expect(insertUser(orgId, companyId, 'org_admin')).rejects.toThrow(/users_role_company_pairing/);
    await expect(insertUser(orgId, null, 'company_member')).rejects.toThrow(/users_role_company_pairing/);
    await expect(insertUser(orgId, null, 'company_admin')).rejects.toThrow(/users_role_company_pairing/);
    await expect(insertUser(orgId, companyId, 'owner')).rejects.toThrow(/users_role_check/);
    await expect(insertUser(orgId, null, 'org_admin')).resolves.toBeDefined();
    await expect(insertUser(orgId, companyId, 'company_admin')).resolves.toBeDefined();
  });

  it('stores emails only in canonical form, unique among live users of an organization', async () => {
    const orgId = await insertOrganization();
    await expect(insertUser(orgId, null, 'org_admin', 'Upper@Example.test')).rejects.toThrow(/users_email_canonical/);
    const email = `dup-${randomUUID().slice(0, 8)}@example.test`;
    await insertUser(orgId, null, 'org_admin', email);
    await expect(insertUser(orgId, null, 'org_admin', email)).rejects.toThrow(/users_live_org_email_key/);
    await sql(`update users set deleted_at = now() where org_id = ? and email = ?`, [orgId, email]);
    await expect(insertUser(orgId, null, 'org_admin', email)).resolves.toBeDefined();
    await expect(insertUser(await insertOrganization(), null, 'org_admin', email)).resolves.toBeDefined();
  });

  it('keeps company names unique case-insensitively among live companies, and never blank', async () => {
    const orgId = await insertOrganization();
    const name = `Unique ${randomUUID().slice(0, 8)}`;
    await insertCompany(orgId, name);
    await expect(insertCompany(orgId, name.toUpperCase())).rejects.toThrow(/companies_live_name_key/);
    await sql(`update companies set deleted_at = now() where org_id = ?`, [orgId]);
    await expect(insertCompany(orgId, name.toLowerCase())).resolves.toBeDefined();
    await expect(insertCompany(orgId, '   ')).rejects.toThrow(/companies_name_not_blank/);
    await expect(insertCompany(randomUUID())).rejects.toThrow(/companies_org_id_fkey/);
    await expect(
      sql(`insert into companies (id, org_id, name, status, created_at, updated_at) values (?, ?, 'Bad Status', 'archived', now(), now())`, [randomUUID(), orgId]),
    ).rejects.toThrow(/companies_status_check/);
  });

  it('stores API tokens as unique SHA-256 hex hashes pointing at a user of the same organization', async () => {
    const [orgId, otherOrgId] = [await insertOrganization(), await insertOrganization()];
    const userId = await insertUserReturningId(orgId);
    const tokenHash = sha256(randomUUID());
    await insertToken(orgId, userId, tokenHash);
    await expect(insertToken(orgId, userId, tokenHash)).rejects.toThrow(/api_tokens_hash_key/);
    await expect(insertToken(orgId, userId, 'oex_plaintext_token')).rejects.toThrow(/api_tokens_hash_is_sha256_hex/);
    await expect(insertToken(orgId, userId, tokenHash.toUpperCase())).rejects.toThrow(/api_tokens_hash_is_sha256_hex/);
    await expect(insertToken(otherOrgId, userId, sha256(randomUUID()))).rejects.toThrow(/api_tokens_user_same_org_fkey/);
  });

  it('never lets a rate-limit counter go negative', async () => {
    await expect(
      sql(`insert into rate_limit_buckets (bucket, window_started_at, hits) values (?, now(), -1)`, [sha256(randomUUID())]),
    ).rejects.toThrow(/rate_limit_buckets_hits_check/);
  });

  it('accepts tenant users as audit actors and still refuses unknown actor types', async () => {
    const insertEvent = (actorType: string) =>
      sql(
        `insert into audit_events (id, org_id, actor_type, actor_id, action, target_type, request_id, outcome, occurred_at)
         values (?, null, ?, ?, 'test.schema_actor', 'user', ?, 'success', now())`,
        [randomUUID(), actorType, randomUUID(), `schema-${randomUUID()}`],
      );
    await expect(insertEvent('user')).resolves.toBeDefined();
    await expect(insertEvent('super_admin')).resolves.toBeDefined();
    await expect(insertEvent('robot')).rejects.toThrow(/audit_events_actor_type_check/);
  });
});
