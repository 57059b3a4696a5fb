import { describe, expect, it } from 'vitest';
import { PERMISSIONS, permissionsOf, roleHasPermission, type Permission } from '../../../domain/access/permission.js';
import { LEGACY_ROLE_ALIASES, ROLE_INPUTS, ROLES, canonicalRole, isCompanyRole, type Role } from '../../../domain/access/role.js';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';

/** The table of DESIGN.md §4 / issue 3, written out by hand so a change to the domain table must be deliberate. */
const EXPECTED: Record<Role, readonly Permission[]> = {
  org_admin: [
    'org.manage_organization',
    'org.manage_users',
    'org.manage_companies',
    'org.manage_entitlements',
    'org.read_audit',
    'campaigns.read',
    'campaigns.write',
    'inboxes.read',
    'inboxes.write',
    'analytics.read',
  ],
  company_admin: ['campaigns.read', 'campaigns.write', 'inboxes.read', 'inboxes.write', 'analytics.read'],
  company_member: ['campaigns.read', 'inboxes.read', 'analytics.read'],
};

describe('permission table', () => {
  it('knows exactly the ten permissions, in a fixed order', () => {
    expect(PERMISSIONS).toEqual(EXPECTED.org_admin);
  });

  it.each(ROLES.map((role) => [role]))('permissionsOf(%s) is exactly the expected list, in PERMISSIONS order', (role) => {
    expect(permissionsOf(role)).toEqual(EXPECTED[role]);
  });

  it('org_admin holds every permission, the org.manage_* ones included', () => {
    expect(permissionsOf('org_admin')).toEqual([...PERMISSIONS]);
    for (const permission of PERMISSIONS) expect(roleHasPermission('org_admin', permission)).toBe(true);
  });

  it('no company role holds any org.* permission', () => {
    for (const role of ['company_admin', 'company_member'] as const) {
      for (const permission of PERMISSIONS.filter((p) => p.startsWith('org.'))) {
        expect(roleHasPermission(role, permission), `${role} ${permission}`).toBe(false);
      }
    }
  });

  it('company_admin may write campaigns and inboxes; company_member only reads', () => {
    expect(roleHasPermission('company_admin', 'campaigns.write')).toBe(true);
    expect(roleHasPermission('company_admin', 'inboxes.write')).toBe(true);
    expect(roleHasPermission('company_member', 'campaigns.write')).toBe(false);
    expect(roleHasPermission('company_member', 'inboxes.write')).toBe(false);
    expect(permissionsOf('company_member').every((permission) => permission.endsWith('.read'))).toBe(true);
  });

  it('roleHasPermission agrees with permissionsOf for every role × permission', () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        expect(roleHasPermission(role, permission)).toBe(EXPECTED[role].includes(permission));
      }
    }
  });

  it('roles nest: member ⊂ company_admin ⊂ org_admin', () => {
    const member = new Set(permissionsOf('company_member'));
    const companyAdmin = new Set(permissionsOf('company_admin'));
    expect([...member].every((p) => companyAdmin.has(p))).toBe(true);
    expect([...companyAdmin].every((p) => permissionsOf('org_admin').includes(p))).toBe(true);
  });

  it('answers the same list on every call, and a fresh array the caller may not corrupt the table through', () => {
    const first = permissionsOf('company_admin');
    first.push('org.manage_users');
    first.reverse();

    expect(permissionsOf('company_admin')).toEqual(EXPECTED.company_admin);
    expect(roleHasPermission('company_admin', 'org.manage_users')).toBe(false);
    expect(permissionsOf('company_admin')).toEqual(permissionsOf('company_admin'));
  });
});

describe('roles', () => {
  it('has exactly three canonical roles', () => {
    expect(ROLES).toEqual(['org_admin', 'company_admin', 'company_member']);
  });

  it.each(ROLES.map((role) => [role]))('canonicalRole(%s) answers itself', (role) => {
    expect(canonicalRole(role)).toBe(role);
  });

  it('maps the legacy aliases: admin → org_admin, user → company_member', () => {
    expect(canonicalRole('admin')).toBe('org_admin');
    expect(canonicalRole('user')).toBe('company_member');
    expect(LEGACY_ROLE_ALIASES).toEqual({ admin: 'org_admin', user: 'company_member' });
  });

  it('accepts as input the three roles and the two aliases, nothing else', () => {
    expect([...ROLE_INPUTS].sort()).toEqual(['admin', 'company_admin', 'company_member', 'org_admin', 'user']);
  });

  function refusal(input: string): unknown {
    try {
      return canonicalRole(input);
    } catch (error) {
      return error;
    }
  }

  it.each([['owner'], ['ADMIN'], ['Org_Admin'], [' org_admin'], [''], ['superadmin'], ['users']])(
    'refuses the unknown role %j with InvalidInputError on loc [role]',
    (input) => {
      const thrown = refusal(input);
      expect(thrown).toBeInstanceOf(InvalidInputError);
      expect(thrown).toMatchObject({
        code: 'invalid_input',
        kind: 'invalid_input',
        problems: [{ loc: ['role'], type: 'enum' }],
      });
    },
  );

  // Regression: the alias lookup once indexed a plain object, so names inherited from
  // Object.prototype came back as "roles". The HTTP schema (z.enum) hid it; use cases did not.
  it.each([['toString'], ['__proto__'], ['constructor'], ['hasOwnProperty']])(
    'refuses the Object.prototype name %j instead of returning a non-role',
    (input) => {
      const thrown = refusal(input);
      expect(thrown).toBeInstanceOf(InvalidInputError);
      expect(thrown).toMatchObject({ code: 'invalid_input', problems: [{ loc: ['role'], type: 'enum' }] });
    },
  );

  it('org_admin is the organization role; company_admin and company_member are company roles', () => {
    expect(isCompanyRole('org_admin')).toBe(false);
    expect(isCompanyRole('company_admin')).toBe(true);
    expect(isCompanyRole('company_member')).toBe(true);
  });
});
