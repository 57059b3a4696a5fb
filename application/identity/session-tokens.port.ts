export interface IssuedSession {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface SuperAdminSessionClaims {
  readonly superAdminId: string;
}

/** Signed, expiring session tokens. Super-admin sessions are a type of their own. */
export interface SessionTokens {
  issueSuperAdminSession(superAdminId: string): Promise<IssuedSession>;
  /** Null for anything that is not a valid, unexpired super-admin session. */
  verifySuperAdminSession(token: string): Promise<SuperAdminSessionClaims | null>;
}
