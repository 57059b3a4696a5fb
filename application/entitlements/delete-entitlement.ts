import { EntitlementNotFoundError } from '../../domain/entitlements/entitlement-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { EntitlementRepository } from './entitlement.repository.js';

export interface DeleteEntitlementCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly entitlementId: string;
}

/** Soft delete: the company loses the capability at once, and may be granted it again later. */
export class DeleteEntitlement {
  constructor(
    private readonly entitlements: EntitlementRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeleteEntitlementCommand): Promise<void> {
    const { orgId, entitlementId } = command;
    const action = { context: command.context, action: 'entitlement.deleted', targetType: 'entitlement', targetId: entitlementId, orgId };
    await this.audited.run(action, async () => {
      const entitlement = await this.entitlements.findById(orgId, entitlementId);
      if (!entitlement) throw new EntitlementNotFoundError();
      entitlement.softDelete(this.clock.now());
      await this.entitlements.save(entitlement);
    });
  }
}
