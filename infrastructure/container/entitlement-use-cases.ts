import type { Container } from 'inversify';
import type { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { CatalogueRepository } from '../../application/entitlements/catalogue.repository.js';
import { CreateEntitlement } from '../../application/entitlements/create-entitlement.js';
import { DeleteEntitlement } from '../../application/entitlements/delete-entitlement.js';
import type { EntitlementRepository } from '../../application/entitlements/entitlement.repository.js';
import { GetEntitlement } from '../../application/entitlements/get-entitlement.js';
import { ListCapabilities } from '../../application/entitlements/list-capabilities.js';
import { ListEntitlements } from '../../application/entitlements/list-entitlements.js';
import { ListProviders } from '../../application/entitlements/list-providers.js';
import type { ProviderCredentialStore } from '../../application/entitlements/provider-credential-store.port.js';
import { ResealProviderCredentials } from '../../application/entitlements/reseal-provider-credentials.js';
import { SetProviderCredentials } from '../../application/entitlements/set-provider-credentials.js';
import { UpdateEntitlement } from '../../application/entitlements/update-entitlement.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import type { CompanyRepository } from '../../application/tenancy/company.repository.js';
import type { OrganizationRepository } from '../../application/tenancy/organization.repository.js';
import { TOKENS as T } from './tokens.js';

/** Use cases of the capability catalogue, company entitlements and provider credentials. */
export function bindEntitlementUseCases(container: Container): void {
  container.bind(T.ListCapabilities).toResolvedValue((catalogue: CatalogueRepository) => new ListCapabilities(catalogue), [T.CatalogueRepository]);
  container.bind(T.ListProviders).toResolvedValue((catalogue: CatalogueRepository) => new ListProviders(catalogue), [T.CatalogueRepository]);

  container
    .bind(T.CreateEntitlement)
    .toResolvedValue(
      (
        companies: CompanyRepository,
        catalogue: CatalogueRepository,
        entitlements: EntitlementRepository,
        credentials: ProviderCredentialStore,
        audited: AuditedTransaction,
        clock: Clock,
        ids: IdGenerator,
      ) => new CreateEntitlement(companies, catalogue, entitlements, credentials, audited, clock, ids),
      [T.CompanyRepository, T.CatalogueRepository, T.EntitlementRepository, T.ProviderCredentialStore, T.AuditedTransaction, T.Clock, T.IdGenerator],
    );
  container
    .bind(T.ListEntitlements)
    .toResolvedValue(
      (companies: CompanyRepository, entitlements: EntitlementRepository) => new ListEntitlements(companies, entitlements),
      [T.CompanyRepository, T.EntitlementRepository],
    );
  container
    .bind(T.GetEntitlement)
    .toResolvedValue((entitlements: EntitlementRepository) => new GetEntitlement(entitlements), [T.EntitlementRepository]);
  container
    .bind(T.UpdateEntitlement)
    .toResolvedValue(
      (entitlements: EntitlementRepository, audited: AuditedTransaction, clock: Clock) => new UpdateEntitlement(entitlements, audited, clock),
      [T.EntitlementRepository, T.AuditedTransaction, T.Clock],
    );
  container
    .bind(T.DeleteEntitlement)
    .toResolvedValue(
      (entitlements: EntitlementRepository, audited: AuditedTransaction, clock: Clock) => new DeleteEntitlement(entitlements, audited, clock),
      [T.EntitlementRepository, T.AuditedTransaction, T.Clock],
    );

  container
    .bind(T.SetProviderCredentials)
    .toResolvedValue(
      (
        organizations: OrganizationRepository,
        catalogue: CatalogueRepository,
        credentials: ProviderCredentialStore,
        audited: AuditedTransaction,
        clock: Clock,
      ) => new SetProviderCredentials(organizations, catalogue, credentials, audited, clock),
      [T.OrganizationRepository, T.CatalogueRepository, T.ProviderCredentialStore, T.AuditedTransaction, T.Clock],
    );
  container
    .bind(T.ResealProviderCredentials)
    .toResolvedValue(
      (credentials: ProviderCredentialStore, audited: AuditedTransaction, clock: Clock) => new ResealProviderCredentials(credentials, audited, clock),
      [T.ProviderCredentialStore, T.AuditedTransaction, T.Clock],
    );
}
