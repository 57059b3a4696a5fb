import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import { MikroOrmAuditLog } from '../../adapters/persistence/audit/mikro-orm-audit-log.js';
import { MikroOrmSuperAdminRepository } from '../../adapters/persistence/identity/mikro-orm-super-admin.repository.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { MikroOrmOrganizationRepository } from '../../adapters/persistence/tenancy/mikro-orm-organization.repository.js';
import { JwtSessionTokens } from '../../adapters/security/jwt-session-tokens.js';
import { RECOMMENDED_SCRYPT_COST, ScryptPasswordHasher, type ScryptCost } from '../../adapters/security/scrypt-password-hasher.js';
import { RandomUuidGenerator } from '../../adapters/system/random-uuid-generator.js';
import { SystemClock } from '../../adapters/system/system-clock.js';
import type { AuditLog } from '../../application/audit/audit-log.port.js';
import { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import { AuthenticateSuperAdmin } from '../../application/identity/authenticate-super-admin.js';
import { CreateSuperAdmin } from '../../application/identity/create-super-admin.js';
import { LoginSuperAdmin } from '../../application/identity/login-super-admin.js';
import type { PasswordHasher } from '../../application/identity/password-hasher.port.js';
import { SeedFirstSuperAdmin } from '../../application/identity/seed-first-super-admin.js';
import type { SessionTokens } from '../../application/identity/session-tokens.port.js';
import type { SuperAdminRepository } from '../../application/identity/super-admin.repository.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import type { TransactionRunner } from '../../application/shared/transaction-runner.port.js';
import { CreateOrganization } from '../../application/tenancy/create-organization.js';
import { DeleteOrganization } from '../../application/tenancy/delete-organization.js';
import { GetOrganization } from '../../application/tenancy/get-organization.js';
import { ListOrganizations } from '../../application/tenancy/list-organizations.js';
import type { OrganizationRepository } from '../../application/tenancy/organization.repository.js';
import { UpdateOrganization } from '../../application/tenancy/update-organization.js';
import type { Config } from '../config/config.js';
import { TOKENS as T } from './tokens.js';

export interface ContainerOptions {
  /** Tests lower the scrypt cost: the algorithm is the same, only slower to brute-force in production. */
  readonly scryptCost?: ScryptCost;
}

/**
 * The composition root: the only place that knows which adapter implements which port. Domain
 * and application classes stay plain TypeScript; they are constructed here by factories.
 */
export function buildContainer(config: Config, logger: Logger, orm: MikroORM, options: ContainerOptions = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });

  container.bind<Config>(T.Config).toConstantValue(config);
  container.bind<Logger>(T.Logger).toConstantValue(logger);
  container.bind<MikroORM>(T.Orm).toConstantValue(orm);

  // Infrastructure-facing ports.
  container.bind<Clock>(T.Clock).toResolvedValue(() => new SystemClock());
  container.bind<IdGenerator>(T.IdGenerator).toResolvedValue(() => new RandomUuidGenerator());
  container.bind<TransactionRunner>(T.TransactionRunner).toResolvedValue((db: MikroORM) => new MikroOrmTransactionRunner(db), [T.Orm]);
  container
    .bind<AuditLog>(T.AuditLog)
    .toResolvedValue((db: MikroORM, ids: IdGenerator) => new MikroOrmAuditLog(db, ids), [T.Orm, T.IdGenerator]);
  container
    .bind<AuditedTransaction>(T.AuditedTransaction)
    .toResolvedValue(
      (tx: TransactionRunner, audit: AuditLog, clock: Clock) => new AuditedTransaction(tx, audit, clock),
      [T.TransactionRunner, T.AuditLog, T.Clock],
    );
  container
    .bind<PasswordHasher>(T.PasswordHasher)
    .toResolvedValue(() => new ScryptPasswordHasher(options.scryptCost ?? RECOMMENDED_SCRYPT_COST));
  container
    .bind<SessionTokens>(T.SessionTokens)
    .toResolvedValue(
      (clock: Clock) =>
        new JwtSessionTokens(
          { secret: config.auth.jwtSecret, issuer: config.auth.jwtIssuer, ttlSeconds: config.auth.sessionTtlSeconds },
          clock,
        ),
      [T.Clock],
    );

  // Repositories.
  container
    .bind<OrganizationRepository>(T.OrganizationRepository)
    .toResolvedValue((db: MikroORM) => new MikroOrmOrganizationRepository(db), [T.Orm]);
  container
    .bind<SuperAdminRepository>(T.SuperAdminRepository)
    .toResolvedValue((db: MikroORM) => new MikroOrmSuperAdminRepository(db), [T.Orm]);

  // Use cases: tenancy.
  const organizationWriteDeps = [T.OrganizationRepository, T.AuditedTransaction, T.Clock] as const;
  container
    .bind(T.CreateOrganization)
    .toResolvedValue(
      (repo: OrganizationRepository, audited: AuditedTransaction, clock: Clock, ids: IdGenerator) =>
        new CreateOrganization(repo, audited, clock, ids),
      [...organizationWriteDeps, T.IdGenerator],
    );
  container
    .bind(T.UpdateOrganization)
    .toResolvedValue(
      (repo: OrganizationRepository, audited: AuditedTransaction, clock: Clock) => new UpdateOrganization(repo, audited, clock),
      [...organizationWriteDeps],
    );
  container
    .bind(T.DeleteOrganization)
    .toResolvedValue(
      (repo: OrganizationRepository, audited: AuditedTransaction, clock: Clock) => new DeleteOrganization(repo, audited, clock),
      [...organizationWriteDeps],
    );
  container.bind(T.GetOrganization).toResolvedValue((repo: OrganizationRepository) => new GetOrganization(repo), [T.OrganizationRepository]);
  container
    .bind(T.ListOrganizations)
    .toResolvedValue((repo: OrganizationRepository) => new ListOrganizations(repo), [T.OrganizationRepository]);

  // Use cases: identity.
  container
    .bind(T.LoginSuperAdmin)
    .toResolvedValue(
      (repo: SuperAdminRepository, hasher: PasswordHasher, sessions: SessionTokens, audited: AuditedTransaction) =>
        new LoginSuperAdmin(repo, hasher, sessions, audited),
      [T.SuperAdminRepository, T.PasswordHasher, T.SessionTokens, T.AuditedTransaction],
    );
  container
    .bind(T.AuthenticateSuperAdmin)
    .toResolvedValue(
      (sessions: SessionTokens, repo: SuperAdminRepository) => new AuthenticateSuperAdmin(sessions, repo),
      [T.SessionTokens, T.SuperAdminRepository],
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

  return container;
}
