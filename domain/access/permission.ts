import type { Role } from './role.js';

/**
 * Everything a tenant caller may be allowed to do. Routes declare the one they need; the table
 * below is the only place that says which role holds which, so /api/auth/me and the checks agree.
 */
export const PERMISSIONS = [
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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const COMPANY_MEMBER: readonly Permission[] = ['campaigns.read', 'inboxes.read', 'analytics.read'];
const COMPANY_ADMIN: readonly Permission[] = [...COMPANY_MEMBER, 'campaigns.write', 'inboxes.write'];
const ORG_ADMIN: readonly Permission[] = PERMISSIONS;

const PERMISSIONS_BY_ROLE: Readonly<Record<Role, readonly Permission[]>> = {
  org_admin: ORG_ADMIN,
  company_admin: COMPANY_ADMIN,
  company_member: COMPANY_MEMBER,
};

/** In the order of PERMISSIONS, so answers are stable. */
export function permissionsOf(role: Role): Permission[] {
  const held = new Set(PERMISSIONS_BY_ROLE[role]);
  return PERMISSIONS.filter((permission) => held.has(permission));
}

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return PERMISSIONS_BY_ROLE[role].includes(permission);
}
