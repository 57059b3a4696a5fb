import type { Role } from '../../domain/access/role.js';
import { InvalidCredentialsError } from '../../domain/identity/identity-errors.js';
import { normaliseEmail } from '../../domain/identity/super-admin.js';
import type { User } from '../../domain/identity/user.js';
import type { LoginThrottle } from '../access/login-throttle.js';
import { RateLimitExceededError } from '../access/rate-limit-exceeded-error.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import type { PasswordHasher } from './password-hasher.port.js';
import type { IssuedSession, SessionTokens } from './session-tokens.port.js';
import type { UserRepository } from './user.repository.js';

export interface LoginUserCommand {
  readonly context: RequestContext;
  readonly email: string;
  readonly password: string;
  readonly clientAddress: string;
}

/** One organization a session may act in, as login and /api/auth/orgs present it. */
export interface OrganizationChoice {
  readonly orgId: string;
  readonly userId: string;
  readonly name: string;
  readonly slug: string;
  readonly role: Role;
}

export interface TenantSession {
  readonly session: IssuedSession;
  readonly current: OrganizationChoice;
  /** Every organization the credentials opened, the current one included. */
  readonly choices: readonly OrganizationChoice[];
}

/**
 * Tenant login. One email may have accounts in several organizations, each with its own
 * password; the session opens the oldest account the password matches and remembers all the
 * matches, so the caller can switch between them without logging in again. Attempts are
 * throttled per account and per client address before any password is checked.
 */
export class LoginUser {
  /** Verifying against a throwaway hash keeps unknown-account answers as slow as wrong passwords. */
  private timingDecoyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionTokens,
    private readonly throttle: LoginThrottle,
    private readonly audited: AuditedTransaction,
  ) {}

  async execute(command: LoginUserCommand): Promise<TenantSession> {
    const email = normaliseEmail(command.email);
    const attempt = { realm: 'tenant', email, clientAddress: command.clientAddress } as const;
    const failure = { context: command.context, action: 'user.login', targetType: 'user', targetId: null, orgId: null };
    try {
      await this.throttle.admit(attempt);
    } catch (error) {
      if (error instanceof RateLimitExceededError) await this.audited.record(failure, 'failure', { reason: 'throttled' });
      throw error;
    }

    const candidates = await this.users.findLoginCandidates(email);
    const matches = await this.accountsOpenedBy(command.password, candidates);
    if (matches.length === 0) {
      await this.audited.record(failure, 'failure', { reason: candidates.length ? 'wrong_password' : 'unknown_account' });
      throw new InvalidCredentialsError();
    }

    const choices = await choicesFor(matches, this.organizations);
    const current = choices[0];
    if (!current) {
      // Every matching organization was deleted between the two reads.
      await this.audited.record(failure, 'failure', { reason: 'unknown_account' });
      throw new InvalidCredentialsError();
    }
    const session = await this.sessions.issueTenantSession({
      userId: current.userId,
      orgId: current.orgId,
      provenUserIds: choices.map((choice) => choice.userId),
    });
    await this.throttle.succeeded(attempt);
    await this.audited.record(
      { ...failure, context: { ...command.context, actor: { type: 'user', id: current.userId } }, targetId: current.userId, orgId: current.orgId },
      'success',
      { organizations: choices.length },
    );
    return { session, current, choices };
  }

  private async accountsOpenedBy(password: string, candidates: readonly User[]): Promise<User[]> {
    if (candidates.length === 0) {
      this.timingDecoyHash ??= this.passwords.hash('timing-decoy-password');
      await this.passwords.verify(password, await this.timingDecoyHash);
      return [];
    }
    const verdicts = await Promise.all(candidates.map((user) => this.passwords.verify(password, user.passwordHash)));
    return candidates.filter((_, index) => verdicts[index]);
  }
}

/** The organizations of the given accounts, in the accounts' order; gone organizations drop out. */
export async function choicesFor(accounts: readonly User[], organizations: OrganizationRepository): Promise<OrganizationChoice[]> {
  const found = await Promise.all(accounts.map((user) => organizations.findById(user.orgId)));
  return accounts.flatMap((user, index) => {
    const organization = found[index];
    return organization ? [{ orgId: organization.id, userId: user.id, name: organization.name, slug: organization.slug, role: user.role }] : [];
  });
}
