import { createHash } from 'node:crypto';
import { SignJWT, decodeJwt, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { JwtSessionTokens } from '../../../adapters/security/jwt-session-tokens.js';
import { Sha256ApiTokenSecrets } from '../../../adapters/security/sha256-api-token-secrets.js';
import { FixedClock, TEST_JWT_SETTINGS } from '../../support/fakes/index.js';

const USER_ID = '00000000-0000-4000-8000-000000000011';
const ORG_ID = '00000000-0000-4000-8000-000000000022';
const OTHER_USER_ID = '00000000-0000-4000-8000-000000000033';
const THIRD_USER_ID = '00000000-0000-4000-8000-000000000044';

function makeSut() {
  const clock = new FixedClock(new Date('2025-06-01T12:00:00.000Z'));
  return { clock, tokens: new JwtSessionTokens(TEST_JWT_SETTINGS, clock) };
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A correctly signed token with whatever claims the test wants, as an attacker holding no secret could not make. */
async function signed(clock: FixedClock, claims: JWTPayload, subject: string | undefined, secret = TEST_JWT_SETTINGS.secret): Promise<string> {
  const now = Math.floor(clock.now().getTime() / 1000);
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(TEST_JWT_SETTINGS.issuer).setIssuedAt(now).setExpirationTime(now + 60);
  if (subject !== undefined) jwt = jwt.setSubject(subject);
  return jwt.sign(new TextEncoder().encode(secret));
}

describe('JwtSessionTokens: tenant sessions', () => {
  it('round-trips user, organization and proven accounts, expiring after the ttl', async () => {
    const { clock, tokens } = makeSut();

    const session = await tokens.issueTenantSession({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID, OTHER_USER_ID] });

    expect(session.expiresAt).toEqual(new Date(clock.now().getTime() + TEST_JWT_SETTINGS.ttlSeconds * 1000));
    await expect(tokens.verifyTenantSession(session.token)).resolves.toEqual({
      userId: USER_ID,
      orgId: ORG_ID,
      provenUserIds: [USER_ID, OTHER_USER_ID],
    });
    expect(decodeJwt(session.token)).toMatchObject({
      sub: USER_ID,
      org_id: ORG_ID,
      typ: 'session',
      iss: TEST_JWT_SETTINGS.issuer,
      accounts: [USER_ID, OTHER_USER_ID],
    });
  });

  it('keeps the order of proven accounts when the subject is not first', async () => {
    const { tokens } = makeSut();
    const { token } = await tokens.issueTenantSession({ userId: OTHER_USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID, OTHER_USER_ID, THIRD_USER_ID] });

    await expect(tokens.verifyTenantSession(token)).resolves.toMatchObject({ provenUserIds: [USER_ID, OTHER_USER_ID, THIRD_USER_ID] });
  });

  it('always includes the subject among the proven accounts, even when the issuer left it out', async () => {
    const { tokens } = makeSut();

    const { token } = await tokens.issueTenantSession({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [OTHER_USER_ID] });
    const empty = await tokens.issueTenantSession({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [] });

    await expect(tokens.verifyTenantSession(token)).resolves.toEqual({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID, OTHER_USER_ID] });
    await expect(tokens.verifyTenantSession(empty.token)).resolves.toEqual({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID] });
  });

  it('drops proven-account entries that are not uuids, and tolerates a missing or non-array accounts claim', async () => {
    const { clock, tokens } = makeSut();
    const junk = await signed(clock, { typ: 'session', org_id: ORG_ID, accounts: ['nope', 42, null, OTHER_USER_ID] }, USER_ID);
    const missing = await signed(clock, { typ: 'session', org_id: ORG_ID }, USER_ID);
    const notArray = await signed(clock, { typ: 'session', org_id: ORG_ID, accounts: OTHER_USER_ID }, USER_ID);

    await expect(tokens.verifyTenantSession(junk)).resolves.toEqual({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID, OTHER_USER_ID] });
    await expect(tokens.verifyTenantSession(missing)).resolves.toEqual({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID] });
    await expect(tokens.verifyTenantSession(notArray)).resolves.toEqual({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID] });
  });

  it('refuses the token from the moment it expires', async () => {
    const { clock, tokens } = makeSut();
    const { token } = await tokens.issueTenantSession({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID] });

    clock.advanceSeconds(TEST_JWT_SETTINGS.ttlSeconds - 1);
    await expect(tokens.verifyTenantSession(token)).resolves.not.toBeNull();
    clock.advanceSeconds(1);
    await expect(tokens.verifyTenantSession(token)).resolves.toBeNull();
  });

  it('refuses a tenant session signed with another secret, or by another issuer', async () => {
    const { clock, tokens } = makeSut();
    const otherSecret = new JwtSessionTokens({ ...TEST_JWT_SETTINGS, secret: 'another-secret-of-sufficient-length!!' }, clock);
    const otherIssuer = new JwtSessionTokens({ ...TEST_JWT_SETTINGS, issuer: 'someone-else' }, clock);
    const claims = { userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID] };

    await expect(tokens.verifyTenantSession((await otherSecret.issueTenantSession(claims)).token)).resolves.toBeNull();
    await expect(tokens.verifyTenantSession((await otherIssuer.issueTenantSession(claims)).token)).resolves.toBeNull();
  });

  it.each([
    ['org_id', { org_id: OTHER_USER_ID }],
    ['sub', { sub: OTHER_USER_ID }],
    ['accounts', { accounts: [USER_ID, THIRD_USER_ID] }],
    ['exp', { exp: 4_102_444_800 }],
    ['typ', { typ: 'super_admin' }],
  ])('refuses a token whose %s claim was tampered with', async (_claim, change) => {
    const { tokens } = makeSut();
    const { token } = await tokens.issueTenantSession({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID] });
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64urlJson({ ...decodeJwt(token), ...change })}.${signature}`;

    await expect(tokens.verifyTenantSession(forged)).resolves.toBeNull();
    await expect(tokens.verifySuperAdminSession(forged)).resolves.toBeNull();
  });

  it.each([
    ['a non-uuid sub', { typ: 'session', org_id: ORG_ID }, 'not-a-uuid'],
    ['a non-uuid org_id', { typ: 'session', org_id: 'acme' }, USER_ID],
    ['a numeric org_id', { typ: 'session', org_id: 42 }, USER_ID],
    ['no org_id', { typ: 'session' }, USER_ID],
    ['no sub', { typ: 'session', org_id: ORG_ID }, undefined],
    ['an empty sub', { typ: 'session', org_id: ORG_ID }, ''],
    ['a uuid with trailing junk', { typ: 'session', org_id: `${ORG_ID}x` }, USER_ID],
  ] as [string, JWTPayload, string | undefined][])('refuses a correctly signed session with %s', async (_label, claims, subject) => {
    const { clock, tokens } = makeSut();

    await expect(tokens.verifyTenantSession(await signed(clock, claims, subject))).resolves.toBeNull();
  });

  it('refuses an unsigned (alg: none) tenant session', async () => {
    const { clock, tokens } = makeSut();
    const now = clock.now().getTime() / 1000;
    const unsigned = `${base64urlJson({ alg: 'none' })}.${base64urlJson({
      sub: USER_ID,
      org_id: ORG_ID,
      typ: 'session',
      iss: TEST_JWT_SETTINGS.issuer,
      iat: now,
      exp: now + 60,
    })}.`;

    await expect(tokens.verifyTenantSession(unsigned)).resolves.toBeNull();
  });

  it.each([[''], ['garbage'], ['a.b.c'], ['oex_' + 'A'.repeat(43)]])('answers null, never throws, for %j', async (token) => {
    const { tokens } = makeSut();

    await expect(tokens.verifyTenantSession(token)).resolves.toBeNull();
  });
});

describe('JwtSessionTokens: the two session kinds never cross', () => {
  it('a super-admin session never verifies as a tenant session', async () => {
    const { tokens } = makeSut();
    // A uuid subject, so only the type can tell the kinds apart.
    const { token } = await tokens.issueSuperAdminSession(USER_ID);

    await expect(tokens.verifySuperAdminSession(token)).resolves.toEqual({ superAdminId: USER_ID });
    await expect(tokens.verifyTenantSession(token)).resolves.toBeNull();
  });

  it('a super-admin-typed token carrying tenant claims still never verifies as a tenant session', async () => {
    const { clock, tokens } = makeSut();
    const token = await signed(clock, { typ: 'super_admin', org_id: ORG_ID, accounts: [USER_ID] }, USER_ID);

    await expect(tokens.verifyTenantSession(token)).resolves.toBeNull();
  });

  it('a tenant session never verifies as a super-admin session', async () => {
    const { tokens } = makeSut();
    const { token } = await tokens.issueTenantSession({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID] });

    await expect(tokens.verifyTenantSession(token)).resolves.not.toBeNull();
    await expect(tokens.verifySuperAdminSession(token)).resolves.toBeNull();
  });

  it('a token without typ is neither kind', async () => {
    const { clock, tokens } = makeSut();
    const token = await signed(clock, { org_id: ORG_ID }, USER_ID);

    await expect(tokens.verifyTenantSession(token)).resolves.toBeNull();
    await expect(tokens.verifySuperAdminSession(token)).resolves.toBeNull();
  });
});

describe('Sha256ApiTokenSecrets', () => {
  const secrets = new Sha256ApiTokenSecrets();

  it('generates oex_ followed by 43 base64url characters (256 random bits)', () => {
    const { raw } = secrets.generate();

    expect(raw).toMatch(/^oex_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(raw.slice(4), 'base64url')).toHaveLength(32);
  });

  it('hashes to the lowercase sha256 hex of the raw value, never containing it', () => {
    const { raw, hash } = secrets.generate();

    expect(hash).toBe(createHash('sha256').update(raw, 'utf8').digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(raw.slice(4));
    expect(secrets.hashOf(raw)).toBe(hash);
  });

  it('hashOf is the sha256 hex of any string (known vector)', () => {
    expect(secrets.hashOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(secrets.hashOf('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('recognises every token it generates', () => {
    for (let index = 0; index < 50; index += 1) expect(secrets.looksLikeApiToken(secrets.generate().raw)).toBe(true);
  });

  it('does not take a JWT for an API token', async () => {
    const { tokens } = makeSut();
    const tenant = await tokens.issueTenantSession({ userId: USER_ID, orgId: ORG_ID, provenUserIds: [USER_ID] });
    const admin = await tokens.issueSuperAdminSession(USER_ID);

    expect(secrets.looksLikeApiToken(tenant.token)).toBe(false);
    expect(secrets.looksLikeApiToken(admin.token)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'garbage'],
    ['prefix only', 'oex_'],
    ['one char short', 'oex_' + 'A'.repeat(42)],
    ['one char long', 'oex_' + 'A'.repeat(44)],
    ['wrong prefix', 'oex-' + 'A'.repeat(43)],
    ['upper-case prefix', 'OEX_' + 'A'.repeat(43)],
    ['standard base64 characters', 'oex_' + '+'.repeat(43)],
    ['padding', 'oex_' + 'A'.repeat(42) + '='],
    ['trailing newline', 'oex_' + 'A'.repeat(43) + '\n'],
    ['leading space', ' oex_' + 'A'.repeat(43)],
    ['a sha256 hash', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ])('does not take %s for an API token', (_label, raw) => {
    expect(secrets.looksLikeApiToken(raw)).toBe(false);
  });

  it('generates 1,000 distinct tokens with 1,000 distinct hashes', () => {
    const generated = Array.from({ length: 1000 }, () => secrets.generate());

    expect(new Set(generated.map((token) => token.raw)).size).toBe(1000);
    expect(new Set(generated.map((token) => token.hash)).size).toBe(1000);
  });
});
