import { AuthenticationRequiredError } from '../../domain/identity/identity-errors.js';
import type { SuperAdmin } from '../../domain/identity/super-admin.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { SessionTokens } from './session-tokens.port.js';
import type { SuperAdminRepository } from './super-admin.repository.js';

export interface AuthenticateSuperAdminCommand {
  readonly token: string | null;
  readonly requestId: string;
}

/**
 * Turns a bearer token into the super-admin it belongs to. The account is read from the database
 * on every call, so a removed super-admin loses access at once, whatever its token says. A
 * presented but refused token is audited; a missing one is simply unauthenticated.
 */
export class AuthenticateSuperAdmin {
  constructor(
    private readonly sessions: SessionTokens,
    private readonly superAdmins: SuperAdminRepository,
    private readonly audited: AuditedTransaction,
  ) {}

  async execute(command: AuthenticateSuperAdminCommand): Promise<SuperAdmin> {
    if (!command.token) throw new AuthenticationRequiredError();
    const claims = await this.sessions.verifySuperAdminSession(command.token);
    const superAdmin = claims ? await this.superAdmins.findById(claims.superAdminId) : null;
    if (superAdmin) return superAdmin;
    await this.audited.record(
      {
        context: { actor: { type: 'anonymous' }, requestId: command.requestId },
        action: 'auth.credential_rejected',
        targetType: claims ? 'super_admin' : 'credential',
        targetId: claims?.superAdminId ?? null,
        orgId: null,
      },
      'failure',
      { reason: claims ? 'account_gone' : 'invalid_or_expired_session', realm: 'super_admin' },
    );
    throw new AuthenticationRequiredError('Invalid or expired token.');
  }
}
