import { describe, expect, it } from 'vitest';
import { WeakPasswordError } from '../../../domain/identity/identity-errors.js';
import { USER_PASSWORD_MIN_LENGTH } from '../../../domain/identity/user.js';
import {
  OwnAccessChangeError,
  RoleCompanyMismatchError,
  UserEmailTakenError,
  UserNotFoundError,
} from '../../../domain/identity/user-errors.js';
import { CompanyNotFoundError } from '../../../domain/tenancy/company-errors.js';
import { OrganizationNotFoundError } from '../../../domain/tenancy/organization-errors.js';
import { PASSWORD, SUPER_ADMIN, UNKNOWN_ID, asUser, makeTenancySut, type TenancySut } from './tenancy-sut.js';

async function world(sut: TenancySut) {
  const orgId = await sut.organization();
  const otherOrg = await sut.organization();
  const company = await sut.company(orgId);
  const foreignCompany = await sut.company(otherOrg);
  const deletedCompany = await sut.company(orgId);
  await sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId: deletedCompany.id });
  return { orgId, otherOrg, company, foreignCompany, deletedCompany };
}

describe('CreateUser', () => {
  it('stores a hashed password, a canonical email, and audits the user by id without email or password', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);

    const user = await sut.createUser.execute({
      context: { ...SUPER_ADMIN, requestId: 'req-create' },
      orgId,
      email: '  Ada@Example.TEST ',
      password: PASSWORD,
      role: 'org_admin',
      nameFirst: ' Ada ',
      nameLast: '',
    });

    expect(user).toMatchObject({ orgId, email: 'ada@example.test', companyId: null, role: 'org_admin', nameFirst: 'Ada', nameLast: null });
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await sut.passwords.verify(PASSWORD, user.passwordHash)).toBe(true);
    expect(await sut.users.findById(orgId, user.id)).toEqual(user);
    const entries = sut.auditLog.entriesFor('user.create');
    expect(entries).toEqual([
      expect.objectContaining({ outcome: 'success', orgId, targetType: 'user', targetId: user.id, requestId: 'req-create', detail: {} }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/ada@example|a-password/i);
  });

  it.each([
    ['admin', 'org_admin', false],
    ['user', 'company_member', true],
    ['company_admin', 'company_admin', true],
  ] as const)('stores the legacy or canonical role %s as %s', async (input, canonical, needsCompany) => {
    const sut = makeTenancySut();
    const { orgId, company } = await world(sut);

    const user = await sut.user(orgId, { role: input, companyId: needsCompany ? company.id : null });

    expect(user.role).toBe(canonical);
    expect(user.companyId).toBe(needsCompany ? company.id : null);
  });

  it(`refuses a password shorter than ${USER_PASSWORD_MIN_LENGTH} characters with WeakPasswordError, storing nothing`, async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);

    const attempt = sut.createUser.execute({
      context: SUPER_ADMIN,
      orgId,
      email: 'short@example.test',
      password: 'x'.repeat(USER_PASSWORD_MIN_LENGTH - 1),
      role: 'org_admin',
    });

    await expect(attempt).rejects.toBeInstanceOf(WeakPasswordError);
    expect(sut.users.allRows()).toEqual([]);
    expect(sut.auditLog.entriesFor('user.create', 'failure')).toEqual([expect.objectContaining({ detail: { code: 'weak_password' } })]);
  });

  it.each([
    ['an org_admin with a company', 'org_admin', true],
    ['a company_admin without a company', 'company_admin', false],
    ['a company_member without a company', 'company_member', false],
  ] as const)('refuses %s with RoleCompanyMismatchError', async (_label, role, withCompany) => {
    const sut = makeTenancySut();
    const { orgId, company } = await world(sut);

    await expect(sut.user(orgId, { role, companyId: withCompany ? company.id : null })).rejects.toBeInstanceOf(RoleCompanyMismatchError);
    expect(sut.users.allRows()).toEqual([]);
  });

  it('judges the pairing before the company: an org_admin with a foreign company is a mismatch, not a 404', async () => {
    const sut = makeTenancySut();
    const { orgId, foreignCompany } = await world(sut);

    await expect(sut.user(orgId, { role: 'org_admin', companyId: foreignCompany.id })).rejects.toBeInstanceOf(RoleCompanyMismatchError);
  });

  it('answers the same CompanyNotFoundError for a foreign, a deleted and an unknown company', async () => {
    const sut = makeTenancySut();
    const { orgId, foreignCompany, deletedCompany } = await world(sut);

    for (const companyId of [foreignCompany.id, deletedCompany.id, UNKNOWN_ID]) {
      const error = await sut.user(orgId, { role: 'company_member', companyId }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CompanyNotFoundError);
      expect(error).toMatchObject({ message: 'Company not found.', code: 'company_not_found' });
    }
    expect(sut.users.allRows()).toEqual([]);
  });

  it('refuses an email a live user of the organization holds, case-insensitively; other organizations may reuse it', async () => {
    const sut = makeTenancySut();
    const { orgId, otherOrg } = await world(sut);
    await sut.user(orgId, { email: 'same@example.test' });

    await expect(sut.user(orgId, { email: 'SAME@example.test' })).rejects.toBeInstanceOf(UserEmailTakenError);
    await expect(sut.user(otherOrg, { email: 'same@example.test' })).resolves.toMatchObject({ orgId: otherOrg });
    expect(sut.auditLog.entriesFor('user.create', 'failure')).toEqual([expect.objectContaining({ detail: { code: 'user_email_taken' } })]);
  });

  it('frees the email of a deleted user', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    const gone = await sut.user(orgId, { email: 'again@example.test' });
    await sut.deleteUser.execute({ context: SUPER_ADMIN, orgId, userId: gone.id });

    await expect(sut.user(orgId, { email: 'again@example.test' })).resolves.not.toMatchObject({ id: gone.id });
  });

  it('answers OrganizationNotFoundError for an unknown organization', async () => {
    const sut = makeTenancySut();

    await expect(sut.user(UNKNOWN_ID)).rejects.toBeInstanceOf(OrganizationNotFoundError);
    expect(sut.users.allRows()).toEqual([]);
  });
});

