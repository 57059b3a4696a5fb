import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../application/access/login-throttle.js';
import { RateLimitExceededError } from '../../../application/access/rate-limit-exceeded-error.js';
import type { TenantAccess } from '../../../application/access/tenant-access.js';
import { AuditedTransaction } from '../../../application/audit/audited-transaction.js';
import { LoginUser, type TenantSession } from '../../../application/identity/login-user.js';
import { ListSwitchableOrganizations, SwitchOrganization } from '../../../application/identity/switch-organization.js';
import type { RequestContext } from '../../../application/shared/request-context.js';
import { JwtSessionTokens } from '../../../adapters/security/jwt-session-tokens.js';
import { SessionRequiredError } from '../../../domain/access/access-errors.js';
import type { AuditEntry } from '../../../domain/audit/audit-entry.js';
import { InvalidCredentialsError } from '../../../domain/identity/identity-errors.js';
import type { User } from '../../../domain/identity/user.js';
import { OrganizationNotFoundError } from '../../../domain/tenancy/organization-errors.js';
import { InMemoryRateLimiter, TEST_JWT_SETTINGS } from '../../support/fakes/index.js';
import { PASSWORD, SUPER_ADMIN, UNKNOWN_ID, makeTenancySut } from './tenancy-sut.js';

const ANONYMOUS: RequestContext = { actor: { type: 'anonymous' }, requestId: 'req-login' };
const CLIENT = '203.0.113.7';
const EMAIL = 'ann@example.test';
const OTHER_PASSWORD = 'a-different-long-password';
const LOGIN_RULES = { perAccount: { limit: 5, windowSeconds: 60 }, perAddress: { limit: 30, windowSeconds: 60 } };

function makeSut() {
  const tenancy = makeTenancySut();
  const sessions = new JwtSessionTokens(TEST_JWT_SETTINGS, tenancy.clock);
  const audited = new AuditedTransaction(tenancy.transactions, tenancy.auditLog, tenancy.clock);
  const limiter = new InMemoryRateLimiter();
  const throttle = new LoginThrottle(limiter, tenancy.clock, LOGIN_RULES);
  const switchable = new ListSwitchableOrganizations(tenancy.users, tenancy.organizations);
  return {
    ...tenancy,
    sessions,
    limiter,
    login: new LoginUser(tenancy.users, tenancy.organizations, tenancy.passwords, sessions, throttle, audited),
    switchable,
    switchOrganization: new SwitchOrganization(switchable, sessions, audited),
  };
}

type Sut = ReturnType<typeof makeSut>;

