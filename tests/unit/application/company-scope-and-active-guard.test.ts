import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requireActiveOrganization } from '../../../application/tenancy/require-active-organization.js';
import { resolveCompanyForWrite, resolveCompanyReadScope } from '../../../application/tenancy/resolve-company-scope.js';
import { AllCompaniesNotAllowedError, CompanyScopeRequiredError } from '../../../domain/access/access-errors.js';
import { Company } from '../../../domain/tenancy/company.js';
import { CompanyNotFoundError } from '../../../domain/tenancy/company-errors.js';
import { OrganizationNotActiveError, OrganizationNotFoundError } from '../../../domain/tenancy/organization-errors.js';
import { Organization } from '../../../domain/tenancy/organization.js';
import { InMemoryCompanyRepository, InMemoryOrganizationRepository } from '../../support/fakes/index.js';

const NOW = new Date('2026-11-21T12:00:00Z');

async function world() {
  const organizations = new InMemoryOrganizationRepository();
  const companies = new InMemoryCompanyRepository();
  const organization = Organization.register({ id: randomUUID(), name: 'Acme', slug: 'acme', now: NOW });
  const other = Organization.register({ id: randomUUID(), name: 'Other', slug: 'other', now: NOW });
  await organizations.add(organization);
  await organizations.add(other);
  const own = Company.register({ id: randomUUID(), orgId: organization.id, name: 'Own', now: NOW });
  const foreign = Company.register({ id: randomUUID(), orgId: other.id, name: 'Foreign', now: NOW });
  const deleted = Company.register({ id: randomUUID(), orgId: organization.id, name: 'Gone', now: NOW });
  deleted.softDelete(NOW);
  for (const company of [own, foreign, deleted]) await companies.add(company);
  const orgAdmin = { orgId: organization.id, role: 'org_admin', companyId: null } as const;
  const member = { orgId: organization.id, role: 'company_member', companyId: own.id } as const;
  return { organizations, companies, organization, own, foreign, deleted, orgAdmin, member };
}

describe('resolveCompanyReadScope', () => {
  it("gives an org admin the company they name when it is live in their organization, or the whole organization", async () => {
    const { companies, own, orgAdmin } = await world();
    await expect(resolveCompanyReadScope(companies, orgAdmin, { companyId: own.id })).resolves.toEqual({ kind: 'company', companyId: own.id });
    await expect(resolveCompanyReadScope(companies, orgAdmin, { allCompanies: true })).resolves.toEqual({ kind: 'organization' });
  });

  it("answers another organization's company and a deleted one exactly like a missing one", async () => {
    const { companies, foreign, deleted, orgAdmin } = await world();
    for (const companyId of [foreign.id, deleted.id, randomUUID()]) {
      await expect(resolveCompanyReadScope(companies, orgAdmin, { companyId })).rejects.toBeInstanceOf(CompanyNotFoundError);
    }
  });

  it('keeps the domain rules: a company user is pinned, may not ask for all companies, and an org admin must choose', async () => {
    const { companies, own, foreign, member, orgAdmin } = await world();
    await expect(resolveCompanyReadScope(companies, member, {})).resolves.toEqual({ kind: 'company', companyId: own.id });
    await expect(resolveCompanyReadScope(companies, member, { companyId: foreign.id })).rejects.toBeInstanceOf(CompanyNotFoundError);
    await expect(resolveCompanyReadScope(companies, member, { allCompanies: true })).rejects.toBeInstanceOf(AllCompaniesNotAllowedError);
    await expect(resolveCompanyReadScope(companies, orgAdmin, {})).rejects.toBeInstanceOf(CompanyScopeRequiredError);
    await expect(resolveCompanyReadScope(companies, orgAdmin, {}, { organizationWideByDefault: true })).resolves.toEqual({ kind: 'organization' });
  });
});

describe('resolveCompanyForWrite', () => {
  it("lands a company user's write in their company and an org admin's in the live company they name", async () => {
    const { companies, own, member, orgAdmin, foreign } = await world();
    await expect(resolveCompanyForWrite(companies, member, undefined)).resolves.toBe(own.id);
    await expect(resolveCompanyForWrite(companies, orgAdmin, own.id)).resolves.toBe(own.id);
    await expect(resolveCompanyForWrite(companies, orgAdmin, foreign.id)).rejects.toBeInstanceOf(CompanyNotFoundError);
    await expect(resolveCompanyForWrite(companies, orgAdmin, undefined)).rejects.toBeInstanceOf(CompanyScopeRequiredError);
  });
});

describe('requireActiveOrganization', () => {
  it('passes an active organization and refuses onboarding and suspended ones with a 409 naming the status', async () => {
    const { organizations, organization } = await world();
    await expect(requireActiveOrganization(organizations, organization.id)).rejects.toMatchObject({
      code: 'organization_not_active',
      kind: 'conflict',
      message: expect.stringContaining('onboarding'),
    });

    organization.transition('activate', NOW);
    await organizations.save(organization);
    await expect(requireActiveOrganization(organizations, organization.id)).resolves.toMatchObject({ id: organization.id, status: 'active' });

    organization.transition('suspend', NOW);
    await organizations.save(organization);
    const refusal = await requireActiveOrganization(organizations, organization.id).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OrganizationNotActiveError);
    expect((refusal as Error).message).toContain('suspended');
  });

  it('answers an unknown or deleted organization as not found', async () => {
    const { organizations } = await world();
    await expect(requireActiveOrganization(organizations, randomUUID())).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });
});