describe('ListUsers', () => {
  it("lists the organization's live users, optionally of one company", async () => {
    const sut = makeTenancySut();
    const { orgId, otherOrg, company, foreignCompany } = await world(sut);
    const admin = await sut.user(orgId);
    const member = await sut.user(orgId, { role: 'company_member', companyId: company.id });
    const gone = await sut.user(orgId);
    await sut.deleteUser.execute({ context: SUPER_ADMIN, orgId, userId: gone.id });
    await sut.user(otherOrg, { role: 'company_member', companyId: foreignCompany.id });

    const all = await sut.listUsers.execute({ orgId, limit: 10 });
    const ofCompany = await sut.listUsers.execute({ orgId, companyId: company.id, limit: 10 });

    expect(all.items.map((user) => user.id)).toEqual([admin.id, member.id]);
    expect(ofCompany.items.map((user) => user.id)).toEqual([member.id]);
  });

  it('answers CompanyNotFoundError for a foreign, deleted or unknown company filter', async () => {
    const sut = makeTenancySut();
    const { orgId, foreignCompany, deletedCompany } = await world(sut);

    for (const companyId of [foreignCompany.id, deletedCompany.id, UNKNOWN_ID]) {
      await expect(sut.listUsers.execute({ orgId, companyId, limit: 10 })).rejects.toBeInstanceOf(CompanyNotFoundError);
    }
  });

  it('pages with a keyset cursor', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    const created = [await sut.user(orgId), await sut.user(orgId), await sut.user(orgId)];

    const first = await sut.listUsers.execute({ orgId, limit: 2 });
    const second = await sut.listUsers.execute({ orgId, limit: 2, after: first.nextCursor ?? undefined });

    expect([...first.items, ...second.items].map((user) => user.id)).toEqual(created.map((user) => user.id));
    expect(second.nextCursor).toBeNull();
  });

  it('answers OrganizationNotFoundError for an unknown organization', async () => {
    const sut = makeTenancySut();

    await expect(sut.listUsers.execute({ orgId: UNKNOWN_ID, limit: 10 })).rejects.toBeInstanceOf(OrganizationNotFoundError);
  });
});

describe('GetUser', () => {
  it('returns a live user of the organization and UserNotFoundError for foreign or unknown ids', async () => {
    const sut = makeTenancySut();
    const { orgId, otherOrg } = await world(sut);
    const user = await sut.user(orgId);
    const foreign = await sut.user(otherOrg);

    await expect(sut.getUser.execute({ orgId, userId: user.id })).resolves.toEqual(user);
    await expect(sut.getUser.execute({ orgId, userId: foreign.id })).rejects.toBeInstanceOf(UserNotFoundError);
    await expect(sut.getUser.execute({ orgId, userId: UNKNOWN_ID })).rejects.toBeInstanceOf(UserNotFoundError);
  });
});