function login(sut: Sut, password = PASSWORD, email = EMAIL): Promise<TenantSession> {
  return sut.login.execute({ context: ANONYMOUS, email, password, clientAddress: CLIENT });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/** Every audit row as one lowercase string, to look for secrets and personal data. */
function everyRow(sut: Sut): string {
  return JSON.stringify(sut.auditLog.entries).toLowerCase();
}

async function userWith(sut: Sut, orgId: string, password: string, email = EMAIL): Promise<User> {
  return sut.createUser.execute({ context: SUPER_ADMIN, orgId, email, password, role: 'org_admin' });
}

/**
 * One email in three organizations, created a second apart: the oldest account has a different
 * password; the two newer ones share PASSWORD.
 */
async function threeOrgs(sut: Sut = makeSut()) {
  const orgOld = await sut.organization('old-co', 'Old Co');
  const orgMid = await sut.organization('mid-co', 'Mid Co');
  const orgNew = await sut.organization('new-co', 'New Co');
  const userOld = await userWith(sut, orgOld, OTHER_PASSWORD);
  sut.clock.advanceSeconds(1);
  const userMid = await userWith(sut, orgMid, PASSWORD);
  sut.clock.advanceSeconds(1);
  const userNew = await userWith(sut, orgNew, PASSWORD);
  return { sut, orgOld, orgMid, orgNew, userOld, userMid, userNew };
}

/** The caller as AuthenticateTenant would present it, built from the issued session's own claims. */
async function accessOf(sut: Sut, result: TenantSession): Promise<TenantAccess> {
  const claims = await sut.sessions.verifyTenantSession(result.session.token);
  if (!claims) throw new Error('session did not verify');
  return {
    userId: claims.userId,
    orgId: claims.orgId,
    companyId: null,
    role: result.current.role,
    organizationStatus: 'onboarding',
    authMethod: 'session',
    apiTokenId: null,
    provenUserIds: claims.provenUserIds,
  };
}

describe('LoginUser', () => {
  it('opens a session for a single account, with that account as the only choice', async () => {
    const sut = makeSut();
    const orgId = await sut.organization('acme', 'Acme');
    const user = await userWith(sut, orgId, PASSWORD);

    const result = await login(sut);

    const choice = { orgId, userId: user.id, name: 'Acme', slug: 'acme', role: 'org_admin' };
    expect(result.current).toEqual(choice);
    expect(result.choices).toEqual([choice]);
    expect(result.session.expiresAt).toEqual(new Date(sut.clock.now().getTime() + TEST_JWT_SETTINGS.ttlSeconds * 1000));
    await expect(sut.sessions.verifyTenantSession(result.session.token)).resolves.toEqual({ userId: user.id, orgId, provenUserIds: [user.id] });
  });

  it('matches the email case-insensitively, ignoring surrounding spaces', async () => {
    const sut = makeSut();
    const orgId = await sut.organization('acme');
    const user = await userWith(sut, orgId, PASSWORD);

    await expect(login(sut, PASSWORD, '  ANN@Example.TEST ')).resolves.toMatchObject({ current: { userId: user.id } });
  });

  it('with one email in three orgs, opens the oldest account the password matches and offers exactly the matching two', async () => {
    const { sut, orgMid, orgNew, userMid, userNew } = await threeOrgs();

    const result = await login(sut);

    expect(result.current).toEqual({ orgId: orgMid, userId: userMid.id, name: 'Mid Co', slug: 'mid-co', role: 'org_admin' });
    expect(result.choices).toEqual([
      { orgId: orgMid, userId: userMid.id, name: 'Mid Co', slug: 'mid-co', role: 'org_admin' },
      { orgId: orgNew, userId: userNew.id, name: 'New Co', slug: 'new-co', role: 'org_admin' },
    ]);
    await expect(sut.sessions.verifyTenantSession(result.session.token)).resolves.toEqual({
      userId: userMid.id,
      orgId: orgMid,
      provenUserIds: [userMid.id, userNew.id],
    });
  });

  it('the other password opens only the oldest account', async () => {
    const { sut, orgOld, userOld } = await threeOrgs();

    const result = await login(sut, OTHER_PASSWORD);

    expect(result.current).toMatchObject({ orgId: orgOld, userId: userOld.id });
    expect(result.choices.map((choice) => choice.orgId)).toEqual([orgOld]);
  });

  it('does not offer an account of a deleted organization', async () => {
    const { sut, orgMid, orgNew, userNew } = await threeOrgs();
    await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgMid });

    const result = await login(sut);

    expect(result.current).toMatchObject({ orgId: orgNew, userId: userNew.id });
    expect(result.choices.map((choice) => choice.orgId)).toEqual([orgNew]);
  });

  it('does not offer a deleted account', async () => {
    const { sut, orgMid, orgNew, userMid } = await threeOrgs();
    await sut.deleteUser.execute({ context: SUPER_ADMIN, orgId: orgMid, userId: userMid.id });

    const result = await login(sut);

    expect(result.choices.map((choice) => choice.orgId)).toEqual([orgNew]);
  });

  it('writes one success row whose actor is the user, targeting the opened account, without email or password', async () => {
    const { sut, orgMid, userMid } = await threeOrgs();

    await login(sut);

    expect(sut.auditLog.entriesFor('user.login')).toEqual([
      {
        actor: { type: 'user', id: userMid.id },
        orgId: orgMid,
        action: 'user.login',
        targetType: 'user',
        targetId: userMid.id,
        requestId: 'req-login',
        outcome: 'success',
        detail: { organizations: 2 },
        occurredAt: sut.clock.now(),
      },
    ]);
    expect(everyRow(sut)).not.toContain(EMAIL);
    expect(everyRow(sut)).not.toContain(PASSWORD);
  });

  it('refuses a wrong password with InvalidCredentialsError and a wrong_password failure row', async () => {
    const { sut } = await threeOrgs();

    const error = await failure(login(sut, 'not-any-of-the-passwords'));

    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ code: 'invalid_credentials', kind: 'unauthenticated' });
    expect(sut.auditLog.entriesFor('user.login')).toEqual([
      {
        actor: { type: 'anonymous' },
        orgId: null,
        action: 'user.login',
        targetType: 'user',
        targetId: null,
        requestId: 'req-login',
        outcome: 'failure',
        detail: { reason: 'wrong_password' },
        occurredAt: sut.clock.now(),
      },
    ]);
  });

  it('refuses an unknown email with the same error and message, and an unknown_account row', async () => {
    const { sut } = await threeOrgs();

    const wrong = await failure(login(sut, 'not-any-of-the-passwords'));
    const unknown = await failure(login(sut, PASSWORD, 'stranger@example.test'));

    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect(unknown.message).toBe(wrong.message);
    expect(sut.auditLog.entriesFor('user.login', 'failure').map((row) => row.detail)).toEqual([
      { reason: 'wrong_password' },
      { reason: 'unknown_account' },
    ]);
    expect(everyRow(sut)).not.toContain('stranger');
  });

  it('an email whose only organization was deleted is an unknown account', async () => {
    const sut = makeSut();
    const orgId = await sut.organization('acme');
    await userWith(sut, orgId, PASSWORD);
    await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId });

    await expect(login(sut)).rejects.toBeInstanceOf(InvalidCredentialsError);
    expect(sut.auditLog.entriesFor('user.login', 'failure').at(-1)?.detail).toEqual({ reason: 'unknown_account' });
  });

  it('throttles the 6th attempt within a minute, even with the right password, with a throttled row', async () => {
    const { sut } = await threeOrgs();
    for (let attempt = 1; attempt <= LOGIN_RULES.perAccount.limit; attempt += 1) {
      await expect(login(sut, 'not-any-of-the-passwords')).rejects.toBeInstanceOf(InvalidCredentialsError);
    }

    const throttled = await failure(login(sut));

    expect(throttled).toBeInstanceOf(RateLimitExceededError);
    expect(throttled).toMatchObject({ code: 'too_many_login_attempts', kind: 'rate_limited' });
    expect((throttled as RateLimitExceededError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const rows = sut.auditLog.entriesFor('user.login');
    expect(rows.map((row) => row.detail['reason'])).toEqual([...Array(5).fill('wrong_password'), 'throttled']);
    expect(rows.at(-1)).toMatchObject({ actor: { type: 'anonymous' }, outcome: 'failure', targetId: null, orgId: null });
    expect(sut.auditLog.entriesFor('user.login', 'success')).toEqual([]);
    expect(everyRow(sut)).not.toContain(EMAIL);
    expect(everyRow(sut)).not.toContain('not-any-of-the-passwords');

    sut.clock.advanceSeconds(LOGIN_RULES.perAccount.windowSeconds);
    await expect(login(sut)).resolves.toHaveProperty('session');
  });

  it('counts the account by its canonical email, whatever the case sent', async () => {
    const { sut } = await threeOrgs();
    for (let attempt = 1; attempt <= LOGIN_RULES.perAccount.limit; attempt += 1) {
      await login(sut, 'wrong-password-here', attempt % 2 ? EMAIL.toUpperCase() : ` ${EMAIL}`).catch(() => undefined);
    }

    await expect(login(sut)).rejects.toBeInstanceOf(RateLimitExceededError);
  });

  it('a successful login clears the account count', async () => {
    const { sut } = await threeOrgs();
    for (let attempt = 1; attempt < LOGIN_RULES.perAccount.limit; attempt += 1) await login(sut, 'wrong-password-here').catch(() => undefined);
    await login(sut);

    for (let attempt = 1; attempt <= LOGIN_RULES.perAccount.limit; attempt += 1) {
      await expect(login(sut, 'wrong-password-here')).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
  });
});

describe('ListSwitchableOrganizations', () => {
  it('lists the accounts the session proved', async () => {
    const { sut, orgMid, orgNew } = await threeOrgs();
    const access = await accessOf(sut, await login(sut));

    const choices = await sut.switchable.execute(access);

    expect(choices.map((choice) => choice.orgId)).toEqual([orgMid, orgNew]);
  });

  it('drops a proven account whose organization was deleted since', async () => {
    const { sut, orgMid, orgNew } = await threeOrgs();
    const access = await accessOf(sut, await login(sut));
    await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgNew });

    await expect(sut.switchable.execute(access)).resolves.toEqual([expect.objectContaining({ orgId: orgMid })]);
  });

  it('drops a proven account deleted since', async () => {
    const { sut, orgMid, orgNew, userNew } = await threeOrgs();
    const access = await accessOf(sut, await login(sut));
    await sut.deleteUser.execute({ context: SUPER_ADMIN, orgId: orgNew, userId: userNew.id });

    expect((await sut.switchable.execute(access)).map((choice) => choice.orgId)).toEqual([orgMid]);
  });

  it('an API token lists only its own organization, whatever other accounts its email has', async () => {
    const { sut, orgMid, userMid } = await threeOrgs();
    const access: TenantAccess = {
      userId: userMid.id,
      orgId: orgMid,
      companyId: null,
      role: 'org_admin',
      organizationStatus: 'onboarding',
      authMethod: 'api_token',
      apiTokenId: UNKNOWN_ID,
      provenUserIds: [],
    };

    await expect(sut.switchable.execute(access)).resolves.toEqual([
      { orgId: orgMid, userId: userMid.id, name: 'Mid Co', slug: 'mid-co', role: 'org_admin' },
    ]);
  });
});

