import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditedTransaction } from '../../../application/audit/audited-transaction.js';
import { IssueApiToken } from '../../../application/identity/issue-api-token.js';
import { ListApiTokens, RevokeApiToken } from '../../../application/identity/manage-api-tokens.js';
import { Sha256ApiTokenSecrets } from '../../../adapters/security/sha256-api-token-secrets.js';
import { ApiTokenExpiryInPastError, ApiTokenNotFoundError } from '../../../domain/identity/api-token-errors.js';
import { UserNotFoundError } from '../../../domain/identity/user-errors.js';
import { OrganizationNotFoundError } from '../../../domain/tenancy/organization-errors.js';
import { InMemoryApiTokenRepository } from '../../support/fakes/index.js';
import { SUPER_ADMIN, UNKNOWN_ID, makeTenancySut } from './tenancy-sut.js';

function makeSut() {
  const tenancy = makeTenancySut();
  const apiTokens = new InMemoryApiTokenRepository();
  tenancy.transactions.register(apiTokens);
  const secrets = new Sha256ApiTokenSecrets();
  const audited = new AuditedTransaction(tenancy.transactions, tenancy.auditLog, tenancy.clock);
  return {
    ...tenancy,
    apiTokens,
    secrets,
    issue: new IssueApiToken(tenancy.organizations, tenancy.users, apiTokens, secrets, audited, tenancy.clock, tenancy.ids),
    list: new ListApiTokens(tenancy.organizations, apiTokens),
    revoke: new RevokeApiToken(apiTokens, audited, tenancy.clock),
  };
}

type Sut = ReturnType<typeof makeSut>;

async function withUser(sut: Sut = makeSut()) {
  const orgId = await sut.organization('acme', 'Acme');
  const user = await sut.user(orgId, { email: 'bot@acme.test' });
  return { sut, orgId, user };
}

