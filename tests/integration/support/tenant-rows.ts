// Tenant rows for integration tests: organizations, companies and users inserted
// through the real MikroORM repositories, each with a unique slug, name or email
// because test files share their worker's database.
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { MikroOrmUserRepository } from '../../../adapters/persistence/identity/mikro-orm-user.repository.js';
import { MikroOrmTransactionRunner } from '../../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { MikroOrmCompanyRepository } from '../../../adapters/persistence/tenancy/mikro-orm-company.repository.js';
import { MikroOrmOrganizationRepository } from '../../../adapters/persistence/tenancy/mikro-orm-organization.repository.js';
import type { Role } from '../../../domain/access/role.js';
import { User } from '../../../domain/identity/user.js';
import { Company } from '../../../domain/tenancy/company.js';
import { Organization } from '../../../domain/tenancy/organization.js';

export interface OrganizationRowOptions {
  readonly name?: string;
  readonly slug?: string;
  readonly createdAt?: Date;
}

export interface CompanyRowOptions {
  readonly name?: string;
  readonly domain?: string | null;
  readonly createdAt?: Date;
}

export interface UserRowOptions {
  /** Null (the default) makes an organization-level user. */
  readonly companyId?: string | null;
  /** Defaults to org_admin without a company and company_member with one. */
  readonly role?: Role;
  readonly email?: string;
  readonly passwordHash?: string;
  readonly nameFirst?: string | null;
  readonly nameLast?: string | null;
  readonly createdAt?: Date;
}

export interface TenantRows {
  organization(options?: OrganizationRowOptions): Promise<Organization>;
  company(orgId: string, options?: CompanyRowOptions): Promise<Company>;
  user(orgId: string, options?: UserRowOptions): Promise<User>;
}

function shortId(length = 8): string {
  return randomUUID().replaceAll('-', '').slice(0, length);
}

/** A unique address per call. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${shortId(12)}@example.test`;
}

/** A user that is not stored yet, for tests that add it themselves. */
export function userDraft(orgId: string, options: UserRowOptions = {}): User {
  const companyId = options.companyId ?? null;
  return User.register({
    id: randomUUID(),
    orgId,
    companyId,
    email: options.email ?? uniqueEmail(),
    passwordHash: options.passwordHash ?? 'scrypt$not-a-real-hash',
    nameFirst: options.nameFirst === undefined ? 'Ada' : options.nameFirst,
    nameLast: options.nameLast === undefined ? 'Lovelace' : options.nameLast,
    role: options.role ?? (companyId === null ? 'org_admin' : 'company_member'),
    now: options.createdAt ?? new Date(),
  });
}

/** Inserts tenant rows through the repositories, one transaction per row, and answers the stored domain objects. */
export function tenantRows(orm: MikroORM): TenantRows {
  const transactions = new MikroOrmTransactionRunner(orm);
  const organizations = new MikroOrmOrganizationRepository(orm);
  const companies = new MikroOrmCompanyRepository(orm);
  const users = new MikroOrmUserRepository(orm);

  return {
    async organization(options = {}) {
      const suffix = shortId();
      const organization = Organization.register({
        id: randomUUID(),
        name: options.name ?? `Organization ${suffix}`,
        slug: options.slug ?? `org-${suffix}`,
        now: options.createdAt ?? new Date(),
      });
      await transactions.run(() => organizations.add(organization));
      return organization;
    },

    async company(orgId, options = {}) {
      const company = Company.register({
        id: randomUUID(),
        orgId,
        name: options.name ?? `Company ${shortId()}`,
        domain: options.domain ?? null,
        now: options.createdAt ?? new Date(),
      });
      await transactions.run(() => companies.add(company));
      return company;
    },

    async user(orgId, options = {}) {
      const user = userDraft(orgId, options);
      await transactions.run(() => users.add(user));
      return user;
    },
  };
}
