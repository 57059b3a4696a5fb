import type { Company, CompanyChanges, CompanyField } from '../../domain/tenancy/company.js';
import { CompanyNotFoundError } from '../../domain/tenancy/company-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CompanyRepository } from './company.repository.js';

export interface UpdateCompanyCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly companyId: string;
  readonly changes: CompanyChanges;
}

export class UpdateCompany {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateCompanyCommand): Promise<Company> {
    const { orgId, companyId } = command;
    const action = { context: command.context, action: 'company.update', targetType: 'company', targetId: companyId, orgId };
    let changedFields: CompanyField[] = [];
    return this.audited.run(
      action,
      async () => {
        const company = await this.companies.findById(orgId, companyId);
        if (!company) throw new CompanyNotFoundError();
        changedFields = company.update(command.changes, this.clock.now());
        if (changedFields.length) await this.companies.save(company);
        return company;
      },
      () => ({ fields: changedFields }),
    );
  }
}
