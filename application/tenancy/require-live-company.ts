import type { Company } from '../../domain/tenancy/company.js';
import { CompanyNotFoundError } from '../../domain/tenancy/company-errors.js';
import type { CompanyRepository } from './company.repository.js';

/**
 * A company id supplied by a caller must name a live company of the caller's organization. A
 * company of another organization is reported exactly like a missing one, so ids never leak.
 */
export async function requireLiveCompany(companies: CompanyRepository, orgId: string, companyId: string): Promise<Company> {
  const company = await companies.findById(orgId, companyId);
  if (!company) throw new CompanyNotFoundError();
  return company;
}
