import { describe, expect, it } from 'vitest';
import { AuditedTransaction } from '../../../application/audit/audited-transaction.js';
import { AuthenticateSuperAdmin } from '../../../application/identity/authenticate-super-admin.js';
import { CreateSuperAdmin } from '../../../application/identity/create-super-admin.js';
import { LoginSuperAdmin } from '../../../application/identity/login-super-admin.js';
import { LoginThrottle } from '../../../application/access/login-throttle.js';
import { RateLimitExceededError } from '../../../application/access/rate-limit-exceeded-error.js';
import { SeedFirstSuperAdmin } from '../../../application/identity/seed-first-super-admin.js';
import type { SuperAdminRepository } from '../../../application/identity/super-admin.repository.js';
import type { RequestContext } from '../../../application/shared/request-context.js';
import { JwtSessionTokens } from '../../../adapters/security/jwt-session-tokens.js';
import { ScryptPasswordHasher } from '../../../adapters/security/scrypt-password-hasher.js';
import type { AuditEntry } from '../../../domain/audit/audit-entry.js';
import {
  AuthenticationRequiredError,
  InvalidCredentialsError,
  SuperAdminAlreadyExistsError,
  WeakPasswordError,
} from '../../../domain/identity/identity-errors.js';
import { SUPER_ADMIN_PASSWORD_MIN_LENGTH } from '../../../domain/identity/super-admin.js';
import {
  FAST_SCRYPT_COST,
  FixedClock,
  ImmediateTransactionRunner,
  InMemoryAuditLog,
  InMemoryRateLimiter,
  InMemorySuperAdminRepository,
  SequentialIdGenerator,
  TEST_JWT_SETTINGS,
} from '../../support/fakes/index.js';

const SYSTEM: RequestContext = { actor: { type: 'system' }, requestId: 'req-cli' };
const ANONYMOUS: RequestContext = { actor: { type: 'anonymous' }, requestId: 'req-login' };
const EMAIL = 'ops@example.com';
const CLIENT = '203.0.113.7';
const LOGIN_RULES = { perAccount: { limit: 5, windowSeconds: 60 }, perAddress: { limit: 30, windowSeconds: 60 } };
const PASSWORD = 'correct horse battery staple';

function makeSut(options: { superAdmins?: SuperAdminRepository } = {}) {
  const clock = new FixedClock();
  const ids = new SequentialIdGenerator('0000aaaa');
  const store = new InMemorySuperAdminRepository();
  const superAdmins = options.superAdmins ?? store;
  const auditLog = new InMemoryAuditLog();
  const transactions = new ImmediateTransactionRunner(store, auditLog);
  const audited = new AuditedTransaction(transactions, auditLog, clock);
  const passwords = new ScryptPasswordHasher(FAST_SCRYPT_COST);
  const sessions = new JwtSessionTokens(TEST_JWT_SETTINGS, clock);
  const limiter = new InMemoryRateLimiter();
  const throttle = new LoginThrottle(limiter, clock, LOGIN_RULES);
  const create = new CreateSuperAdmin(superAdmins, passwords, audited, clock, ids);
  return {
    clock,
    ids,
    store,
    auditLog,
    passwords,
    sessions,
    create,
    seed: new SeedFirstSuperAdmin(superAdmins, create),
    limiter,
    login: new LoginSuperAdmin(superAdmins, passwords, sessions, audited, throttle),
    authenticate: new AuthenticateSuperAdmin(sessions, superAdmins, audited),
  };
}

type Sut = ReturnType<typeof makeSut>;

async function withAdmin(sut: Sut = makeSut()) {
  const admin = await sut.create.execute({ context: SYSTEM, email: EMAIL, password: PASSWORD });
  return { sut, admin };
}

/** The whole entry, every field and nested value, as one lowercase string. */
function flatten(entry: AuditEntry): string {
  return JSON.stringify(entry).toLowerCase();
}

