import { CompanyNotFoundError } from '../../domain/tenancy/company-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
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
 * Soft delete. The company's users go with it, in the same transaction: a company user without a
 * live company could still log in to a tenant that no longer exists for them.
 */
export class DeleteCompany {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly users: UserRepository,
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
        return this.users.softDeleteAllOfCompany(orgId, companyId, now);
      },
      (deletedUsers) => ({ deleted_users: deletedUsers }),
    );
  }
}
