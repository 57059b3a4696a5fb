import { ScryptPasswordHasher } from '../../../adapters/security/scrypt-password-hasher.js';
import { AuditedTransaction } from '../../../application/audit/audited-transaction.js';
import { CreateUser } from '../../../application/identity/create-user.js';
import { DeleteUser } from '../../../application/identity/delete-user.js';
import { GetUser } from '../../../application/identity/get-user.js';
import { ListUsers } from '../../../application/identity/list-users.js';
import { UpdateUser } from '../../../application/identity/update-user.js';
import type { RequestContext } from '../../../application/shared/request-context.js';
import { CreateCompany } from '../../../application/tenancy/create-company.js';
import { CreateOrganization } from '../../../application/tenancy/create-organization.js';
import { DeleteCompany } from '../../../application/tenancy/delete-company.js';
import { DeleteOrganization } from '../../../application/tenancy/delete-organization.js';
import { GetCompany } from '../../../application/tenancy/get-company.js';
import { ListCompanies } from '../../../application/tenancy/list-companies.js';
import { TransitionOrganization } from '../../../application/tenancy/transition-organization.js';
import { UpdateCompany } from '../../../application/tenancy/update-company.js';
import type { RoleInput } from '../../../domain/access/role.js';
import type { User } from '../../../domain/identity/user.js';
import type { Company } from '../../../domain/tenancy/company.js';
import {
  FAST_SCRYPT_COST,
  FixedClock,
  ImmediateTransactionRunner,
  InMemoryAuditLog,
  InMemoryCompanyRepository,
  InMemoryEntitlementRepository,
  InMemoryOrganizationRepository,
  InMemoryUserRepository,
  SequentialIdGenerator,
} from '../../support/fakes/index.js';

export const SUPER_ADMIN: RequestContext = { actor: { type: 'super_admin', id: '0000aaaa-0000-4000-8000-000000000001' }, requestId: 'req-sa' };
export const UNKNOWN_ID = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
export const PASSWORD = 'a-password-long-enough';

export function asUser(userId: string, requestId = 'req-user'): RequestContext {
  return { actor: { type: 'user', id: userId }, requestId };
}

/**
 * Every tenancy use case wired to in-memory stores that one runner rolls back together, the way
 * the composition root wires them to one database transaction.
 */
export function makeTenancySut() {
  const clock = new FixedClock();
  const ids = new SequentialIdGenerator();
  const organizations = new InMemoryOrganizationRepository();
  const companies = new InMemoryCompanyRepository();
  const users = new InMemoryUserRepository(organizations, companies);
  const entitlements = new InMemoryEntitlementRepository(companies);
  const auditLog = new InMemoryAuditLog();
  const transactions = new ImmediateTransactionRunner(organizations, companies, users, entitlements, auditLog);
  const audited = new AuditedTransaction(transactions, auditLog, clock);
  const passwords = new ScryptPasswordHasher(FAST_SCRYPT_COST);
  const sut = {
    clock,
    ids,
    organizations,
    companies,
    users,
    entitlements,
    auditLog,
    audited,
    transactions,
    passwords,
    createOrganization: new CreateOrganization(organizations, audited, clock, ids),
    deleteOrganization: new DeleteOrganization(organizations, audited, clock),
    transitionOrganization: new TransitionOrganization(organizations, audited, clock),
    createCompany: new CreateCompany(organizations, companies, audited, clock, ids),
    listCompanies: new ListCompanies(organizations, companies),
    getCompany: new GetCompany(companies),
    updateCompany: new UpdateCompany(companies, audited, clock),
    deleteCompany: new DeleteCompany(companies, users, entitlements, audited, clock),
    createUser: new CreateUser(organizations, companies, users, passwords, audited, clock, ids),
    listUsers: new ListUsers(organizations, companies, users),
    getUser: new GetUser(users),
    updateUser: new UpdateUser(companies, users, passwords, audited, clock),
    deleteUser: new DeleteUser(organizations, users, audited, clock),
  };
  return {
    ...sut,
    async organization(slug = `org-${ids.all.length + 1}`, name = `Org ${slug}`): Promise<string> {
      return (await sut.createOrganization.execute({ context: SUPER_ADMIN, name, slug })).id;
    },
    company(orgId: string, name = `Company ${ids.all.length + 1}`): Promise<Company> {
      return sut.createCompany.execute({ context: SUPER_ADMIN, orgId, name });
    },
    user(orgId: string, options: { role?: RoleInput; companyId?: string | null; email?: string } = {}): Promise<User> {
      return sut.createUser.execute({
        context: SUPER_ADMIN,
        orgId,
        email: options.email ?? `user-${ids.all.length + 1}@example.test`,
        password: PASSWORD,
        role: options.role ?? 'org_admin',
        companyId: options.companyId,
      });
    },
  };
}

export type TenancySut = ReturnType<typeof makeTenancySut>;
