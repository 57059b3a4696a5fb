import type { Container } from 'inversify';
import { ApiThrottle } from '../../application/access/api-throttle.js';
import { AuthenticateTenant } from '../../application/access/authenticate-tenant.js';
import { LoginThrottle } from '../../application/access/login-throttle.js';
import type { RateLimiter } from '../../application/access/rate-limiter.port.js';
import type { TenantAccountReader } from '../../application/access/tenant-account-reader.port.js';
import type { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { AuditTrail } from '../../application/audit/audit-trail.port.js';
import { ListAuditEvents } from '../../application/audit/list-audit-events.js';
import type { ApiTokenRepository } from '../../application/identity/api-token.repository.js';
import type { ApiTokenSecrets } from '../../application/identity/api-token-secrets.port.js';
import { AuthenticateSuperAdmin } from '../../application/identity/authenticate-super-admin.js';
import { CreateSuperAdmin } from '../../application/identity/create-super-admin.js';
import { IssueApiToken } from '../../application/identity/issue-api-token.js';
import { LoginSuperAdmin } from '../../application/identity/login-super-admin.js';
import { LoginUser } from '../../application/identity/login-user.js';
import { ListApiTokens, RevokeApiToken } from '../../application/identity/manage-api-tokens.js';
import type { PasswordHasher } from '../../application/identity/password-hasher.port.js';
import { SeedFirstSuperAdmin } from '../../application/identity/seed-first-super-admin.js';
import type { SessionTokens } from '../../application/identity/session-tokens.port.js';
import type { SuperAdminRepository } from '../../application/identity/super-admin.repository.js';
import { ListSwitchableOrganizations, SwitchOrganization } from '../../application/identity/switch-organization.js';
import type { UserRepository } from '../../application/identity/user.repository.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import type { OrganizationRepository } from '../../application/tenancy/organization.repository.js';
import type { Config } from '../config/config.js';
import { TOKENS as T } from './tokens.js';

/** Use cases of identity and access: logins, authentication, throttles, API tokens, the audit trail. */
export function bindIdentityUseCases(container: Container, config: Config): void {
  container
    .bind(T.LoginThrottle)
    .toResolvedValue(
      (limiter: RateLimiter, clock: Clock) =>
        new LoginThrottle(limiter, clock, { perAccount: config.rateLimits.loginPerAccount, perAddress: config.rateLimits.loginPerAddress }),
      [T.RateLimiter, T.Clock],
    );
  container
    .bind(T.ApiThrottle)
    .toResolvedValue((limiter: RateLimiter, clock: Clock) => new ApiThrottle(limiter, clock, config.rateLimits.api), [T.RateLimiter, T.Clock]);

  // Super-admins.
  container
    .bind(T.LoginSuperAdmin)
    .toResolvedValue(
      (repo: SuperAdminRepository, hasher: PasswordHasher, sessions: SessionTokens, audited: AuditedTransaction, throttle: LoginThrottle) =>
        new LoginSuperAdmin(repo, hasher, sessions, audited, throttle),
      [T.SuperAdminRepository, T.PasswordHasher, T.SessionTokens, T.AuditedTransaction, T.LoginThrottle],
    );
  container
    .bind(T.AuthenticateSuperAdmin)
    .toResolvedValue(
      (sessions: SessionTokens, repo: SuperAdminRepository, audited: AuditedTransaction) => new AuthenticateSuperAdmin(sessions, repo, audited),
      [T.SessionTokens, T.SuperAdminRepository, T.AuditedTransaction],
    );
  container
    .bind(T.CreateSuperAdmin)
    .toResolvedValue(
      (repo: SuperAdminRepository, hasher: PasswordHasher, audited: AuditedTransaction, clock: Clock, ids: IdGenerator) =>
        new CreateSuperAdmin(repo, hasher, audited, clock, ids),
      [T.SuperAdminRepository, T.PasswordHasher, T.AuditedTransaction, T.Clock, T.IdGenerator],
    );
  container
    .bind(T.SeedFirstSuperAdmin)
    .toResolvedValue(
      (repo: SuperAdminRepository, create: CreateSuperAdmin) => new SeedFirstSuperAdmin(repo, create),
      [T.SuperAdminRepository, T.CreateSuperAdmin],
    );

  // Tenant users.
  container
    .bind(T.LoginUser)
    .toResolvedValue(
      (
        users: UserRepository,
        organizations: OrganizationRepository,
        hasher: PasswordHasher,
        sessions: SessionTokens,
        throttle: LoginThrottle,
        audited: AuditedTransaction,
      ) => new LoginUser(users, organizations, hasher, sessions, throttle, audited),
      [T.UserRepository, T.OrganizationRepository, T.PasswordHasher, T.SessionTokens, T.LoginThrottle, T.AuditedTransaction],
    );
  container
    .bind(T.AuthenticateTenant)
    .toResolvedValue(
      (
        sessions: SessionTokens,
        apiTokens: ApiTokenRepository,
        secrets: ApiTokenSecrets,
        accounts: TenantAccountReader,
        audited: AuditedTransaction,
        clock: Clock,
      ) => new AuthenticateTenant(sessions, apiTokens, secrets, accounts, audited, clock),
      [T.SessionTokens, T.ApiTokenRepository, T.ApiTokenSecrets, T.TenantAccountReader, T.AuditedTransaction, T.Clock],
    );
  container
    .bind(T.ListSwitchableOrganizations)
    .toResolvedValue(
      (users: UserRepository, organizations: OrganizationRepository) => new ListSwitchableOrganizations(users, organizations),
      [T.UserRepository, T.OrganizationRepository],
    );
  container
    .bind(T.SwitchOrganization)
    .toResolvedValue(
      (switchable: ListSwitchableOrganizations, sessions: SessionTokens, audited: AuditedTransaction) =>
        new SwitchOrganization(switchable, sessions, audited),
      [T.ListSwitchableOrganizations, T.SessionTokens, T.AuditedTransaction],
    );

  // API tokens (super-admin managed).
  container
    .bind(T.IssueApiToken)
    .toResolvedValue(
      (
        organizations: OrganizationRepository,
        users: UserRepository,
        apiTokens: ApiTokenRepository,
        secrets: ApiTokenSecrets,
        audited: AuditedTransaction,
        clock: Clock,
        ids: IdGenerator,
      ) => new IssueApiToken(organizations, users, apiTokens, secrets, audited, clock, ids),
      [T.OrganizationRepository, T.UserRepository, T.ApiTokenRepository, T.ApiTokenSecrets, T.AuditedTransaction, T.Clock, T.IdGenerator],
    );
  container
    .bind(T.ListApiTokens)
    .toResolvedValue(
      (organizations: OrganizationRepository, apiTokens: ApiTokenRepository) => new ListApiTokens(organizations, apiTokens),
      [T.OrganizationRepository, T.ApiTokenRepository],
    );
  container
    .bind(T.RevokeApiToken)
    .toResolvedValue(
      (apiTokens: ApiTokenRepository, audited: AuditedTransaction, clock: Clock) => new RevokeApiToken(apiTokens, audited, clock),
      [T.ApiTokenRepository, T.AuditedTransaction, T.Clock],
    );

  container.bind(T.ListAuditEvents).toResolvedValue((trail: AuditTrail) => new ListAuditEvents(trail), [T.AuditTrail]);
}
