import type { Container } from 'inversify';
import type { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { EntitlementRepository } from '../../application/entitlements/entitlement.repository.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import { CreateOrganization } from '../../application/tenancy/create-organization.js';
import { DeleteOrganization } from '../../application/tenancy/delete-organization.js';
import { GetOrganization } from '../../application/tenancy/get-organization.js';
import { ListOrganizations } from '../../application/tenancy/list-organizations.js';
import type { OrganizationRepository } from '../../application/tenancy/organization.repository.js';
import { UpdateOrganization } from '../../application/tenancy/update-organization.js';
import { CreateUser } from '../../application/identity/create-user.js';
import { DeleteUser } from '../../application/identity/delete-user.js';
import { GetUser } from '../../application/identity/get-user.js';
import { ListUsers } from '../../application/identity/list-users.js';
import type { PasswordHasher } from '../../application/identity/password-hasher.port.js';
import { UpdateUser } from '../../application/identity/update-user.js';
import type { UserRepository } from '../../application/identity/user.repository.js';
import type { CompanyRepository } from '../../application/tenancy/company.repository.js';
import { CreateCompany } from '../../application/tenancy/create-company.js';
import { DeleteCompany } from '../../application/tenancy/delete-company.js';
import { GetCompany } from '../../application/tenancy/get-company.js';
import { ListCompanies } from '../../application/tenancy/list-companies.js';
import { TransitionOrganization } from '../../application/tenancy/transition-organization.js';
import { UpdateCompany } from '../../application/tenancy/update-company.js';
import { TOKENS as T } from './tokens.js';

/** Use cases of the tenant model: organizations, their lifecycle, companies and users. */
export function bindTenancyUseCases(container: Container): void {
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
  container
    .bind(T.TransitionOrganization)
    .toResolvedValue(
      (repo: OrganizationRepository, audited: AuditedTransaction, clock: Clock) => new TransitionOrganization(repo, audited, clock),
      [...organizationWriteDeps],
    );

  bindCompanyUseCases(container);
  bindUserUseCases(container);
}

function bindCompanyUseCases(container: Container): void {
  container
    .bind(T.CreateCompany)
    .toResolvedValue(
      (organizations: OrganizationRepository, companies: CompanyRepository, audited: AuditedTransaction, clock: Clock, ids: IdGenerator) =>
        new CreateCompany(organizations, companies, audited, clock, ids),
      [T.OrganizationRepository, T.CompanyRepository, T.AuditedTransaction, T.Clock, T.IdGenerator],
    );
  container
    .bind(T.ListCompanies)
    .toResolvedValue(
      (organizations: OrganizationRepository, companies: CompanyRepository) => new ListCompanies(organizations, companies),
      [T.OrganizationRepository, T.CompanyRepository],
    );
  container.bind(T.GetCompany).toResolvedValue((companies: CompanyRepository) => new GetCompany(companies), [T.CompanyRepository]);
  container
    .bind(T.UpdateCompany)
    .toResolvedValue(
      (companies: CompanyRepository, audited: AuditedTransaction, clock: Clock) => new UpdateCompany(companies, audited, clock),
      [T.CompanyRepository, T.AuditedTransaction, T.Clock],
    );
  container
    .bind(T.DeleteCompany)
    .toResolvedValue(
      (companies: CompanyRepository, users: UserRepository, entitlements: EntitlementRepository, audited: AuditedTransaction, clock: Clock) =>
        new DeleteCompany(companies, users, entitlements, audited, clock),
      [T.CompanyRepository, T.UserRepository, T.EntitlementRepository, T.AuditedTransaction, T.Clock],
    );
}

function bindUserUseCases(container: Container): void {
  container
    .bind(T.CreateUser)
    .toResolvedValue(
      (
        organizations: OrganizationRepository,
        companies: CompanyRepository,
        users: UserRepository,
        hasher: PasswordHasher,
        audited: AuditedTransaction,
        clock: Clock,
        ids: IdGenerator,
      ) => new CreateUser(organizations, companies, users, hasher, audited, clock, ids),
      [T.OrganizationRepository, T.CompanyRepository, T.UserRepository, T.PasswordHasher, T.AuditedTransaction, T.Clock, T.IdGenerator],
    );
  container
    .bind(T.ListUsers)
    .toResolvedValue(
      (organizations: OrganizationRepository, companies: CompanyRepository, users: UserRepository) => new ListUsers(organizations, companies, users),
      [T.OrganizationRepository, T.CompanyRepository, T.UserRepository],
    );
  container.bind(T.GetUser).toResolvedValue((users: UserRepository) => new GetUser(users), [T.UserRepository]);
  container
    .bind(T.UpdateUser)
    .toResolvedValue(
      (companies: CompanyRepository, users: UserRepository, hasher: PasswordHasher, audited: AuditedTransaction, clock: Clock) =>
        new UpdateUser(companies, users, hasher, audited, clock),
      [T.CompanyRepository, T.UserRepository, T.PasswordHasher, T.AuditedTransaction, T.Clock],
    );
  container
    .bind(T.DeleteUser)
    .toResolvedValue(
      (organizations: OrganizationRepository, users: UserRepository, audited: AuditedTransaction, clock: Clock) =>
        new DeleteUser(organizations, users, audited, clock),
      [T.OrganizationRepository, T.UserRepository, T.AuditedTransaction, T.Clock],
    );
}
