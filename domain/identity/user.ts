import type { Role } from '../access/role.js';
import { isCompanyRole } from '../access/role.js';
import { InvalidInputError } from '../shared/domain-error.js';
import { normaliseEmail } from './super-admin.js';
import { RoleCompanyMismatchError } from './user-errors.js';

/** The same floor as super-admins: a tenant account can reach a whole organization's data. */
export const USER_PASSWORD_MIN_LENGTH = 12;
export const USER_NAME_MAX_LENGTH = 100;

export interface UserChanges {
  readonly email?: string | undefined;
  readonly passwordHash?: string | undefined;
  /** `null` detaches the user from any company (only valid for org admins). */
  readonly companyId?: string | null | undefined;
  readonly nameFirst?: string | null | undefined;
  readonly nameLast?: string | null | undefined;
  readonly role?: Role | undefined;
}

export type UserField = 'email' | 'password' | 'companyId' | 'nameFirst' | 'nameLast' | 'role';

/**
 * A person acting inside one organization. The same email may have accounts in several
 * organizations; each is a separate user with its own role and password.
 */
export class User {
  constructor(
    readonly id: string,
    readonly orgId: string,
    public companyId: string | null,
    public email: string,
    public passwordHash: string,
    public nameFirst: string | null,
    public nameLast: string | null,
    public role: Role,
    readonly createdAt: Date,
    public updatedAt: Date,
    public deletedAt: Date | null = null,
  ) {}

  static register(props: {
    id: string;
    orgId: string;
    companyId: string | null;
    email: string;
    passwordHash: string;
    nameFirst?: string | null | undefined;
    nameLast?: string | null | undefined;
    role: Role;
    now: Date;
  }): User {
    assertRoleCompanyPairing(props.role, props.companyId);
    return new User(
      props.id,
      props.orgId,
      props.companyId,
      normaliseEmail(props.email),
      props.passwordHash,
      normaliseName(props.nameFirst ?? null, 'name_first'),
      normaliseName(props.nameLast ?? null, 'name_last'),
      props.role,
      props.now,
      props.now,
    );
  }

  /**
   * Applies the given changes; answers the fields that changed. Promoting to `org_admin` without
   * naming a company detaches the user from theirs, since org admins have none.
   */
  update(changes: UserChanges, now: Date): UserField[] {
    const role = changes.role ?? this.role;
    const companyId = changes.companyId !== undefined ? changes.companyId : role === 'org_admin' ? null : this.companyId;
    assertRoleCompanyPairing(role, companyId);
    const next: Record<UserField, unknown> = {
      email: changes.email === undefined ? this.email : normaliseEmail(changes.email),
      password: changes.passwordHash ?? this.passwordHash,
      companyId,
      nameFirst: changes.nameFirst === undefined ? this.nameFirst : normaliseName(changes.nameFirst, 'name_first'),
      nameLast: changes.nameLast === undefined ? this.nameLast : normaliseName(changes.nameLast, 'name_last'),
      role,
    };
    const current: Record<UserField, unknown> = {
      email: this.email,
      password: this.passwordHash,
      companyId: this.companyId,
      nameFirst: this.nameFirst,
      nameLast: this.nameLast,
      role: this.role,
    };
    const changed = (Object.keys(next) as UserField[]).filter((field) => next[field] !== current[field]);
    if (changed.length === 0) return changed;
    this.email = next.email as string;
    this.passwordHash = next.password as string;
    this.companyId = companyId;
    this.nameFirst = next.nameFirst as string | null;
    this.nameLast = next.nameLast as string | null;
    this.role = role;
    this.updatedAt = now;
    return changed;
  }

  softDelete(now: Date): void {
    if (this.deletedAt !== null) return;
    this.deletedAt = now;
    this.updatedAt = now;
  }
}

/** `org_admin` acts on the whole organization and has no company; the company roles need one. */
export function assertRoleCompanyPairing(role: Role, companyId: string | null): void {
  if (role === 'org_admin' && companyId !== null) {
    throw new RoleCompanyMismatchError('An org_admin belongs to no company; leave company_id empty.');
  }
  if (isCompanyRole(role) && companyId === null) {
    throw new RoleCompanyMismatchError(`The role '${role}' needs a company_id.`);
  }
}

function normaliseName(name: string | null, field: 'name_first' | 'name_last'): string | null {
  if (name === null) return null;
  const trimmed = name.trim();
  if (trimmed.length > USER_NAME_MAX_LENGTH) {
    throw new InvalidInputError(`${field} must be at most ${USER_NAME_MAX_LENGTH} characters.`, [
      { loc: [field], msg: `must be at most ${USER_NAME_MAX_LENGTH} characters`, type: 'too_long' },
    ]);
  }
  return trimmed.length ? trimmed : null;
}