function sha256(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('IssueApiToken', () => {
  it('returns the raw token once and stores only its sha256 hash', async () => {
    const { sut, orgId, user } = await withUser();

    const { raw, token } = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id, name: ' CI ' });

    expect(raw).toMatch(/^oex_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ orgId, userId: user.id, name: 'CI', expiresAt: null, lastUsedAt: null, revokedAt: null, createdAt: sut.clock.now() });
    expect(token.tokenHash).toBe(sha256(raw));
    const stored = sut.apiTokens.allRows();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toEqual(token);
    expect(stored[0]?.tokenHash).toBe(sha256(raw));
    expect(JSON.stringify(stored)).not.toContain(raw);
    expect(JSON.stringify(stored)).not.toContain(raw.slice(4));
    await expect(sut.apiTokens.findByHash(sha256(raw))).resolves.toEqual(token);
  });

  it('uses the id it audits, and writes one success row without the raw token or its hash', async () => {
    const { sut, orgId, user } = await withUser();
    const rowsBefore = sut.auditLog.entries.length;

    const { raw, token } = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id });

    expect(sut.auditLog.entries.slice(rowsBefore)).toEqual([
      {
        actor: SUPER_ADMIN.actor,
        orgId,
        action: 'api_token.issue',
        targetType: 'api_token',
        targetId: token.id,
        requestId: SUPER_ADMIN.requestId,
        outcome: 'success',
        detail: { user_id: user.id, expires: false },
        occurredAt: sut.clock.now(),
      },
    ]);
    const rows = JSON.stringify(sut.auditLog.entries);
    expect(rows).not.toContain(raw);
    expect(rows).not.toContain(token.tokenHash);
  });

  it('records a future expiry and says so in the audit row', async () => {
    const { sut, orgId, user } = await withUser();
    const expiresAt = new Date(sut.clock.now().getTime() + 86_400_000);

    const { token } = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id, expiresAt });

    expect(token.expiresAt).toEqual(expiresAt);
    expect(sut.auditLog.entriesFor('api_token.issue', 'success')[0]?.detail).toEqual({ user_id: user.id, expires: true });
  });

  it('gives each token a different raw value and hash', async () => {
    const { sut, orgId, user } = await withUser();

    const first = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id });
    const second = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id });

    expect(first.raw).not.toBe(second.raw);
    expect(first.token.tokenHash).not.toBe(second.token.tokenHash);
    expect(first.token.id).not.toBe(second.token.id);
  });

  it('answers OrganizationNotFoundError for an unknown or deleted organization, storing nothing', async () => {
    const { sut, orgId, user } = await withUser();

    expect(await failure(sut.issue.execute({ context: SUPER_ADMIN, orgId: UNKNOWN_ID, userId: user.id }))).toBeInstanceOf(
      OrganizationNotFoundError,
    );
    await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId });
    expect(await failure(sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id }))).toBeInstanceOf(OrganizationNotFoundError);

    expect(sut.apiTokens.allRows()).toEqual([]);
    expect(sut.auditLog.entriesFor('api_token.issue').map((row) => [row.outcome, row.detail])).toEqual([
      ['failure', { code: 'organization_not_found' }],
      ['failure', { code: 'organization_not_found' }],
    ]);
  });

  it('answers UserNotFoundError for a user of another organization', async () => {
    const { sut, orgId } = await withUser();
    const otherOrg = await sut.organization('globex');
    const stranger = await sut.user(otherOrg, { email: 'x@globex.test' });

    const error = await failure(sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: stranger.id }));

    expect(error).toBeInstanceOf(UserNotFoundError);
    expect(sut.apiTokens.allRows()).toEqual([]);
    expect(sut.auditLog.entriesFor('api_token.issue')).toEqual([
      expect.objectContaining({ outcome: 'failure', orgId, detail: { code: 'user_not_found' } }),
    ]);
  });

  it('answers UserNotFoundError for an unknown or deleted user', async () => {
    const { sut, orgId, user } = await withUser();
    expect(await failure(sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: UNKNOWN_ID }))).toBeInstanceOf(UserNotFoundError);

    await sut.deleteUser.execute({ context: SUPER_ADMIN, orgId, userId: user.id });

    expect(await failure(sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id }))).toBeInstanceOf(UserNotFoundError);
  });

  it.each([
    ['now', 0],
    ['in the past', -1000],
  ])('refuses an expiry %s with ApiTokenExpiryInPastError and a failure row, storing nothing', async (_label, offset) => {
    const { sut, orgId, user } = await withUser();

    const error = await failure(
      sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id, expiresAt: new Date(sut.clock.now().getTime() + offset) }),
    );

    expect(error).toBeInstanceOf(ApiTokenExpiryInPastError);
    expect(sut.apiTokens.allRows()).toEqual([]);
    expect(sut.auditLog.entriesFor('api_token.issue')).toEqual([
      expect.objectContaining({ outcome: 'failure', detail: { code: 'api_token_expiry_in_past' } }),
    ]);
  });
});

describe('ListApiTokens', () => {
  it("lists every token of the organization, revoked ones included, oldest first, and no other organization's", async () => {
    const { sut, orgId, user } = await withUser();
    const otherOrg = await sut.organization('globex');
    const stranger = await sut.user(otherOrg, { email: 'x@globex.test' });
    const first = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id, name: 'first' });
    sut.clock.advanceSeconds(1);
    await sut.issue.execute({ context: SUPER_ADMIN, orgId: otherOrg, userId: stranger.id });
    const second = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id, name: 'second' });
    await sut.revoke.execute({ context: SUPER_ADMIN, orgId, tokenId: first.token.id });

    const page = await sut.list.execute({ orgId, page: { limit: 10 } });

    expect(page.nextCursor).toBeNull();
    expect(page.items.map((token) => [token.id, token.name, token.revokedAt !== null])).toEqual([
      [first.token.id, 'first', true],
      [second.token.id, 'second', false],
    ]);
  });

  it('pages with a cursor', async () => {
    const { sut, orgId, user } = await withUser();
    const issued = [];
    for (let index = 0; index < 3; index += 1) issued.push((await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id })).token.id);

    const first = await sut.list.execute({ orgId, page: { limit: 2 } });
    const second = await sut.list.execute({ orgId, page: { limit: 2, after: first.nextCursor ?? undefined } });

    expect([...first.items, ...second.items].map((token) => token.id)).toEqual(issued);
    expect(second.nextCursor).toBeNull();
  });

  it('answers OrganizationNotFoundError for an unknown organization', async () => {
    const sut = makeSut();

    await expect(sut.list.execute({ orgId: UNKNOWN_ID, page: { limit: 10 } })).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });
});