describe('SwitchOrganization', () => {
  it('issues a session for another proven organization, keeping the proven accounts, and audits it', async () => {
    const { sut, orgMid, orgNew, userMid, userNew } = await threeOrgs();
    const access = await accessOf(sut, await login(sut));
    const context: RequestContext = { actor: { type: 'user', id: userMid.id }, requestId: 'req-switch' };

    const result = await sut.switchOrganization.execute({ context, access, organizationId: orgNew });

    expect(result.current).toEqual({ orgId: orgNew, userId: userNew.id, name: 'New Co', slug: 'new-co', role: 'org_admin' });
    expect(result.choices.map((choice) => choice.orgId)).toEqual([orgMid, orgNew]);
    await expect(sut.sessions.verifyTenantSession(result.session.token)).resolves.toEqual({
      userId: userNew.id,
      orgId: orgNew,
      provenUserIds: [userMid.id, userNew.id],
    });
    expect(sut.auditLog.entriesFor('user.switch_organization')).toEqual([
      {
        actor: { type: 'user', id: userMid.id },
        orgId: orgMid,
        action: 'user.switch_organization',
        targetType: 'organization',
        targetId: orgNew,
        requestId: 'req-switch',
        outcome: 'success',
        detail: { to_user_id: userNew.id },
        occurredAt: sut.clock.now(),
      },
    ]);
  });

  it('the new session can switch back', async () => {
    const { sut, orgMid, userMid } = await threeOrgs();
    const first = await login(sut);
    const context: RequestContext = { actor: { type: 'user', id: userMid.id }, requestId: 'r' };
    const switched = await sut.switchOrganization.execute({ context, access: await accessOf(sut, first), organizationId: first.choices[1]!.orgId });

    const back = await sut.switchOrganization.execute({ context, access: await accessOf(sut, switched), organizationId: orgMid });

    expect(back.current).toMatchObject({ orgId: orgMid, userId: userMid.id });
  });

  it.each([
    ['the organization whose password differs', 'old'],
    ['an unknown organization', 'unknown'],
  ] as const)('answers OrganizationNotFoundError for %s, with a not_switchable row', async (_label, which) => {
    const { sut, orgOld, orgMid, userMid } = await threeOrgs();
    const access = await accessOf(sut, await login(sut));
    const target = which === 'old' ? orgOld : UNKNOWN_ID;
    const context: RequestContext = { actor: { type: 'user', id: userMid.id }, requestId: 'req-switch' };

    const error = await failure(sut.switchOrganization.execute({ context, access, organizationId: target }));

    expect(error).toBeInstanceOf(OrganizationNotFoundError);
    expect(sut.auditLog.entriesFor('user.switch_organization')).toEqual([
      expect.objectContaining({
        actor: { type: 'user', id: userMid.id },
        orgId: orgMid,
        targetType: 'organization',
        targetId: target,
        outcome: 'failure',
        detail: { reason: 'not_switchable' },
      }),
    ]);
  });

  it('the unproven and the unknown organization get the same answer', async () => {
    const { sut, orgOld, userMid } = await threeOrgs();
    const access = await accessOf(sut, await login(sut));
    const context: RequestContext = { actor: { type: 'user', id: userMid.id }, requestId: 'r' };

    const unproven = await failure(sut.switchOrganization.execute({ context, access, organizationId: orgOld }));
    const unknown = await failure(sut.switchOrganization.execute({ context, access, organizationId: UNKNOWN_ID }));

    expect({ ...unproven, message: unproven.message }).toEqual({ ...unknown, message: unknown.message });
  });

  it('refuses to switch to a proven organization deleted since', async () => {
    const { sut, orgNew, userMid } = await threeOrgs();
    const access = await accessOf(sut, await login(sut));
    await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgNew });

    await expect(
      sut.switchOrganization.execute({ context: { actor: { type: 'user', id: userMid.id }, requestId: 'r' }, access, organizationId: orgNew }),
    ).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });

  it('refuses an API token with SessionRequiredError and an api_token failure row', async () => {
    const { sut, orgMid, orgNew, userMid } = await threeOrgs();
    const access: TenantAccess = {
      userId: userMid.id,
      orgId: orgMid,
      companyId: null,
      role: 'org_admin',
      organizationStatus: 'onboarding',
      authMethod: 'api_token',
      apiTokenId: UNKNOWN_ID,
      provenUserIds: [userMid.id],
    };
    const context: RequestContext = { actor: { type: 'user', id: userMid.id }, requestId: 'req-switch' };

    const error = await failure(sut.switchOrganization.execute({ context, access, organizationId: orgNew }));

    expect(error).toBeInstanceOf(SessionRequiredError);
    expect(error).toMatchObject({ code: 'session_required', kind: 'forbidden' });
    expect(sut.auditLog.entriesFor('user.switch_organization')).toEqual([
      expect.objectContaining({ orgId: orgMid, targetId: orgNew, outcome: 'failure', detail: { reason: 'api_token' } }),
    ]);
  });

  it('never puts an email or password in any audit row', async () => {
    const { sut, orgOld, orgNew, userMid } = await threeOrgs();
    const access = await accessOf(sut, await login(sut));
    const context: RequestContext = { actor: { type: 'user', id: userMid.id }, requestId: 'r' };
    await sut.switchOrganization.execute({ context, access, organizationId: orgNew });
    await sut.switchOrganization.execute({ context, access, organizationId: orgOld }).catch(() => undefined);

    const rows: readonly AuditEntry[] = sut.auditLog.entries;
    expect(rows.length).toBeGreaterThan(0);
    expect(everyRow(sut)).not.toContain(EMAIL);
    expect(everyRow(sut)).not.toContain(PASSWORD);
    expect(everyRow(sut)).not.toContain(OTHER_PASSWORD);
  });
});
