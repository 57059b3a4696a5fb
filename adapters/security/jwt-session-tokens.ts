import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type {
  IssuedSession,
  SessionTokens,
  SuperAdminSessionClaims,
  TenantSessionClaims,
} from '../../application/identity/session-tokens.port.js';
import type { Clock } from '../../application/shared/clock.port.js';

export interface JwtSettings {
  readonly secret: string;
  readonly issuer: string;
  readonly ttlSeconds: number;
}

/** The `typ` claim separates session kinds: a tenant token can never pass as a super-admin one. */
const SUPER_ADMIN_SESSION = 'super_admin';
const TENANT_SESSION = 'session';
const ALGORITHM = 'HS256';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class JwtSessionTokens implements SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    private readonly settings: JwtSettings,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(settings.secret);
  }

  issueSuperAdminSession(superAdminId: string): Promise<IssuedSession> {
    return this.issue({ typ: SUPER_ADMIN_SESSION }, superAdminId);
  }

  async verifySuperAdminSession(token: string): Promise<SuperAdminSessionClaims | null> {
    const payload = await this.verify(token, SUPER_ADMIN_SESSION);
    return payload?.sub ? { superAdminId: payload.sub } : null;
  }

  issueTenantSession(claims: TenantSessionClaims): Promise<IssuedSession> {
    return this.issue({ typ: TENANT_SESSION, org_id: claims.orgId, accounts: [...claims.provenUserIds] }, claims.userId);
  }

  async verifyTenantSession(token: string): Promise<TenantSessionClaims | null> {
    const payload = await this.verify(token, TENANT_SESSION);
    const orgId = payload?.['org_id'];
    const accounts = payload?.['accounts'];
    if (!payload?.sub || typeof orgId !== 'string' || !UUID.test(orgId) || !UUID.test(payload.sub)) return null;
    const provenUserIds = Array.isArray(accounts) ? accounts.filter((id): id is string => typeof id === 'string' && UUID.test(id)) : [];
    return { userId: payload.sub, orgId, provenUserIds: provenUserIds.includes(payload.sub) ? provenUserIds : [payload.sub, ...provenUserIds] };
  }

  private async issue(claims: JWTPayload, subject: string): Promise<IssuedSession> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(subject)
      .setIssuer(this.settings.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  private async verify(token: string, type: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp'],
      });
      return payload['typ'] === type ? payload : null;
    } catch {
      // Bad signature, expiry, malformed token: all mean "not authenticated", never a 500.
      return null;
    }
  }
}
