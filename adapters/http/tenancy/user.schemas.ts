import { z } from 'zod';
import { ROLES, ROLE_INPUTS } from '../../../domain/access/role.js';
import { USER_NAME_MAX_LENGTH, type User } from '../../../domain/identity/user.js';
import { pageQueryFields } from '../routing/paged-response.js';

/** Scrypt takes any length; the ceiling only stops a caller from making us hash megabytes. */
const PASSWORD_MAX_LENGTH = 1024;

const Email = z.email().max(254).describe('Unique among the live users of the organization; compared case-insensitively.');
const Password = z.string().max(PASSWORD_MAX_LENGTH).describe('At least 12 characters. Never returned.');
const PersonName = z.string().max(USER_NAME_MAX_LENGTH);
const RoleInput = z.enum(ROLE_INPUTS).describe('`admin` and `user` are accepted as aliases of org_admin and company_member.');
const CompanyId = z.uuid().describe('Required for company_admin and company_member; must be empty for org_admin.');

const userCreateShape = {
  email: Email,
  password: Password,
  company_id: CompanyId.nullish(),
  name_first: PersonName.nullish(),
  name_last: PersonName.nullish(),
};

export const UserIdParams = z.strictObject({ user_id: z.uuid() });

export const UserCreate = z.strictObject({ ...userCreateShape, role: RoleInput.default('company_member') }).meta({ id: 'UserCreate' });

/** A super-admin bootstraps organizations, so the first user is usually their admin. */
export const SuperAdminUserCreate = z
  .strictObject({ ...userCreateShape, role: RoleInput.default('org_admin') })
  .meta({ id: 'SuperAdminUserCreate' });

/**
 * Absent leaves a field unchanged. `null` also leaves email, password and role unchanged, but
 * clears company_id (detaching the user) and the name parts.
 */
export const UserUpdate = z
  .strictObject({
    email: Email.nullish(),
    password: Password.nullish(),
    company_id: CompanyId.nullish(),
    name_first: PersonName.nullish(),
    name_last: PersonName.nullish(),
    role: RoleInput.nullish(),
  })
  .meta({ id: 'UserUpdate' });

export const UserListQuery = z.strictObject({
  ...pageQueryFields,
  company_id: z.uuid().optional().describe("Only this company's users."),
});

export const UserResponse = z
  .object({
    id: z.uuid(),
    org_id: z.uuid(),
    email: z.string(),
    company_id: z.uuid().nullable(),
    name_first: z.string().nullable(),
    name_last: z.string().nullable(),
    role: z.enum(ROLES),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'UserResponse' });

export const UserList = z.array(UserResponse).meta({ id: 'UserList' });

export type UserUpdateBody = z.output<typeof UserUpdate>;

/**
 * The use case's view of a create body, from either door: the tenant route (default role
 * company_member) or the super-admin bootstrap route (default org_admin). Only the defaults differ.
 */
export function toNewUserFields(body: z.output<typeof UserCreate> | z.output<typeof SuperAdminUserCreate>) {
  return {
    email: body.email,
    password: body.password,
    role: body.role,
    companyId: body.company_id,
    nameFirst: body.name_first,
    nameLast: body.name_last,
  };
}

/** The use case's view of an update body: `undefined` wherever nothing should change. */
export function toUserChanges(body: UserUpdateBody) {
  return {
    email: body.email ?? undefined,
    password: body.password ?? undefined,
    companyId: body.company_id,
    nameFirst: body.name_first,
    nameLast: body.name_last,
    role: body.role ?? undefined,
  };
}

export function userUpdateIsEmpty(body: UserUpdateBody): boolean {
  return Object.values(toUserChanges(body)).every((value) => value === undefined);
}

/** Whitelists what leaves the building: the password hash in particular never does. */
export function toUserResponse(user: User): z.output<typeof UserResponse> {
  return {
    id: user.id,
    org_id: user.orgId,
    email: user.email,
    company_id: user.companyId,
    name_first: user.nameFirst,
    name_last: user.nameLast,
    role: user.role,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