describe('CreateSuperAdmin', () => {
  it('stores the account with a normalised email and a real password hash, and audits it without the email', async () => {
    const sut = makeSut();

    const admin = await sut.create.execute({ context: SYSTEM, email: '  Ops@Example.COM ', password: PASSWORD });

    expect(admin.email).toBe(EMAIL);
    expect(admin.id).toBe(sut.ids.all[0]);
    expect(admin.passwordHash).not.toContain(PASSWORD);
    await expect(sut.passwords.verify(PASSWORD, admin.passwordHash)).resolves.toBe(true);
    expect(await sut.store.findByEmail(EMAIL)).toEqual(admin);
    expect(sut.auditLog.entries).toEqual([
      {
        actor: { type: 'system' },
        orgId: null,
        action: 'super_admin.create',
        targetType: 'super_admin',
        targetId: admin.id,
        requestId: 'req-cli',
        outcome: 'success',
        detail: {},
        occurredAt: sut.clock.now(),
      },
    ]);
    expect(flatten(sut.auditLog.entries[0] as AuditEntry)).not.toContain(EMAIL);
  });

  it(`refuses a password shorter than ${SUPER_ADMIN_PASSWORD_MIN_LENGTH} characters, storing nothing`, async () => {
    const sut = makeSut();

    const attempt = sut.create.execute({
      context: SYSTEM,
      email: EMAIL,
      password: 'x'.repeat(SUPER_ADMIN_PASSWORD_MIN_LENGTH - 1),
    });

    await expect(attempt).rejects.toBeInstanceOf(WeakPasswordError);
    await expect(attempt).rejects.toMatchObject({
      code: 'weak_password',
      kind: 'invalid_input',
      problems: [expect.objectContaining({ loc: ['password'], type: 'too_short' })],
    });
    expect(sut.store.all()).toEqual([]);
    expect(sut.auditLog.entries).toEqual([
      expect.objectContaining({ action: 'super_admin.create', outcome: 'failure', detail: { code: 'weak_password' } }),
    ]);
  });

  it(`accepts a password of exactly ${SUPER_ADMIN_PASSWORD_MIN_LENGTH} characters`, async () => {
    const sut = makeSut();

    await expect(
      sut.create.execute({ context: SYSTEM, email: EMAIL, password: 'x'.repeat(SUPER_ADMIN_PASSWORD_MIN_LENGTH) }),
    ).resolves.toMatchObject({ email: EMAIL });
  });

  it('refuses a second account with the same email in another case: SuperAdminAlreadyExistsError', async () => {
    const { sut, admin } = await withAdmin();

    await expect(
      sut.create.execute({ context: SYSTEM, email: 'OPS@example.com', password: 'another long password' }),
    ).rejects.toBeInstanceOf(SuperAdminAlreadyExistsError);

    expect(sut.store.all()).toEqual([admin]);
    expect(sut.auditLog.entriesFor('super_admin.create', 'failure')).toEqual([
      expect.objectContaining({ detail: { code: 'super_admin_exists' } }),
    ]);
  });
});

describe('SeedFirstSuperAdmin', () => {
  it('creates the first super-admin, then skips on every later start', async () => {
    const sut = makeSut();

    await expect(sut.seed.execute({ context: SYSTEM, email: EMAIL, password: PASSWORD })).resolves.toBe('created');
    await expect(sut.seed.execute({ context: SYSTEM, email: EMAIL, password: PASSWORD })).resolves.toBe('skipped');

    expect(sut.store.all()).toHaveLength(1);
    expect(sut.auditLog.entriesFor('super_admin.create')).toHaveLength(1);
  });

  it('never changes an existing password, nor adds an account for a different email', async () => {
    const { sut, admin } = await withAdmin();

    await expect(
      sut.seed.execute({ context: SYSTEM, email: 'new@example.com', password: 'a different long password' }),
    ).resolves.toBe('skipped');
    await expect(sut.seed.execute({ context: SYSTEM, email: EMAIL, password: 'a different long password' })).resolves.toBe(
      'skipped',
    );

    expect(sut.store.all()).toEqual([admin]);
    await expect(sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: PASSWORD })).resolves.toHaveProperty('token');
    await expect(
      sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: 'a different long password' }),
    ).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('reports skipped when another instance seeded between its check and its insert', async () => {
    const store = new InMemorySuperAdminRepository();
    const racing: SuperAdminRepository = {
      findById: (id) => store.findById(id),
      findByEmail: (email) => store.findByEmail(email),
      exists: async () => false,
      add: (superAdmin) => store.add(superAdmin),
    };
    const sut = makeSut({ superAdmins: racing });
    await sut.create.execute({ context: SYSTEM, email: EMAIL, password: PASSWORD });

    await expect(sut.seed.execute({ context: SYSTEM, email: EMAIL, password: PASSWORD })).resolves.toBe('skipped');
    expect(store.all()).toHaveLength(1);
  });

  it('does not swallow other failures, such as a weak configured password', async () => {
    const sut = makeSut();

    await expect(sut.seed.execute({ context: SYSTEM, email: EMAIL, password: 'short' })).rejects.toBeInstanceOf(
      WeakPasswordError,
    );
    expect(await sut.store.exists()).toBe(false);
  });
});