describe('UpdateUser', () => {
  it('changes email and names, auditing field names but no values', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    const admin = await sut.user(orgId);
    const user = await sut.user(orgId, { email: 'old@example.test' });
    sut.clock.advanceSeconds(5);

    const updated = await sut.updateUser.execute({
      context: asUser(admin.id, 'req-upd'),
      orgId,
      userId: user.id,
      changes: { email: 'New@Example.test', nameFirst: 'Grace' },
    });

    expect(updated).toMatchObject({ email: 'new@example.test', nameFirst: 'Grace', role: 'org_admin' });
    expect(updated.updatedAt).toEqual(sut.clock.now());
    const entries = sut.auditLog.entriesFor('user.update');
    expect(entries).toEqual([
      expect.objectContaining({ outcome: 'success', actor: { type: 'user', id: admin.id }, targetId: user.id, detail: { fields: ['email', 'nameFirst'] } }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/example\.test|Grace/);
  });

  it('rehashes a new password; the old one stops matching', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    const user = await sut.user(orgId);

    const updated = await sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: user.id, changes: { password: 'another-long-password' } });

    expect(await sut.passwords.verify('another-long-password', updated.passwordHash)).toBe(true);
    expect(await sut.passwords.verify(PASSWORD, updated.passwordHash)).toBe(false);
    expect(sut.auditLog.entriesFor('user.update', 'success')[0]?.detail).toEqual({ fields: ['password'] });
  });

  it('refuses a weak new password and keeps the old hash', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    const user = await sut.user(orgId);

    await expect(sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: user.id, changes: { password: 'short' } })).rejects.toBeInstanceOf(
      WeakPasswordError,
    );
    expect((await sut.users.findById(orgId, user.id))?.passwordHash).toBe(user.passwordHash);
  });

  it('moves a member between companies of the organization and promotes to org_admin, which detaches the company', async () => {
    const sut = makeTenancySut();
    const { orgId, company } = await world(sut);
    const second = await sut.company(orgId);
    const member = await sut.user(orgId, { role: 'user', companyId: company.id });

    const moved = await sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: member.id, changes: { companyId: second.id } });
    expect(moved.companyId).toBe(second.id);

    const promoted = await sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: member.id, changes: { role: 'admin' } });
    expect(promoted).toMatchObject({ role: 'org_admin', companyId: null });
    expect(sut.auditLog.entriesFor('user.update', 'success').at(-1)?.detail).toEqual({ fields: ['companyId', 'role'] });
  });

  it.each([
    ['demoting an org_admin without naming a company', false],
    ['giving an org_admin a company', true],
  ] as const)('refuses %s with RoleCompanyMismatchError', async (_label, giveCompany) => {
    const sut = makeTenancySut();
    const { orgId, company } = await world(sut);
    const user = await sut.user(orgId);

    const changes = giveCompany ? { companyId: company.id } : { role: 'company_member' as const };
    const attempt = sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: user.id, changes });

    await expect(attempt).rejects.toBeInstanceOf(RoleCompanyMismatchError);
    expect(await sut.users.findById(orgId, user.id)).toEqual(user);
  });

  it('refuses a foreign or deleted company with CompanyNotFoundError', async () => {
    const sut = makeTenancySut();
    const { orgId, company, foreignCompany, deletedCompany } = await world(sut);
    const member = await sut.user(orgId, { role: 'company_member', companyId: company.id });

    for (const companyId of [foreignCompany.id, deletedCompany.id]) {
      await expect(sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: member.id, changes: { companyId } })).rejects.toBeInstanceOf(
        CompanyNotFoundError,
      );
    }
    expect((await sut.users.findById(orgId, member.id))?.companyId).toBe(company.id);
  });

  it('refuses an email another live user of the organization holds', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    await sut.user(orgId, { email: 'taken@example.test' });
    const user = await sut.user(orgId);

    await expect(
      sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: user.id, changes: { email: 'taken@example.test' } }),
    ).rejects.toBeInstanceOf(UserEmailTakenError);
  });

  it('refuses a change of the acting user\'s own role or company with OwnAccessChangeError', async () => {
    const sut = makeTenancySut();
    const { orgId, company } = await world(sut);
    const admin = await sut.user(orgId);

    for (const changes of [{ role: 'company_admin' as const, companyId: company.id }, { role: 'user' as const }, { companyId: company.id }]) {
      await expect(sut.updateUser.execute({ context: asUser(admin.id), orgId, userId: admin.id, changes })).rejects.toBeInstanceOf(
        OwnAccessChangeError,
      );
    }
    expect(await sut.users.findById(orgId, admin.id)).toEqual(admin);
    expect(sut.auditLog.entriesFor('user.update', 'failure').map((entry) => entry.detail)).toEqual([
      { code: 'own_access_change' },
      { code: 'own_access_change' },
      { code: 'own_access_change' },
    ]);
  });

  it('lets acting users resend their own unchanged role and change their own name and password', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    const admin = await sut.user(orgId);

    const updated = await sut.updateUser.execute({
      context: asUser(admin.id),
      orgId,
      userId: admin.id,
      changes: { role: 'admin', companyId: null, nameLast: 'Lovelace', password: 'my-new-long-password' },
    });

    expect(updated).toMatchObject({ role: 'org_admin', companyId: null, nameLast: 'Lovelace' });
  });

  it('lets a super-admin change any user\'s access', async () => {
    const sut = makeTenancySut();
    const { orgId, company } = await world(sut);
    const admin = await sut.user(orgId);

    await expect(
      sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: admin.id, changes: { role: 'company_admin', companyId: company.id } }),
    ).resolves.toMatchObject({ role: 'company_admin', companyId: company.id });
  });

  it('answers UserNotFoundError for a user of another organization, leaving them alone', async () => {
    const sut = makeTenancySut();
    const { orgId, otherOrg } = await world(sut);
    const foreign = await sut.user(otherOrg);

    await expect(
      sut.updateUser.execute({ context: SUPER_ADMIN, orgId, userId: foreign.id, changes: { nameFirst: 'Mallory' } }),
    ).rejects.toBeInstanceOf(UserNotFoundError);
    expect(await sut.users.findById(otherOrg, foreign.id)).toEqual(foreign);
  });
});

