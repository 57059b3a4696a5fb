import type { Container } from 'inversify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PostgresSenderAccountRepository } from '../../adapters/persistence/outreach/postgres-sender-account.repository.js';
import type { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { CatalogueRepository } from '../../application/entitlements/catalogue.repository.js';
import type { EntitlementRepository } from '../../application/entitlements/entitlement.repository.js';
import type { ProviderCredentialStore } from '../../application/entitlements/provider-credential-store.port.js';
import { CapabilityConnections } from '../../application/outreach/capability-connections.js';
import { ListInboxes } from '../../application/outreach/list-inboxes.js';
import { ListLinkedInAccounts } from '../../application/outreach/list-linkedin-accounts.js';
import type { ProviderRegistry } from '../../application/outreach/provider-registry.js';
import type { SenderAccountRepository } from '../../application/outreach/sender-account.repository.js';
import { GetProvisioningStatus } from '../../application/provisioning/get-provisioning-status.js';
import { ProvisionCapability } from '../../application/provisioning/provision-capability.js';
import { SyncSenderAccounts } from '../../application/provisioning/sync-sender-accounts.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import type { CompanyRepository } from '../../application/tenancy/company.repository.js';
import { TOKENS as T } from './tokens.js';

/** Reaching providers for a company, provisioning, and the synced sender accounts. */
export function bindOutreachUseCases(container: Container): void {
  container
    .bind<SenderAccountRepository>(T.SenderAccountRepository)
    .toResolvedValue((db: MikroORM) => new PostgresSenderAccountRepository(db), [T.Orm]);
  container
    .bind<CapabilityConnections>(T.CapabilityConnections)
    .toResolvedValue(
      (entitlements: EntitlementRepository, catalogue: CatalogueRepository, credentials: ProviderCredentialStore, registry: ProviderRegistry) =>
        new CapabilityConnections(entitlements, catalogue, credentials, registry),
      [T.EntitlementRepository, T.CatalogueRepository, T.ProviderCredentialStore, T.ProviderRegistry],
    );
  container
    .bind(T.ProvisionCapability)
    .toResolvedValue(
      (
        companies: CompanyRepository,
        entitlements: EntitlementRepository,
        catalogue: CatalogueRepository,
        connections: CapabilityConnections,
        registry: ProviderRegistry,
        audited: AuditedTransaction,
        ids: IdGenerator,
        clock: Clock,
      ) => new ProvisionCapability(companies, entitlements, catalogue, connections, registry, audited, ids, clock),
      [T.CompanyRepository, T.EntitlementRepository, T.CatalogueRepository, T.CapabilityConnections, T.ProviderRegistry, T.AuditedTransaction, T.IdGenerator, T.Clock],
    );
  container
    .bind(T.GetProvisioningStatus)
    .toResolvedValue(
      (companies: CompanyRepository, entitlements: EntitlementRepository, connections: CapabilityConnections) =>
        new GetProvisioningStatus(companies, entitlements, connections),
      [T.CompanyRepository, T.EntitlementRepository, T.CapabilityConnections],
    );
  container
    .bind(T.SyncSenderAccounts)
    .toResolvedValue(
      (
        companies: CompanyRepository,
        entitlements: EntitlementRepository,
        connections: CapabilityConnections,
        registry: ProviderRegistry,
        accounts: SenderAccountRepository,
        audited: AuditedTransaction,
        clock: Clock,
      ) => new SyncSenderAccounts(companies, entitlements, connections, registry, accounts, audited, clock),
      [T.CompanyRepository, T.EntitlementRepository, T.CapabilityConnections, T.ProviderRegistry, T.SenderAccountRepository, T.AuditedTransaction, T.Clock],
    );
  container
    .bind(T.ListInboxes)
    .toResolvedValue((companies: CompanyRepository, accounts: SenderAccountRepository) => new ListInboxes(companies, accounts), [T.CompanyRepository, T.SenderAccountRepository]);
  container
    .bind(T.ListLinkedInAccounts)
    .toResolvedValue(
      (companies: CompanyRepository, accounts: SenderAccountRepository) => new ListLinkedInAccounts(companies, accounts),
      [T.CompanyRepository, T.SenderAccountRepository],
    );
}