describe('LoginSuperAdmin', () => {
  it('issues a session for the right password that AuthenticateSuperAdmin accepts', async () => {
    const { sut, admin } = await withAdmin();

    const session = await sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: PASSWORD });

    expect(session.expiresAt).toEqual(new Date(sut.clock.now().getTime() + TEST_JWT_SETTINGS.ttlSeconds * 1000));
    await expect(sut.authenticate.execute({ token: session.token, requestId: 'req-auth' })).resolves.toEqual(admin);
  });

  it('matches the email case-insensitively and ignores surrounding spaces', async () => {
    const { sut } = await withAdmin();

    await expect(sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: ' OPS@Example.com ', password: PASSWORD })).resolves.toHaveProperty(
      'token',
    );
  });

  it('writes a success row whose actor is the super-admin who logged in', async () => {
    const { sut, admin } = await withAdmin();

    await sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: PASSWORD });

    const rows = sut.auditLog.entriesFor('super_admin.login');
    expect(rows).toEqual([
      {
        actor: { type: 'super_admin', id: admin.id },
        orgId: null,
        action: 'super_admin.login',
        targetType: 'super_admin',
        targetId: admin.id,
        requestId: 'req-login',
        outcome: 'success',
        detail: {},
        occurredAt: sut.clock.now(),
      },
    ]);
    expect(flatten(rows[0] as AuditEntry)).not.toContain(EMAIL);
  });

  it('refuses a wrong password with InvalidCredentialsError and a wrong_password failure row', async () => {
    const { sut, admin } = await withAdmin();

    const attempt = sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: 'not the password at all' });

    await expect(attempt).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_credentials', kind: 'unauthenticated' });
    const rows = sut.auditLog.entriesFor('super_admin.login');
    expect(rows).toEqual([
      expect.objectContaining({
        actor: { type: 'anonymous' },
        outcome: 'failure',
        targetId: admin.id,
        requestId: 'req-login',
        detail: { reason: 'wrong_password' },
      }),
    ]);
    expect(flatten(rows[0] as AuditEntry)).not.toContain(EMAIL);
  });

  it('refuses an unknown email with the same error and message, but an unknown_account row without the email', async () => {
    const { sut } = await withAdmin();
    const unknownEmail = 'Stranger@Example.com';

    const unknown = await sut.login
      .execute({ context: ANONYMOUS, clientAddress: CLIENT, email: unknownEmail, password: PASSWORD })
      .catch((error: unknown) => error);
    const wrong = await sut.login
      .execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: 'not the password at all' })
      .catch((error: unknown) => error);

    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect((unknown as Error).message).toBe((wrong as Error).message);
    const [unknownRow, wrongRow] = sut.auditLog.entriesFor('super_admin.login', 'failure');
    expect(unknownRow).toMatchObject({ actor: { type: 'anonymous' }, targetId: null, detail: { reason: 'unknown_account' } });
    expect(unknownRow?.detail['reason']).not.toBe(wrongRow?.detail['reason']);
    expect(flatten(unknownRow as AuditEntry)).not.toContain(unknownEmail.toLowerCase());
    expect(flatten(unknownRow as AuditEntry)).not.toContain('stranger');
  });

  it('issues no token and writes no success row on failure', async () => {
    const { sut } = await withAdmin();

    await expect(sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: '' })).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    expect(sut.auditLog.entriesFor('super_admin.login', 'success')).toEqual([]);
  });

  it('throttles the sixth attempt on one account within the window, audits it, and lets the next window try again', async () => {
    const { sut } = await withAdmin();
    const wrong = { context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: 'not the password at all' };
    for (let attempt = 1; attempt <= LOGIN_RULES.perAccount.limit; attempt += 1) {
      await expect(sut.login.execute(wrong)).rejects.toBeInstanceOf(InvalidCredentialsError);
    }

    const throttled = await sut.login.execute({ ...wrong, password: PASSWORD }).catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(RateLimitExceededError);
    expect((throttled as RateLimitExceededError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(sut.auditLog.entriesFor('super_admin.login', 'failure').at(-1)?.detail).toEqual({ reason: 'throttled' });

    sut.clock.advanceSeconds(LOGIN_RULES.perAccount.windowSeconds);
    await expect(sut.login.execute({ ...wrong, password: PASSWORD })).resolves.toHaveProperty('token');
  });

  it('forgets earlier failures of an account once its owner logs in', async () => {
    const { sut } = await withAdmin();
    const wrong = { context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: 'not the password at all' };
    for (let attempt = 1; attempt < LOGIN_RULES.perAccount.limit; attempt += 1) await sut.login.execute(wrong).catch(() => undefined);
    await sut.login.execute({ ...wrong, password: PASSWORD });

    for (let attempt = 1; attempt <= LOGIN_RULES.perAccount.limit; attempt += 1) {
      await expect(sut.login.execute(wrong)).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
  });
});

describe('AuthenticateSuperAdmin', () => {
  it('audits a presented but refused token as a failed authentication, without the token', async () => {
    const { sut } = await withAdmin();

    await expect(sut.authenticate.execute({ token: 'garbage-token', requestId: 'req-bad' })).rejects.toBeInstanceOf(
      AuthenticationRequiredError,
    );
    const [row] = sut.auditLog.entriesFor('auth.credential_rejected', 'failure');
    expect(row).toMatchObject({ requestId: 'req-bad', actor: { type: 'anonymous' }, detail: { reason: 'invalid_or_expired_session', realm: 'super_admin' } });
    expect(JSON.stringify(row)).not.toContain('garbage-token');
  });

  it.each([
    ['null', null],
    ['empty', ''],
  ])('refuses a %s token with AuthenticationRequiredError', async (_label, token) => {
    const { sut } = await withAdmin();

    await expect(sut.authenticate.execute({ token: token, requestId: 'req-auth' })).rejects.toBeInstanceOf(AuthenticationRequiredError);
  });

  it.each([['garbage'], ['a.b.c'], ['eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']])(
    'refuses the non-token %s with AuthenticationRequiredError',
    async (token) => {
      const { sut } = await withAdmin();

      await expect(sut.authenticate.execute({ token: token, requestId: 'req-auth' })).rejects.toMatchObject({
        code: 'authentication_required',
        message: 'Invalid or expired token.',
      });
    },
  );

  it('accepts a token until its ttl runs out, then refuses it', async () => {
    const { sut, admin } = await withAdmin();
    const { token } = await sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: PASSWORD });

    sut.clock.advanceSeconds(TEST_JWT_SETTINGS.ttlSeconds - 1);
    await expect(sut.authenticate.execute({ token: token, requestId: 'req-auth' })).resolves.toEqual(admin);

    sut.clock.advanceSeconds(2);
    await expect(sut.authenticate.execute({ token: token, requestId: 'req-auth' })).rejects.toBeInstanceOf(AuthenticationRequiredError);
  });

  it('refuses a still-valid token once its super-admin has been removed', async () => {
    const { sut, admin } = await withAdmin();
    const { token } = await sut.login.execute({ context: ANONYMOUS, clientAddress: CLIENT, email: EMAIL, password: PASSWORD });

    expect(sut.store.remove(admin.id)).toBe(true);

    await expect(sut.authenticate.execute({ token: token, requestId: 'req-auth' })).rejects.toBeInstanceOf(AuthenticationRequiredError);
  });

  it('refuses a token issued by another deployment (different secret)', async () => {
    const { sut, admin } = await withAdmin();
    const foreign = new JwtSessionTokens({ ...TEST_JWT_SETTINGS, secret: 'x'.repeat(40) }, sut.clock);
    const { token } = await foreign.issueSuperAdminSession(admin.id);

    await expect(sut.authenticate.execute({ token: token, requestId: 'req-auth' })).rejects.toBeInstanceOf(AuthenticationRequiredError);
  });
});
