import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Container } from 'inversify';
import type { Logger } from 'pino';
import { MikroOrmTenantAccountReader } from '../../adapters/persistence/access/mikro-orm-tenant-account-reader.js';
import { PostgresRateLimiter } from '../../adapters/persistence/access/postgres-rate-limiter.js';
import { MikroOrmAuditLog } from '../../adapters/persistence/audit/mikro-orm-audit-log.js';
import { MikroOrmAuditTrail } from '../../adapters/persistence/audit/mikro-orm-audit-trail.js';
import { MemoizedCatalogueRepository } from '../../adapters/persistence/entitlements/memoized-catalogue.repository.js';
import { MikroOrmCatalogueRepository } from '../../adapters/persistence/entitlements/mikro-orm-catalogue.repository.js';
import { MikroOrmEntitlementRepository } from '../../adapters/persistence/entitlements/mikro-orm-entitlement.repository.js';
import { MikroOrmProviderCredentialStore } from '../../adapters/persistence/entitlements/mikro-orm-provider-credential-store.js';
import { MikroOrmApiTokenRepository } from '../../adapters/persistence/identity/mikro-orm-api-token.repository.js';
import { MikroOrmUserRepository } from '../../adapters/persistence/identity/mikro-orm-user.repository.js';
import { MikroOrmCompanyRepository } from '../../adapters/persistence/tenancy/mikro-orm-company.repository.js';
import { MikroOrmSuperAdminRepository } from '../../adapters/persistence/identity/mikro-orm-super-admin.repository.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { MikroOrmOrganizationRepository } from '../../adapters/persistence/tenancy/mikro-orm-organization.repository.js';
import { AesGcmCredentialCipher } from '../../adapters/security/aes-gcm-credential-cipher.js';
import { JwtSessionTokens } from '../../adapters/security/jwt-session-tokens.js';
import { Sha256ApiTokenSecrets } from '../../adapters/security/sha256-api-token-secrets.js';
import { RECOMMENDED_SCRYPT_COST, ScryptPasswordHasher, type ScryptCost } from '../../adapters/security/scrypt-password-hasher.js';
import { RandomUuidGenerator } from '../../adapters/system/random-uuid-generator.js';
import { SystemClock } from '../../adapters/system/system-clock.js';
import type { RateLimiter } from '../../application/access/rate-limiter.port.js';
import type { TenantAccountReader } from '../../application/access/tenant-account-reader.port.js';
import type { AuditLog } from '../../application/audit/audit-log.port.js';
import type { AuditTrail } from '../../application/audit/audit-trail.port.js';
import type { CatalogueRepository } from '../../application/entitlements/catalogue.repository.js';
import type { CredentialCipher } from '../../application/entitlements/credential-cipher.port.js';
import type { EntitlementRepository } from '../../application/entitlements/entitlement.repository.js';
import type { ProviderCredentialStore } from '../../application/entitlements/provider-credential-store.port.js';
import type { ApiTokenRepository } from '../../application/identity/api-token.repository.js';
import type { ApiTokenSecrets } from '../../application/identity/api-token-secrets.port.js';
import type { UserRepository } from '../../application/identity/user.repository.js';
import type { CompanyRepository } from '../../application/tenancy/company.repository.js';
import { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { PasswordHasher } from '../../application/identity/password-hasher.port.js';
import type { SessionTokens } from '../../application/identity/session-tokens.port.js';
import type { SuperAdminRepository } from '../../application/identity/super-admin.repository.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import type { TransactionRunner } from '../../application/shared/transaction-runner.port.js';
import type { OrganizationRepository } from '../../application/tenancy/organization.repository.js';
import type { Config } from '../config/config.js';
import { bindAnalyticsUseCases } from './analytics-use-cases.js';
import { bindEntitlementUseCases } from './entitlement-use-cases.js';
import { bindIdentityUseCases } from './identity-use-cases.js';
import { bindJobs } from './job-bindings.js';
import { bindCampaignUseCases } from './campaign-use-cases.js';
import { bindLeadUseCases } from './lead-use-cases.js';
import { bindWebhookUseCases } from './webhook-use-cases.js';
import { bindMessageUseCases } from './message-use-cases.js';
import { bindOutreachUseCases } from './outreach-use-cases.js';
import { bindProviderAdapters } from './provider-adapters.js';
import { bindSequenceUseCases } from './sequence-use-cases.js';
import { bindTenancyUseCases } from './tenancy-use-cases.js';
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

  container.bind<ApiTokenSecrets>(T.ApiTokenSecrets).toResolvedValue(() => new Sha256ApiTokenSecrets());
  container.bind<CredentialCipher>(T.CredentialCipher).toResolvedValue(() => new AesGcmCredentialCipher(config.credentialKeys));

  // Repositories.
  container
    .bind<OrganizationRepository>(T.OrganizationRepository)
    .toResolvedValue((db: MikroORM) => new MikroOrmOrganizationRepository(db), [T.Orm]);
  container
    .bind<SuperAdminRepository>(T.SuperAdminRepository)
    .toResolvedValue((db: MikroORM) => new MikroOrmSuperAdminRepository(db), [T.Orm]);
  container.bind<CompanyRepository>(T.CompanyRepository).toResolvedValue((db: MikroORM) => new MikroOrmCompanyRepository(db), [T.Orm]);
  container.bind<UserRepository>(T.UserRepository).toResolvedValue((db: MikroORM) => new MikroOrmUserRepository(db), [T.Orm]);
  container.bind<ApiTokenRepository>(T.ApiTokenRepository).toResolvedValue((db: MikroORM) => new MikroOrmApiTokenRepository(db), [T.Orm]);
  container
    .bind<TenantAccountReader>(T.TenantAccountReader)
    .toResolvedValue((db: MikroORM) => new MikroOrmTenantAccountReader(db), [T.Orm]);
  container.bind<RateLimiter>(T.RateLimiter).toResolvedValue((db: MikroORM) => new PostgresRateLimiter(db), [T.Orm]);
  container.bind<AuditTrail>(T.AuditTrail).toResolvedValue((db: MikroORM) => new MikroOrmAuditTrail(db), [T.Orm]);
  container
    .bind<CatalogueRepository>(T.CatalogueRepository)
    .toResolvedValue((db: MikroORM) => new MemoizedCatalogueRepository(new MikroOrmCatalogueRepository(db)), [T.Orm]);
  container
    .bind<EntitlementRepository>(T.EntitlementRepository)
    .toResolvedValue((db: MikroORM) => new MikroOrmEntitlementRepository(db), [T.Orm]);
  container
    .bind<ProviderCredentialStore>(T.ProviderCredentialStore)
    .toResolvedValue(
      (db: MikroORM, cipher: CredentialCipher, ids: IdGenerator) => new MikroOrmProviderCredentialStore(db, cipher, ids),
      [T.Orm, T.CredentialCipher, T.IdGenerator],
    );

  bindJobs(container, config);

  bindTenancyUseCases(container);

  bindEntitlementUseCases(container);

  bindProviderAdapters(container, config.providers);
  bindOutreachUseCases(container);
  bindCampaignUseCases(container);
  bindSequenceUseCases(container);
  bindLeadUseCases(container);
  bindWebhookUseCases(container, config);
  bindMessageUseCases(container);
  bindAnalyticsUseCases(container);

  bindIdentityUseCases(container, config);

  return container;
}
