import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../application/shared/pagination.js';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';
import { CompanyNameTakenError, CompanyNotFoundError } from '../../../domain/tenancy/company-errors.js';
import { OrganizationNotFoundError } from '../../../domain/tenancy/organization-errors.js';
import { SUPER_ADMIN, UNKNOWN_ID, asUser, makeTenancySut } from './tenancy-sut.js';

describe('CreateCompany', () => {
  it('stores an active company in the given organization and audits it by id', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const admin = await sut.user(orgId);

    const company = await sut.createCompany.execute({ context: asUser(admin.id, 'req-c'), orgId, name: ' Acme ', domain: 'Acme.COM' });

    expect(company).toMatchObject({ orgId, name: 'Acme', domain: 'acme.com', status: 'active', deletedAt: null });
    expect(await sut.companies.findById(orgId, company.id)).toEqual(company);
    expect(sut.auditLog.entriesFor('company.create')).toEqual([
      {
        actor: { type: 'user', id: admin.id },
        orgId,
        action: 'company.create',
        targetType: 'company',
        targetId: company.id,
        requestId: 'req-c',
        outcome: 'success',
        detail: {},
        occurredAt: sut.clock.now(),
      },
    ]);
  });

  it('refuses a name a live company of the same organization holds, case-insensitively, rolling back', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    await sut.company(orgId, 'Acme');

    await expect(sut.createCompany.execute({ context: SUPER_ADMIN, orgId, name: 'ACME' })).rejects.toBeInstanceOf(CompanyNameTakenError);

    expect(sut.companies.allRows()).toHaveLength(1);
    expect(sut.auditLog.entriesFor('company.create', 'failure')).toEqual([
      expect.objectContaining({ detail: { code: 'company_name_taken' } }),
    ]);
  });

  it('lets two organizations, and a deleted company, share a name', async () => {
    const sut = makeTenancySut();
    const first = await sut.organization();
    const second = await sut.organization();
    const gone = await sut.company(first, 'Acme');
    await sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId: first, companyId: gone.id });

    await expect(sut.company(first, 'Acme')).resolves.toMatchObject({ name: 'Acme' });
    await expect(sut.company(second, 'Acme')).resolves.toMatchObject({ name: 'Acme' });
  });

  it('answers OrganizationNotFoundError for an unknown or deleted organization and stores nothing', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId });

    for (const target of [UNKNOWN_ID, orgId]) {
      await expect(sut.createCompany.execute({ context: SUPER_ADMIN, orgId: target, name: 'Acme' })).rejects.toBeInstanceOf(
        OrganizationNotFoundError,
      );
    }
    expect(sut.companies.allRows()).toEqual([]);
    expect(sut.auditLog.entriesFor('company.create', 'failure')).toHaveLength(2);
  });

  it.each([
    ['an empty name', { name: '   ' }],
    ['a domain that is not a host name', { name: 'Acme', domain: 'not a domain' }],
  ])('rejects %s with InvalidInputError', async (_label, input) => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();

    await expect(sut.createCompany.execute({ context: SUPER_ADMIN, orgId, ...input })).rejects.toBeInstanceOf(InvalidInputError);
    expect(sut.companies.allRows()).toEqual([]);
  });
});

describe('GetCompany', () => {
  it('returns a live company of the organization', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const company = await sut.company(orgId);

    await expect(sut.getCompany.execute({ orgId, companyId: company.id })).resolves.toEqual(company);
  });

  it('answers the same CompanyNotFoundError for a foreign, a deleted and an unknown company', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const otherOrg = await sut.organization();
    const foreign = await sut.company(otherOrg);
    const deleted = await sut.company(orgId);
    await sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId: deleted.id });

    const errors = await Promise.all(
      [foreign.id, deleted.id, UNKNOWN_ID].map((companyId) => sut.getCompany.execute({ orgId, companyId }).catch((error: unknown) => error)),
    );

    for (const error of errors) {
      expect(error).toBeInstanceOf(CompanyNotFoundError);
      expect(error).toMatchObject({ code: 'company_not_found', kind: 'not_found', message: 'Company not found.' });
    }
  });
});

