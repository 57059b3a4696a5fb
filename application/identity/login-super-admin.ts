import { InvalidCredentialsError } from '../../domain/identity/identity-errors.js';
import { normaliseEmail } from '../../domain/identity/super-admin.js';
import type { LoginThrottle } from '../access/login-throttle.js';
import { RateLimitExceededError } from '../access/rate-limit-exceeded-error.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { RequestContext } from '../shared/request-context.js';
import type { PasswordHasher } from './password-hasher.port.js';
import type { IssuedSession, SessionTokens } from './session-tokens.port.js';
import type { SuperAdminRepository } from './super-admin.repository.js';

export interface LoginSuperAdminCommand {
  readonly context: RequestContext;
  readonly email: string;
  readonly password: string;
  readonly clientAddress: string;
}

export class LoginSuperAdmin {
  /** Verifying against a throwaway hash keeps unknown-account answers as slow as wrong passwords. */
  private timingDecoyHash: Promise<string> | undefined;

  constructor(
    private readonly superAdmins: SuperAdminRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionTokens,
    private readonly audited: AuditedTransaction,
    private readonly throttle: LoginThrottle,
  ) {}

  async execute(command: LoginSuperAdminCommand): Promise<IssuedSession> {
    const email = normaliseEmail(command.email);
    const attempt = { realm: 'super_admin', email, clientAddress: command.clientAddress } as const;
    try {
      await this.throttle.admit(attempt);
    } catch (error) {
      if (error instanceof RateLimitExceededError) {
        const action = { context: command.context, action: 'super_admin.login', targetType: 'super_admin', targetId: null, orgId: null };
        await this.audited.record(action, 'failure', { reason: 'throttled' });
      }
      throw error;
    }
    const superAdmin = await this.superAdmins.findByEmail(email);
    const passwordMatches = superAdmin
      ? await this.passwords.verify(command.password, superAdmin.passwordHash)
      : await this.verifyAgainstDecoy(command.password);

    const action = {
      context: command.context,
      action: 'super_admin.login',
      targetType: 'super_admin',
      targetId: superAdmin?.id ?? null,
      orgId: null,
    };
    if (!superAdmin || !passwordMatches) {
      await this.audited.record(action, 'failure', { reason: superAdmin ? 'wrong_password' : 'unknown_account' });
      throw new InvalidCredentialsError();
    }
    const session = await this.sessions.issueSuperAdminSession(superAdmin.id);
    await this.throttle.succeeded(attempt);
    await this.audited.record({ ...action, context: { ...command.context, actor: { type: 'super_admin', id: superAdmin.id } } }, 'success');
    return session;
  }

  private async verifyAgainstDecoy(password: string): Promise<false> {
    this.timingDecoyHash ??= this.passwords.hash('timing-decoy-password');
    await this.passwords.verify(password, await this.timingDecoyHash);
    return false;
  }
}
