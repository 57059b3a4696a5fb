import { Company } from '../../domain/tenancy/company.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CompanyRepository } from './company.repository.js';
import type { OrganizationRepository } from './organization.repository.js';
import { requireLiveOrganization } from './require-live-organization.js';

export interface CreateCompanyCommand {
  readonly context: RequestContext;
  /** From the caller's credential (tenant) or the path (super-admin), never from the body. */
  readonly orgId: string;
  readonly name: string;
  readonly domain?: string | null | undefined;
}

export class CreateCompany {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly companies: CompanyRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: CreateCompanyCommand): Promise<Company> {
    const id = this.ids.next();
    const action = { context: command.context, action: 'company.create', targetType: 'company', targetId: id, orgId: command.orgId };
    return this.audited.run(action, async () => {
      await requireLiveOrganization(this.organizations, command.orgId);
      const company = Company.register({ id, orgId: command.orgId, name: command.name, domain: command.domain, now: this.clock.now() });
      // The repository turns a live-name clash (the partial unique index) into CompanyNameTakenError.
      await this.companies.add(company);
      return company;
    });
  }
}
