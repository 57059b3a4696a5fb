import { OwnAccessChangeError, UserNotFoundError } from '../../domain/identity/user-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { requireLiveOrganization } from '../tenancy/require-live-organization.js';
import { isActingUser } from './acting-user.js';
import type { UserRepository } from './user.repository.js';

export interface DeleteUserCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly userId: string;
}

/** Soft delete: the account stops working at once but stays on record for the audit trail. */
export class DeleteUser {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly users: UserRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeleteUserCommand): Promise<void> {
    const { orgId, userId } = command;
    const action = { context: command.context, action: 'user.delete', targetType: 'user', targetId: userId, orgId };
    await this.audited.run(action, async () => {
      await requireLiveOrganization(this.organizations, orgId);
      if (isActingUser(command.context, userId)) throw new OwnAccessChangeError('delete');
      const user = await this.users.findById(orgId, userId);
      if (!user) throw new UserNotFoundError();
      user.softDelete(this.clock.now());
      await this.users.save(user);
    });
  }
}
