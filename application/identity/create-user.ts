import { canonicalRole, type RoleInput } from '../../domain/access/role.js';
import { WeakPasswordError } from '../../domain/identity/identity-errors.js';
import { USER_PASSWORD_MIN_LENGTH, User, assertRoleCompanyPairing } from '../../domain/identity/user.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { requireLiveCompany } from '../tenancy/require-live-company.js';
import { requireLiveOrganization } from '../tenancy/require-live-organization.js';
import type { PasswordHasher } from './password-hasher.port.js';
import type { UserRepository } from './user.repository.js';

export interface CreateUserCommand {
  readonly context: RequestContext;
  /** From the caller's credential (tenant) or the path (super-admin), never from the body. */
  readonly orgId: string;
  readonly email: string;
  readonly password: string;
  /** Legacy aliases are accepted and stored canonically. */
  readonly role: RoleInput;
  readonly companyId?: string | null | undefined;
  readonly nameFirst?: string | null | undefined;
  readonly nameLast?: string | null | undefined;
}

export class CreateUser {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly companies: CompanyRepository,
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: CreateUserCommand): Promise<User> {
    const id = this.ids.next();
    const { orgId } = command;
    const action = { context: command.context, action: 'user.create', targetType: 'user', targetId: id, orgId };
    return this.audited.run(
      action,
      async () => {
        await requireLiveOrganization(this.organizations, orgId);
        if (command.password.length < USER_PASSWORD_MIN_LENGTH) throw new WeakPasswordError(USER_PASSWORD_MIN_LENGTH);
        const role = canonicalRole(command.role);
        const companyId = command.companyId ?? null;
        // The pairing is checked before the lookup so its answer never depends on what exists.
        assertRoleCompanyPairing(role, companyId);
        if (companyId !== null) await requireLiveCompany(this.companies, orgId, companyId);
        const user = User.register({
          id,
          orgId,
          companyId,
          email: command.email,
          passwordHash: await this.passwords.hash(command.password),
          nameFirst: command.nameFirst,
          nameLast: command.nameLast,
          role,
          now: this.clock.now(),
        });
        // The repository turns a live-email clash (the partial unique index) into UserEmailTakenError.
        await this.users.add(user);
        return user;
      },
    );
  }
}