describe('RevokeApiToken', () => {
  it('revokes the token at the clock time and audits it', async () => {
    const { sut, orgId, user } = await withUser();
    const { token } = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id });
    sut.clock.advanceSeconds(30);

    await sut.revoke.execute({ context: SUPER_ADMIN, orgId, tokenId: token.id });

    expect((await sut.apiTokens.findById(orgId, token.id))?.revokedAt).toEqual(sut.clock.now());
    expect(sut.auditLog.entriesFor('api_token.revoke')).toEqual([
      {
        actor: SUPER_ADMIN.actor,
        orgId,
        action: 'api_token.revoke',
        targetType: 'api_token',
        targetId: token.id,
        requestId: SUPER_ADMIN.requestId,
        outcome: 'success',
        detail: { already_revoked: false },
        occurredAt: sut.clock.now(),
      },
    ]);
  });

  it('revoking twice is harmless: the first moment stays, and the second row says already_revoked', async () => {
    const { sut, orgId, user } = await withUser();
    const { token } = await sut.issue.execute({ context: SUPER_ADMIN, orgId, userId: user.id });
    await sut.revoke.execute({ context: SUPER_ADMIN, orgId, tokenId: token.id });
    const firstRevokedAt = sut.clock.now();
    sut.clock.advanceSeconds(60);

    await expect(sut.revoke.execute({ context: SUPER_ADMIN, orgId, tokenId: token.id })).resolves.toBeUndefined();

    expect((await sut.apiTokens.findById(orgId, token.id))?.revokedAt).toEqual(firstRevokedAt);
    expect(sut.auditLog.entriesFor('api_token.revoke').map((row) => [row.outcome, row.detail])).toEqual([
      ['success', { already_revoked: false }],
      ['success', { already_revoked: true }],
    ]);
  });

  it("answers ApiTokenNotFoundError for another organization's token, and leaves it alone", async () => {
    const { sut, orgId } = await withUser();
    const otherOrg = await sut.organization('globex');
    const stranger = await sut.user(otherOrg, { email: 'x@globex.test' });
    const { token: foreign } = await sut.issue.execute({ context: SUPER_ADMIN, orgId: otherOrg, userId: stranger.id });

    const error = await failure(sut.revoke.execute({ context: SUPER_ADMIN, orgId, tokenId: foreign.id }));

    expect(error).toBeInstanceOf(ApiTokenNotFoundError);
    expect(error).toMatchObject({ code: 'api_token_not_found', kind: 'not_found' });
    expect((await sut.apiTokens.findById(otherOrg, foreign.id))?.revokedAt).toBeNull();
    expect(sut.auditLog.entriesFor('api_token.revoke')).toEqual([
      expect.objectContaining({ outcome: 'failure', orgId, targetId: foreign.id, detail: { code: 'api_token_not_found' } }),
    ]);
  });

  it('answers ApiTokenNotFoundError for an unknown token id', async () => {
    const { sut, orgId } = await withUser();

    await expect(sut.revoke.execute({ context: SUPER_ADMIN, orgId, tokenId: UNKNOWN_ID })).rejects.toBeInstanceOf(ApiTokenNotFoundError);
  });
});
