export interface IssuedSession {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface SuperAdminSessionClaims {
  readonly superAdminId: string;
}

export interface TenantSessionClaims {
  readonly userId: string;
  readonly orgId: string;
  /** Accounts the originating login proved (the same email and password), this one included. */
  readonly provenUserIds: readonly string[];
}

/**
 * Signed, expiring session tokens. Super-admin and tenant sessions are types of their own: one
 * never verifies as the other.
 */
export interface SessionTokens {
  issueSuperAdminSession(superAdminId: string): Promise<IssuedSession>;
  /** Null for anything that is not a valid, unexpired super-admin session. */
  verifySuperAdminSession(token: string): Promise<SuperAdminSessionClaims | null>;
  issueTenantSession(claims: TenantSessionClaims): Promise<IssuedSession>;
  /** Null for anything that is not a valid, unexpired tenant session. */
  verifyTenantSession(token: string): Promise<TenantSessionClaims | null>;
}
