import { createHash, randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmApiTokenRepository } from '../../adapters/persistence/identity/mikro-orm-api-token.repository.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { ApiToken } from '../../domain/identity/api-token.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

let orm: MikroORM;
let tokens: MikroOrmApiTokenRepository;
let transactions: MikroOrmTransactionRunner;
let seed: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  tokens = new MikroOrmApiTokenRepository(orm);
  transactions = new MikroOrmTransactionRunner(orm);
  seed = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

interface Owner {
  readonly orgId: string;
  readonly userId: string;
}

/** An organization and its org admin, who owns the tokens. */
async function newOwner(): Promise<Owner> {
  const organization = await seed.organization();
  const user = await seed.user(organization.id, { role: 'org_admin' });
  return { orgId: organization.id, userId: user.id };
}

function randomHash(): string {
  return createHash('sha256').update(randomUUID()).digest('hex');
}

function newToken(owner: Owner, options: { tokenHash?: string; createdAt?: Date; expiresAt?: Date | null; name?: string } = {}): ApiToken {
  const now = options.createdAt ?? new Date();
  return ApiToken.issue({
    id: randomUUID(),
    orgId: owner.orgId,
    userId: owner.userId,
    tokenHash: options.tokenHash ?? randomHash(),
    name: options.name ?? 'CI token',
    expiresAt: options.expiresAt ?? null,
    now,
  });
}

async function add(token: ApiToken): Promise<void> {
  await transactions.run(() => tokens.add(token));
}

async function storedLastUsedAt(id: string): Promise<number | null> {
  const [row] = await orm.em.fork().getConnection().execute('select last_used_at from api_tokens where id = ?', [id]);
  const value = row?.['last_used_at'] as Date | string | null | undefined;
  return value === null || value === undefined ? null : new Date(value).getTime();
}

describe('MikroOrmApiTokenRepository', () => {
  it('round-trips a token and finds it by id within its organization and by hash', async () => {
    const owner = await newOwner();
    const expiresAt = new Date(Date.now() + 86_400_000);
    const token = newToken(owner, { expiresAt, name: '  Deploy bot  ' });
    await add(token);
    const loaded = await tokens.findById(owner.orgId, token.id);
    expect(loaded).toBeInstanceOf(ApiToken);
    expect(loaded).toMatchObject({ id: token.id, orgId: owner.orgId, userId: owner.userId, tokenHash: token.tokenHash, name: 'Deploy bot', lastUsedAt: null, revokedAt: null });
    expect(loaded?.expiresAt?.getTime()).toBe(expiresAt.getTime());
    expect(loaded?.createdAt.getTime()).toBe(token.createdAt.getTime());
    expect(await tokens.findByHash(token.tokenHash)).toMatchObject({ id: token.id });
    expect(await tokens.findByHash(randomHash())).toBeNull();
  });

  it("answers null for a token asked for under another organization's id", async () => {
    const [owner, stranger] = [await newOwner(), await newOwner()];
    const token = newToken(owner);
    await add(token);
    expect(await tokens.findById(stranger.orgId, token.id)).toBeNull();
    expect((await tokens.list(stranger.orgId, { limit: 10 })).items).toEqual([]);
  });

  it('persists a revocation through save and still finds the revoked token, by id and by hash', async () => {
    const owner = await newOwner();
    const token = newToken(owner);
    await add(token);
    const revokedAt = new Date();
    await transactions.run(async () => {
      const loaded = await tokens.findById(owner.orgId, token.id);
      expect(loaded!.revoke(revokedAt)).toBe(true);
      await tokens.save(loaded!);
    });
    expect((await tokens.findById(owner.orgId, token.id))?.revokedAt?.getTime()).toBe(revokedAt.getTime());
    expect((await tokens.findByHash(token.tokenHash))?.rejectionAt(new Date())).toBe('revoked');
  });

  it('refuses a second token with the same hash', async () => {
    const owner = await newOwner();
    const tokenHash = randomHash();
    await add(newToken(owner, { tokenHash }));
    await expect(add(newToken(await newOwner(), { tokenHash }))).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    expect(await tokens.findByHash(tokenHash)).toMatchObject({ orgId: owner.orgId });
  });

  it("refuses a token pointing at another organization's user (composite foreign key)", async () => {
    const [owner, stranger] = [await newOwner(), await newOwner()];
    const token = newToken({ orgId: stranger.orgId, userId: owner.userId });
    await expect(add(token)).rejects.toBeInstanceOf(ForeignKeyConstraintViolationException);
  });

  it('lists every token of the organization, revoked and expired ones included, oldest first by keyset', async () => {
    const owner = await newOwner();
    const sameInstant = new Date('2001-01-01T00:00:00.000Z');
    const oldest = newToken(owner, { createdAt: new Date('2000-01-01T00:00:00.000Z'), expiresAt: new Date('2000-02-01T00:00:00.000Z') });
    const tied = [newToken(owner, { createdAt: sameInstant }), newToken(owner, { createdAt: sameInstant })];
    const revoked = newToken(owner, { createdAt: new Date('2002-01-01T00:00:00.000Z') });
    revoked.revoke(new Date('2002-02-01T00:00:00.000Z'));
    for (const token of [revoked, ...tied, oldest]) await add(token);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await tokens.list(owner.orgId, { limit: 1, after });
      seen.push(...page.items.map((token) => token.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toEqual([oldest.id, ...tied.map((token) => token.id).sort(), revoked.id]);
    expect((await tokens.list(owner.orgId, { limit: 4 })).nextCursor).toBeNull();
  });

  it('records use at most once a minute, without loading the token', async () => {
    const owner = await newOwner();
    const token = newToken(owner);
    await add(token);
    const first = new Date('2030-01-01T12:00:00.000Z');
    await tokens.recordUse(token.id, first);
    expect(await storedLastUsedAt(token.id)).toBe(first.getTime());

    await tokens.recordUse(token.id, new Date(first.getTime() + 30_000));
    await tokens.recordUse(token.id, new Date(first.getTime() + 60_000));
    expect(await storedLastUsedAt(token.id)).toBe(first.getTime());

    const laterStill = new Date(first.getTime() + 60_001);
    await tokens.recordUse(token.id, laterStill);
    expect(await storedLastUsedAt(token.id)).toBe(laterStill.getTime());
    expect((await tokens.findById(owner.orgId, token.id))?.lastUsedAt?.getTime()).toBe(laterStill.getTime());

    // A clock that went backwards never moves the stored value back.
    await tokens.recordUse(token.id, first);
    expect(await storedLastUsedAt(token.id)).toBe(laterStill.getTime());
    await expect(tokens.recordUse(randomUUID(), first)).resolves.toBeUndefined();
  });
});