describe('DeleteUser', () => {
  it('soft-deletes: the user disappears but the row stays', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    const admin = await sut.user(orgId);
    const user = await sut.user(orgId);

    await sut.deleteUser.execute({ context: asUser(admin.id, 'req-del'), orgId, userId: user.id });

    expect(await sut.users.findById(orgId, user.id)).toBeNull();
    expect(sut.users.allRows().find((row) => row.id === user.id)?.deletedAt).toEqual(sut.clock.now());
    expect(sut.auditLog.entriesFor('user.delete')).toEqual([
      expect.objectContaining({ outcome: 'success', orgId, targetId: user.id, requestId: 'req-del' }),
    ]);
  });

  it('refuses acting users deleting themselves', async () => {
    const sut = makeTenancySut();
    const { orgId } = await world(sut);
    const admin = await sut.user(orgId);

    await expect(sut.deleteUser.execute({ context: asUser(admin.id), orgId, userId: admin.id })).rejects.toBeInstanceOf(OwnAccessChangeError);
    expect(await sut.users.findById(orgId, admin.id)).not.toBeNull();
  });

  it('answers UserNotFoundError for a foreign, deleted or unknown user', async () => {
    const sut = makeTenancySut();
    const { orgId, otherOrg } = await world(sut);
    const foreign = await sut.user(otherOrg);
    const gone = await sut.user(orgId);
    await sut.deleteUser.execute({ context: SUPER_ADMIN, orgId, userId: gone.id });

    for (const userId of [foreign.id, gone.id, UNKNOWN_ID]) {
      await expect(sut.deleteUser.execute({ context: SUPER_ADMIN, orgId, userId })).rejects.toBeInstanceOf(UserNotFoundError);
    }
    expect(await sut.users.findById(otherOrg, foreign.id)).not.toBeNull();
  });

  it('answers OrganizationNotFoundError for an unknown organization', async () => {
    const sut = makeTenancySut();

    await expect(sut.deleteUser.execute({ context: SUPER_ADMIN, orgId: UNKNOWN_ID, userId: UNKNOWN_ID })).rejects.toBeInstanceOf(
      OrganizationNotFoundError,
    );
  });
});
