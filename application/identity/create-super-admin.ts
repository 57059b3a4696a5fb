import { SuperAdminAlreadyExistsError, WeakPasswordError } from '../../domain/identity/identity-errors.js';
import { SUPER_ADMIN_PASSWORD_MIN_LENGTH, SuperAdmin, normaliseEmail } from '../../domain/identity/super-admin.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { PasswordHasher } from './password-hasher.port.js';
import type { SuperAdminRepository } from './super-admin.repository.js';

export interface CreateSuperAdminCommand {
  readonly context: RequestContext;
  readonly email: string;
  readonly password: string;
}

export class CreateSuperAdmin {
  constructor(
    private readonly superAdmins: SuperAdminRepository,
    private readonly passwords: PasswordHasher,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: CreateSuperAdminCommand): Promise<SuperAdmin> {
    const id = this.ids.next();
    const action = { context: command.context, action: 'super_admin.create', targetType: 'super_admin', targetId: id, orgId: null };
    return this.audited.run(action, async () => {
      if (command.password.length < SUPER_ADMIN_PASSWORD_MIN_LENGTH) {
        throw new WeakPasswordError(SUPER_ADMIN_PASSWORD_MIN_LENGTH);
      }
      const email = normaliseEmail(command.email);
      if (await this.superAdmins.findByEmail(email)) throw new SuperAdminAlreadyExistsError();
      const passwordHash = await this.passwords.hash(command.password);
      const superAdmin = SuperAdmin.register({ id, email, passwordHash, now: this.clock.now() });
      await this.superAdmins.add(superAdmin);
      return superAdmin;
    });
  }
}
