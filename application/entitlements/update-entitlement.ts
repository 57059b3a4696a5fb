import type { Entitlement, EntitlementStatus } from '../../domain/entitlements/entitlement.js';
import { EntitlementNotFoundError } from '../../domain/entitlements/entitlement-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { EntitlementRepository } from './entitlement.repository.js';

export interface UpdateEntitlementCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly entitlementId: string;
  readonly status: EntitlementStatus;
}

/**
 * A tenant switches an entitlement off or back on (the rules are `Entitlement.requestStatus`).
 * Provider settings are not writable here: provisioning manages them.
 */
export class UpdateEntitlement {
  constructor(
    private readonly entitlements: EntitlementRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateEntitlementCommand): Promise<Entitlement> {
    const { orgId, entitlementId } = command;
    const action = { context: command.context, action: 'entitlement.updated', targetType: 'entitlement', targetId: entitlementId, orgId };
    let from: EntitlementStatus | undefined;
    return this.audited.run(
      action,
      async () => {
        const entitlement = await this.entitlements.findById(orgId, entitlementId);
        if (!entitlement) throw new EntitlementNotFoundError();
        from = entitlement.status;
        if (entitlement.requestStatus(command.status, this.clock.now())) await this.entitlements.save(entitlement);
        return entitlement;
      },
      (entitlement) => ({ from: from ?? entitlement.status, to: entitlement.status }),
    );
  }
}
