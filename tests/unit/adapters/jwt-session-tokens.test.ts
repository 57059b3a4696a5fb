import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { JwtSessionTokens } from '../../../adapters/security/jwt-session-tokens.js';
import { FixedClock, TEST_JWT_SETTINGS } from '../../support/fakes/index.js';

const ADMIN_ID = '0000aaaa-0000-4000-8000-000000000001';

function makeSut() {
  const clock = new FixedClock(new Date('2025-06-01T12:00:00.000Z'));
  return { clock, tokens: new JwtSessionTokens(TEST_JWT_SETTINGS, clock) };
}

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('JwtSessionTokens', () => {
  it('issues a token that verifies to its super-admin, expiring after the ttl', async () => {
    const { clock, tokens } = makeSut();

    const session = await tokens.issueSuperAdminSession(ADMIN_ID);

    expect(session.expiresAt).toEqual(new Date(clock.now().getTime() + TEST_JWT_SETTINGS.ttlSeconds * 1000));
    await expect(tokens.verifySuperAdminSession(session.token)).resolves.toEqual({ superAdminId: ADMIN_ID });
    expect(decodeJwt(session.token)).toMatchObject({
      sub: ADMIN_ID,
      iss: TEST_JWT_SETTINGS.issuer,
      typ: 'super_admin',
      iat: clock.now().getTime() / 1000,
      exp: clock.now().getTime() / 1000 + TEST_JWT_SETTINGS.ttlSeconds,
    });
  });

  it('refuses the token from the moment it expires', async () => {
    const { clock, tokens } = makeSut();
    const { token } = await tokens.issueSuperAdminSession(ADMIN_ID);

    clock.advanceSeconds(TEST_JWT_SETTINGS.ttlSeconds - 1);
    await expect(tokens.verifySuperAdminSession(token)).resolves.not.toBeNull();
    clock.advanceSeconds(1);
    await expect(tokens.verifySuperAdminSession(token)).resolves.toBeNull();
  });

  it('refuses a token signed with another secret', async () => {
    const { clock, tokens } = makeSut();
    const other = new JwtSessionTokens({ ...TEST_JWT_SETTINGS, secret: 'another-secret-of-sufficient-length!!' }, clock);

    await expect(tokens.verifySuperAdminSession((await other.issueSuperAdminSession(ADMIN_ID)).token)).resolves.toBeNull();
  });

  it('refuses a token from another issuer, even with the same secret', async () => {
    const { clock, tokens } = makeSut();
    const other = new JwtSessionTokens({ ...TEST_JWT_SETTINGS, issuer: 'someone-else' }, clock);

    await expect(tokens.verifySuperAdminSession((await other.issueSuperAdminSession(ADMIN_ID)).token)).resolves.toBeNull();
  });

  it('refuses a token whose payload was tampered with (signature no longer matches)', async () => {
    const { tokens } = makeSut();
    const { token } = await tokens.issueSuperAdminSession(ADMIN_ID);
    const [header, , signature] = token.split('.');
    const forged = { ...decodeJwt(token), sub: 'ffffffff-ffff-4fff-8fff-ffffffffffff' };

    await expect(tokens.verifySuperAdminSession(`${header}.${base64urlJson(forged)}.${signature}`)).resolves.toBeNull();
  });

  it('refuses an unsigned (alg: none) token', async () => {
    const { clock, tokens } = makeSut();
    const now = clock.now().getTime() / 1000;
    const unsigned = `${base64urlJson({ alg: 'none' })}.${base64urlJson({
      sub: ADMIN_ID,
      iss: TEST_JWT_SETTINGS.issuer,
      typ: 'super_admin',
      iat: now,
      exp: now + 60,
    })}.`;

    await expect(tokens.verifySuperAdminSession(unsigned)).resolves.toBeNull();
  });

  it('refuses a correctly signed token of another session type', async () => {
    const { clock, tokens } = makeSut();
    const now = clock.now().getTime() / 1000;
    const tenantToken = await new SignJWT({ typ: 'tenant_user' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ADMIN_ID)
      .setIssuer(TEST_JWT_SETTINGS.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode(TEST_JWT_SETTINGS.secret));

    await expect(tokens.verifySuperAdminSession(tenantToken)).resolves.toBeNull();
  });

  it('refuses a correctly signed token without an expiry', async () => {
    const { tokens } = makeSut();
    const eternal = await new SignJWT({ typ: 'super_admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ADMIN_ID)
      .setIssuer(TEST_JWT_SETTINGS.issuer)
      .sign(new TextEncoder().encode(TEST_JWT_SETTINGS.secret));

    await expect(tokens.verifySuperAdminSession(eternal)).resolves.toBeNull();
  });

  it.each([[''], ['garbage'], ['a.b.c'], ['...']])('answers null, never throws, for %j', async (token) => {
    const { tokens } = makeSut();

    await expect(tokens.verifySuperAdminSession(token)).resolves.toBeNull();
  });
});
