import type { Company } from '../../domain/tenancy/company.js';
import { CompanyNotFoundError } from '../../domain/tenancy/company-errors.js';
import type { CompanyRepository } from './company.repository.js';

export interface GetCompanyQuery {
  readonly orgId: string;
  readonly companyId: string;
}

export class GetCompany {
  constructor(private readonly companies: CompanyRepository) {}

  async execute(query: GetCompanyQuery): Promise<Company> {
    const company = await this.companies.findById(query.orgId, query.companyId);
    if (!company) throw new CompanyNotFoundError();
    return company;
  }
}
