import { CompanyNotFoundError } from '../../domain/tenancy/company-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { EntitlementRepository } from '../entitlements/entitlement.repository.js';
import type { UserRepository } from '../identity/user.repository.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CompanyRepository } from './company.repository.js';

export interface DeleteCompanyCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly companyId: string;
}

/**
 * Soft delete. The company's users and entitlements go with it, in the same transaction: a
 * company user without a live company could still log in to a tenant that no longer exists for
 * them, and an entitlement of a deleted company would linger in lists and still look usable.
 */
export class DeleteCompany {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly users: UserRepository,
    private readonly entitlements: EntitlementRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeleteCompanyCommand): Promise<void> {
    const { orgId, companyId } = command;
    const action = { context: command.context, action: 'company.delete', targetType: 'company', targetId: companyId, orgId };
    await this.audited.run(
      action,
      async () => {
        const company = await this.companies.findById(orgId, companyId);
        if (!company) throw new CompanyNotFoundError();
        const now = this.clock.now();
        company.softDelete(now);
        await this.companies.save(company);
        return {
          deletedUsers: await this.users.softDeleteAllOfCompany(orgId, companyId, now),
          deletedEntitlements: await this.entitlements.softDeleteAllOfCompany(orgId, companyId, now),
        };
      },
      (deleted) => ({ deleted_users: deleted.deletedUsers, deleted_entitlements: deleted.deletedEntitlements }),
    );
  }
}
