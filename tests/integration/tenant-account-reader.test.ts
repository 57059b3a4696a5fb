import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmTenantAccountReader } from '../../adapters/persistence/access/mikro-orm-tenant-account-reader.js';
import { MikroOrmUserRepository } from '../../adapters/persistence/identity/mikro-orm-user.repository.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { MikroOrmCompanyRepository } from '../../adapters/persistence/tenancy/mikro-orm-company.repository.js';
import { MikroOrmOrganizationRepository } from '../../adapters/persistence/tenancy/mikro-orm-organization.repository.js';
import type { Company } from '../../domain/tenancy/company.js';
import type { Organization } from '../../domain/tenancy/organization.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

let orm: MikroORM;
let reader: MikroOrmTenantAccountReader;
let users: MikroOrmUserRepository;
let companies: MikroOrmCompanyRepository;
let organizations: MikroOrmOrganizationRepository;
let transactions: MikroOrmTransactionRunner;
let seed: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  reader = new MikroOrmTenantAccountReader(orm);
  users = new MikroOrmUserRepository(orm);
  companies = new MikroOrmCompanyRepository(orm);
  organizations = new MikroOrmOrganizationRepository(orm);
  transactions = new MikroOrmTransactionRunner(orm);
  seed = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

interface Tenant {
  readonly organization: Organization;
  readonly company: Company;
}

/** An organization with one company. */
async function newTenant(): Promise<Tenant> {
  const organization = await seed.organization();
  const company = await seed.company(organization.id);
  return { organization, company };
}

describe('MikroOrmTenantAccountReader', () => {
  it('reads an org admin with the live organization status', async () => {
    const { organization } = await newTenant();
    const admin = await seed.user(organization.id, { role: 'org_admin' });
    expect(await reader.findLive(organization.id, admin.id)).toEqual({
      userId: admin.id,
      orgId: organization.id,
      companyId: null,
      role: 'org_admin',
      organizationStatus: 'onboarding',
    });
  });

  it('reads a company user with its company, and follows role and status changes at once', async () => {
    const { organization, company } = await newTenant();
    const member = await seed.user(organization.id, { role: 'company_member', companyId: company.id });
    expect(await reader.findLive(organization.id, member.id)).toEqual({
      userId: member.id,
      orgId: organization.id,
      companyId: company.id,
      role: 'company_member',
      organizationStatus: 'onboarding',
    });
    await transactions.run(async () => {
      const loadedOrganization = await organizations.findById(organization.id);
      loadedOrganization!.transition('activate', new Date());
      await organizations.save(loadedOrganization!);
      const loadedUser = await users.findById(organization.id, member.id);
      loadedUser!.update({ role: 'company_admin' }, new Date());
      await users.save(loadedUser!);
    });
    expect(await reader.findLive(organization.id, member.id)).toMatchObject({ role: 'company_admin', organizationStatus: 'active' });
  });

  it("answers null for another organization's id and for an unknown user", async () => {
    const { organization } = await newTenant();
    const stranger = await newTenant();
    const admin = await seed.user(organization.id, { role: 'org_admin' });
    expect(await reader.findLive(stranger.organization.id, admin.id)).toBeNull();
    expect(await reader.findLive(organization.id, randomUUID())).toBeNull();
  });

  it('answers null once the user is deleted', async () => {
    const { organization } = await newTenant();
    const admin = await seed.user(organization.id, { role: 'org_admin' });
    await transactions.run(async () => {
      const loaded = await users.findById(organization.id, admin.id);
      loaded!.softDelete(new Date());
      await users.save(loaded!);
    });
    expect(await reader.findLive(organization.id, admin.id)).toBeNull();
  });

  it('answers null once the organization is deleted, for org admins and company users alike', async () => {
    const { organization, company } = await newTenant();
    const admin = await seed.user(organization.id, { role: 'org_admin' });
    const member = await seed.user(organization.id, { role: 'company_member', companyId: company.id });
    await transactions.run(async () => {
      const loaded = await organizations.findById(organization.id);
      loaded!.softDelete(new Date());
      await organizations.save(loaded!);
    });
    expect(await reader.findLive(organization.id, admin.id)).toBeNull();
    expect(await reader.findLive(organization.id, member.id)).toBeNull();
  });

  it("answers null once the user's company is deleted, leaving the org admin in", async () => {
    const { organization, company } = await newTenant();
    const admin = await seed.user(organization.id, { role: 'org_admin' });
    const member = await seed.user(organization.id, { role: 'company_admin', companyId: company.id });
    await transactions.run(async () => {
      const loaded = await companies.findById(organization.id, company.id);
      loaded!.softDelete(new Date());
      await companies.save(loaded!);
    });
    expect(await reader.findLive(organization.id, member.id)).toBeNull();
    expect(await reader.findLive(organization.id, admin.id)).toMatchObject({ userId: admin.id, companyId: null });
  });
});
