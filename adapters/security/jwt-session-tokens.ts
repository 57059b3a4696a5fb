import { SignJWT, jwtVerify } from 'jose';
import type { IssuedSession, SessionTokens, SuperAdminSessionClaims } from '../../application/identity/session-tokens.port.js';
import type { Clock } from '../../application/shared/clock.port.js';

export interface JwtSettings {
  readonly secret: string;
  readonly issuer: string;
  readonly ttlSeconds: number;
}

/** The `typ` claim separates session kinds: a tenant token can never pass as a super-admin one. */
const SUPER_ADMIN_SESSION = 'super_admin';
const ALGORITHM = 'HS256';

export class JwtSessionTokens implements SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    private readonly settings: JwtSettings,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(settings.secret);
  }

  async issueSuperAdminSession(superAdminId: string): Promise<IssuedSession> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const token = await new SignJWT({ typ: SUPER_ADMIN_SESSION })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(superAdminId)
      .setIssuer(this.settings.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verifySuperAdminSession(token: string): Promise<SuperAdminSessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp'],
      });
      if (payload['typ'] !== SUPER_ADMIN_SESSION || !payload.sub) return null;
      return { superAdminId: payload.sub };
    } catch {
      // Bad signature, expiry, malformed token: all mean "not authenticated", never a 500.
      return null;
    }
  }
}
