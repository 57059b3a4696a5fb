import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_INPUTS, canonicalRole, isCompanyRole, type Role } from '../../../domain/access/role.js';
import { USER_NAME_MAX_LENGTH, User, assertRoleCompanyPairing } from '../../../domain/identity/user.js';
import { RoleCompanyMismatchError } from '../../../domain/identity/user-errors.js';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';

const ID = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-0000000000aa';
const COMPANY_A = '00000000-0000-4000-8000-0000000000c1';
const COMPANY_B = '00000000-0000-4000-8000-0000000000c2';
const T0 = new Date('2025-01-01T00:00:00.000Z');
const T1 = new Date('2025-01-02T00:00:00.000Z');

function register(role: Role = 'org_admin', companyId: string | null = null): User {
  return User.register({ id: ID, orgId: ORG, companyId, email: 'Ada@Example.TEST', passwordHash: 'hash-1', role, now: T0 });
}

const validPairings = fc.oneof(
  fc.constant({ role: 'org_admin' as Role, companyId: null as string | null }),
  fc.record({ role: fc.constantFrom<Role>('company_admin', 'company_member'), companyId: fc.constantFrom(COMPANY_A, COMPANY_B) }),
);

describe('User.register', () => {
  it('stores a canonical email and trimmed names, empty ones as null', () => {
    const user = User.register({
      id: ID,
      orgId: ORG,
      companyId: COMPANY_A,
      email: '  Ada@Example.TEST ',
      passwordHash: 'hash',
      nameFirst: ' Ada ',
      nameLast: '   ',
      role: 'company_member',
      now: T0,
    });

    expect(user).toMatchObject({ email: 'ada@example.test', nameFirst: 'Ada', nameLast: null, companyId: COMPANY_A, deletedAt: null });
    expect(user.createdAt).toEqual(T0);
  });

  it('rejects a name part longer than the limit', () => {
    expect(() =>
      User.register({
        id: ID,
        orgId: ORG,
        companyId: null,
        email: 'a@b.test',
        passwordHash: 'h',
        nameLast: 'x'.repeat(USER_NAME_MAX_LENGTH + 1),
        role: 'org_admin',
        now: T0,
      }),
    ).toThrow(InvalidInputError);
  });

  it.each([
    ['org_admin', COMPANY_A],
    ['company_admin', null],
    ['company_member', null],
  ] as const)('refuses role %s with company %s', (role, companyId) => {
    expect(() => register(role, companyId)).toThrow(RoleCompanyMismatchError);
  });
});

describe('role/company pairing (property-based)', () => {
  it('holds exactly when org_admin has no company and company roles have one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.option(fc.constantFrom(COMPANY_A, COMPANY_B), { nil: null }), (role, companyId) => {
        const valid = isCompanyRole(role) === (companyId !== null);
        if (valid) expect(() => assertRoleCompanyPairing(role, companyId)).not.toThrow();
        else expect(() => assertRoleCompanyPairing(role, companyId)).toThrow(RoleCompanyMismatchError);
      }),
    );
  });

  it('survives any sequence of updates: every accepted state pairs, every refused update changes nothing', () => {
    const change = fc.record(
      {
        role: fc.constantFrom(...ROLE_INPUTS).map(canonicalRole),
        companyId: fc.option(fc.constantFrom(COMPANY_A, COMPANY_B), { nil: null }),
        nameFirst: fc.constantFrom('Ada', 'Grace', null),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(validPairings, fc.array(change, { maxLength: 12 }), (start, changes) => {
        const user = register(start.role, start.companyId);
        for (const update of changes) {
          const before = { ...user };
          try {
            user.update(update, T1);
          } catch (error) {
            expect(error).toBeInstanceOf(RoleCompanyMismatchError);
            expect({ ...user }).toEqual(before);
          }
          expect(() => assertRoleCompanyPairing(user.role, user.companyId)).not.toThrow();
        }
      }),
    );
  });

  it('promoting to org_admin without naming a company always detaches the user', () => {
    fc.assert(
      fc.property(validPairings, (start) => {
        const user = register(start.role, start.companyId);
        user.update({ role: 'org_admin' }, T1);
        expect(user).toMatchObject({ role: 'org_admin', companyId: null });
      }),
    );
  });
});

describe('User.update', () => {
  it('answers the changed fields and bumps updatedAt only when something changed', () => {
    const user = register('company_member', COMPANY_A);

    expect(user.update({ email: 'ADA@example.test', role: 'company_member', companyId: COMPANY_A }, T1)).toEqual([]);
    expect(user.updatedAt).toEqual(T0);

    expect(user.update({ passwordHash: 'hash-2', companyId: COMPANY_B, nameFirst: 'Ada' }, T1)).toEqual(['password', 'companyId', 'nameFirst']);
    expect(user).toMatchObject({ passwordHash: 'hash-2', companyId: COMPANY_B, nameFirst: 'Ada', updatedAt: T1 });
  });

  it('demoting an org_admin needs a company', () => {
    const user = register();

    expect(() => user.update({ role: 'company_admin' }, T1)).toThrow(RoleCompanyMismatchError);
    expect(user.update({ role: 'company_admin', companyId: COMPANY_A }, T1)).toEqual(['companyId', 'role']);
  });
});

describe('canonicalRole', () => {
  it('maps the legacy aliases and keeps canonical roles', () => {
    expect(ROLE_INPUTS.map(canonicalRole)).toEqual(['org_admin', 'company_admin', 'company_member', 'org_admin', 'company_member']);
  });

  it('rejects anything else', () => {
    expect(() => canonicalRole('owner')).toThrow(InvalidInputError);
  });
});

describe('User.softDelete', () => {
  it('marks the user deleted once', () => {
    const user = register();
    user.softDelete(T1);
    user.softDelete(new Date('2030-01-01T00:00:00.000Z'));
    expect(user.deletedAt).toEqual(T1);
  });
});
