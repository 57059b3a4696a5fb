import { AuthenticationRequiredError } from '../../domain/identity/identity-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { ApiTokenRepository } from '../identity/api-token.repository.js';
import type { ApiTokenSecrets } from '../identity/api-token-secrets.port.js';
import type { SessionTokens } from '../identity/session-tokens.port.js';
import type { Clock } from '../shared/clock.port.js';
import type { TenantAccess } from './tenant-access.js';
import type { TenantAccountReader } from './tenant-account-reader.port.js';

export interface AuthenticateTenantCommand {
  readonly token: string | null;
  readonly requestId: string;
}

/** Why a presented credential was refused; lands in the audit trail, never in the response. */
type RejectionReason = 'invalid_or_expired_session' | 'unknown_token' | 'expired_token' | 'revoked_token' | 'account_gone' | 'not_a_tenant_credential';

interface Rejection {
  readonly reason: RejectionReason;
  readonly orgId?: string;
  readonly targetType?: 'user' | 'api_token';
  readonly targetId?: string;
}

/**
 * Turns a bearer credential — a tenant session or an API token — into the caller it belongs to.
 * The user, organization and company are read from the database on every call, so deleting any
 * of them, or revoking the token, ends access on the next request. Every refused credential is
 * audited; the answer is the same for all of them, so it tells an attacker nothing.
 */
export class AuthenticateTenant {
  constructor(
    private readonly sessions: SessionTokens,
    private readonly apiTokens: ApiTokenRepository,
    private readonly secrets: ApiTokenSecrets,
    private readonly accounts: TenantAccountReader,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: AuthenticateTenantCommand): Promise<TenantAccess> {
    const { token } = command;
    if (!token) throw new AuthenticationRequiredError();
    const outcome = this.secrets.looksLikeApiToken(token) ? await this.byApiToken(token) : await this.bySession(token);
    if ('reason' in outcome) return this.refuse(command.requestId, outcome);
    return outcome;
  }

  private async bySession(token: string): Promise<TenantAccess | Rejection> {
    const claims = await this.sessions.verifyTenantSession(token);
    if (!claims) {
      // A valid super-admin session is refused here like any other non-tenant credential.
      const isSuperAdminSession = (await this.sessions.verifySuperAdminSession(token)) !== null;
      return { reason: isSuperAdminSession ? 'not_a_tenant_credential' : 'invalid_or_expired_session' };
    }
    const account = await this.accounts.findLive(claims.orgId, claims.userId);
    if (!account) return { reason: 'account_gone', orgId: claims.orgId, targetType: 'user', targetId: claims.userId };
    return { ...account, authMethod: 'session', apiTokenId: null, provenUserIds: claims.provenUserIds };
  }

  private async byApiToken(raw: string): Promise<TenantAccess | Rejection> {
    const apiToken = await this.apiTokens.findByHash(this.secrets.hashOf(raw));
    if (!apiToken) return { reason: 'unknown_token' };
    const now = this.clock.now();
    const target = { orgId: apiToken.orgId, targetType: 'api_token', targetId: apiToken.id } as const;
    const rejection = apiToken.rejectionAt(now);
    if (rejection) return { reason: rejection === 'expired' ? 'expired_token' : 'revoked_token', ...target };
    const account = await this.accounts.findLive(apiToken.orgId, apiToken.userId);
    if (!account) return { reason: 'account_gone', ...target };
    await this.apiTokens.recordUse(apiToken.id, now);
    return { ...account, authMethod: 'api_token', apiTokenId: apiToken.id, provenUserIds: [] };
  }

  private async refuse(requestId: string, rejection: Rejection): Promise<never> {
    await this.audited.record(
      {
        context: { actor: { type: 'anonymous' }, requestId },
        action: 'auth.credential_rejected',
        targetType: rejection.targetType ?? 'credential',
        targetId: rejection.targetId ?? null,
        orgId: rejection.orgId ?? null,
      },
      'failure',
      { reason: rejection.reason, realm: 'tenant' },
    );
    throw new AuthenticationRequiredError('Invalid or expired token.');
  }
}