describe('ListCompanies', () => {
  it("pages through the organization's live companies only, oldest first", async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const otherOrg = await sut.organization();
    const created = [];
    for (let index = 0; index < 5; index += 1) {
      created.push(await sut.company(orgId, `Company ${index}`));
      sut.clock.advanceSeconds(1);
    }
    await sut.company(otherOrg, 'Foreign');
    await sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId: created[2]!.id });

    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await sut.listCompanies.execute({ orgId, limit: 2, after });
      seen.push(...page.items.map((company) => company.id));
      after = page.nextCursor ?? undefined;
      pages += 1;
    } while (after && pages < 10);

    expect(seen).toEqual(created.filter((_, index) => index !== 2).map((company) => company.id));
    expect(pages).toBe(2);
  });

  it('answers OrganizationNotFoundError for an unknown organization rather than an empty page', async () => {
    const sut = makeTenancySut();

    await expect(sut.listCompanies.execute({ orgId: UNKNOWN_ID, limit: 10 })).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });

  it('answers InvalidCursorError for a cursor it did not issue', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();

    await expect(sut.listCompanies.execute({ orgId, limit: 10, after: 'nonsense' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('UpdateCompany', () => {
  it('applies changes and audits the names of the changed fields only', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const company = await sut.company(orgId, 'Acme');
    sut.clock.advanceSeconds(30);

    const updated = await sut.updateCompany.execute({
      context: SUPER_ADMIN,
      orgId,
      companyId: company.id,
      changes: { name: 'Acme', domain: 'acme.io', status: 'inactive' },
    });

    expect(updated).toMatchObject({ name: 'Acme', domain: 'acme.io', status: 'inactive' });
    expect(updated.updatedAt).toEqual(sut.clock.now());
    expect(await sut.companies.findById(orgId, company.id)).toEqual(updated);
    const [entry] = sut.auditLog.entriesFor('company.update', 'success');
    expect(entry?.detail).toEqual({ fields: ['domain', 'status'] });
    expect(JSON.stringify(entry)).not.toContain('acme.io');
  });

  it('clears the domain with null', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const company = await sut.createCompany.execute({ context: SUPER_ADMIN, orgId, name: 'Acme', domain: 'acme.com' });

    await expect(sut.updateCompany.execute({ context: SUPER_ADMIN, orgId, companyId: company.id, changes: { domain: null } })).resolves.toMatchObject({
      domain: null,
    });
  });

  it("refuses another live company's name and changes nothing", async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    await sut.company(orgId, 'Globex');
    const company = await sut.company(orgId, 'Acme');

    await expect(
      sut.updateCompany.execute({ context: SUPER_ADMIN, orgId, companyId: company.id, changes: { name: 'globex', status: 'inactive' } }),
    ).rejects.toBeInstanceOf(CompanyNameTakenError);

    expect(await sut.companies.findById(orgId, company.id)).toEqual(company);
  });

  it('answers CompanyNotFoundError for a company of another organization and leaves it alone', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const otherOrg = await sut.organization();
    const foreign = await sut.company(otherOrg, 'Foreign');

    await expect(
      sut.updateCompany.execute({ context: SUPER_ADMIN, orgId, companyId: foreign.id, changes: { name: 'Hijacked' } }),
    ).rejects.toBeInstanceOf(CompanyNotFoundError);

    expect(await sut.companies.findById(otherOrg, foreign.id)).toEqual(foreign);
    expect(sut.auditLog.entriesFor('company.update', 'failure')).toEqual([
      expect.objectContaining({ orgId, targetId: foreign.id, detail: { code: 'company_not_found' } }),
    ]);
  });
});

describe('DeleteCompany', () => {
  it("soft-deletes the company and its users in one transaction, auditing how many users went", async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const company = await sut.company(orgId);
    const keep = await sut.company(orgId);
    const members = [
      await sut.user(orgId, { role: 'company_admin', companyId: company.id }),
      await sut.user(orgId, { role: 'company_member', companyId: company.id }),
    ];
    const survivor = await sut.user(orgId, { role: 'company_member', companyId: keep.id });
    const admin = await sut.user(orgId);
    sut.clock.advanceSeconds(10);

    await sut.deleteCompany.execute({ context: asUser(admin.id, 'req-del'), orgId, companyId: company.id });

    await expect(sut.getCompany.execute({ orgId, companyId: company.id })).rejects.toBeInstanceOf(CompanyNotFoundError);
    expect(sut.companies.allRows().find((row) => row.id === company.id)?.deletedAt).toEqual(sut.clock.now());
    for (const member of members) expect(await sut.users.findById(orgId, member.id)).toBeNull();
    expect(await sut.users.findById(orgId, survivor.id)).not.toBeNull();
    expect(await sut.users.findById(orgId, admin.id)).not.toBeNull();
    expect(sut.auditLog.entriesFor('company.delete')).toEqual([
      expect.objectContaining({ outcome: 'success', orgId, targetId: company.id, requestId: 'req-del', detail: { deleted_users: 2, deleted_entitlements: 0 } }),
    ]);
  });

  it('keeps company and users when the audit row cannot be written', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const company = await sut.company(orgId);
    const member = await sut.user(orgId, { role: 'company_member', companyId: company.id });
    sut.auditLog.failNextRecord();

    await expect(sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId: company.id })).rejects.toThrow();

    expect(await sut.companies.findById(orgId, company.id)).not.toBeNull();
    expect(await sut.users.findById(orgId, member.id)).not.toBeNull();
  });

  it('answers CompanyNotFoundError for a foreign company, touching neither it nor its users', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const otherOrg = await sut.organization();
    const foreign = await sut.company(otherOrg);
    const foreignMember = await sut.user(otherOrg, { role: 'company_member', companyId: foreign.id });

    await expect(sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId: foreign.id })).rejects.toBeInstanceOf(
      CompanyNotFoundError,
    );

    expect(await sut.companies.findById(otherOrg, foreign.id)).not.toBeNull();
    expect(await sut.users.findById(otherOrg, foreignMember.id)).not.toBeNull();
  });

  it('answers CompanyNotFoundError the second time', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const company = await sut.company(orgId);
    await sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId: company.id });

    await expect(sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId: company.id })).rejects.toBeInstanceOf(
      CompanyNotFoundError,
    );
  });
});
