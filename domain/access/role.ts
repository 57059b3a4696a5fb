import { InvalidInputError } from '../shared/domain-error.js';

/** Canonical tenant roles. `org_admin` acts on the whole organization; the others on one company. */
export const ROLES = ['org_admin', 'company_admin', 'company_member'] as const;
export type Role = (typeof ROLES)[number];

/** Names older clients still send; accepted on input, never answered. */
export const LEGACY_ROLE_ALIASES = { admin: 'org_admin', user: 'company_member' } as const satisfies Record<string, Role>;
export const ROLE_INPUTS = [...ROLES, ...(Object.keys(LEGACY_ROLE_ALIASES) as (keyof typeof LEGACY_ROLE_ALIASES)[])] as const;
export type RoleInput = (typeof ROLE_INPUTS)[number];

export function canonicalRole(input: string): Role {
  if ((ROLES as readonly string[]).includes(input)) return input as Role;
  // Own keys only: 'toString' or '__proto__' must not pass as aliases through the prototype.
  if (Object.hasOwn(LEGACY_ROLE_ALIASES, input)) return (LEGACY_ROLE_ALIASES as Record<string, Role>)[input] as Role;
  throw new InvalidInputError(`Unknown role '${input}'.`, [{ loc: ['role'], msg: `must be one of ${ROLE_INPUTS.join(', ')}`, type: 'enum' }]);
}

/** A role bound to a company: its holder sees and acts on that company only. */
export function isCompanyRole(role: Role): boolean {
  return role !== 'org_admin';
}
