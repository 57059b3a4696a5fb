import { canonicalRole, type RoleInput } from '../../domain/access/role.js';
import { WeakPasswordError } from '../../domain/identity/identity-errors.js';
import { USER_PASSWORD_MIN_LENGTH, assertRoleCompanyPairing, type User, type UserField } from '../../domain/identity/user.js';
import { OwnAccessChangeError, UserNotFoundError } from '../../domain/identity/user-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { requireLiveCompany } from '../tenancy/require-live-company.js';
import { isActingUser } from './acting-user.js';
import type { PasswordHasher } from './password-hasher.port.js';
import type { UserRepository } from './user.repository.js';

export interface UserUpdate {
  readonly email?: string | undefined;
  /** Plain text; hashed here, never stored or audited as given. */
  readonly password?: string | undefined;
  /** `null` detaches the user from their company (only valid for org admins). */
  readonly companyId?: string | null | undefined;
  readonly nameFirst?: string | null | undefined;
  readonly nameLast?: string | null | undefined;
  readonly role?: RoleInput | undefined;
}

export interface UpdateUserCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly userId: string;
  readonly changes: UserUpdate;
}

export class UpdateUser {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateUserCommand): Promise<User> {
    const { orgId, userId, changes } = command;
    const action = { context: command.context, action: 'user.update', targetType: 'user', targetId: userId, orgId };
    let changedFields: UserField[] = [];
    return this.audited.run(
      action,
      async () => {
        const user = await this.users.findById(orgId, userId);
        if (!user) throw new UserNotFoundError();
        const role = changes.role === undefined ? undefined : canonicalRole(changes.role);
        const accessChanges = (role !== undefined && role !== user.role) || (changes.companyId !== undefined && changes.companyId !== user.companyId);
        // Resending one's own unchanged role or company is harmless; only a real change is refused.
        if (accessChanges && isActingUser(command.context, userId)) throw new OwnAccessChangeError('change the role or company of');
        if (changes.password !== undefined && changes.password.length < USER_PASSWORD_MIN_LENGTH) {
          throw new WeakPasswordError(USER_PASSWORD_MIN_LENGTH);
        }
        // As on create, the pairing is judged before the lookup so its answer never depends on what exists.
        const nextRole = role ?? user.role;
        assertRoleCompanyPairing(nextRole, changes.companyId !== undefined ? changes.companyId : nextRole === 'org_admin' ? null : user.companyId);
        if (typeof changes.companyId === 'string' && changes.companyId !== user.companyId) {
          await requireLiveCompany(this.companies, orgId, changes.companyId);
        }
        changedFields = user.update(
          {
            email: changes.email,
            passwordHash: changes.password === undefined ? undefined : await this.passwords.hash(changes.password),
            companyId: changes.companyId,
            nameFirst: changes.nameFirst,
            nameLast: changes.nameLast,
            role,
          },
          this.clock.now(),
        );
        if (changedFields.length) await this.users.save(user);
        return user;
      },
      () => ({ fields: changedFields }),
    );
  }
}
