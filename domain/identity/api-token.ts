import { ApiTokenExpiryInPastError } from './api-token-errors.js';

export const API_TOKEN_NAME_MAX_LENGTH = 100;

/** Why a presented API token does not authenticate; recorded in the audit trail. */
export type ApiTokenRejection = 'expired' | 'revoked';

/**
 * A long-lived credential a super-admin issues for one user. Only the SHA-256 hash of the raw
 * value is kept; the raw value exists once, in the response that created it.
 */
export class ApiToken {
  constructor(
    readonly id: string,
    readonly orgId: string,
    readonly userId: string,
    readonly tokenHash: string,
    readonly name: string | null,
    readonly expiresAt: Date | null,
    public lastUsedAt: Date | null,
    public revokedAt: Date | null,
    readonly createdAt: Date,
  ) {}

  static issue(props: {
    id: string;
    orgId: string;
    userId: string;
    tokenHash: string;
    name?: string | null | undefined;
    expiresAt?: Date | null | undefined;
    now: Date;
  }): ApiToken {
    const expiresAt = props.expiresAt ?? null;
    if (expiresAt !== null && expiresAt.getTime() <= props.now.getTime()) throw new ApiTokenExpiryInPastError();
    const name = props.name?.trim() || null;
    return new ApiToken(props.id, props.orgId, props.userId, props.tokenHash, name, expiresAt, null, null, props.now);
  }

  /** Null when the token may authenticate at `now`; otherwise why not. */
  rejectionAt(now: Date): ApiTokenRejection | null {
    if (this.revokedAt !== null) return 'revoked';
    if (this.expiresAt !== null && this.expiresAt.getTime() <= now.getTime()) return 'expired';
    return null;
  }

  /** Revoking twice keeps the first moment: the trail shows when access really ended. */
  revoke(now: Date): boolean {
    if (this.revokedAt !== null) return false;
    this.revokedAt = now;
    return true;
  }
}
