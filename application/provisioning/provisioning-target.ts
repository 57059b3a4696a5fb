import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { Entitlement } from '../../domain/entitlements/entitlement.js';
import { CapabilityNotEntitledError } from '../../domain/entitlements/entitlement-errors.js';
import { CompanyNotFoundError } from '../../domain/tenancy/company-errors.js';
import type { Company } from '../../domain/tenancy/company.js';
import type { EntitlementRepository } from '../entitlements/entitlement.repository.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';

/**
 * The company a provisioning route names (by id alone: super-admins work across organizations)
 * and its live entitlement for the capability, if it has one.
 */
export async function findProvisioningTarget(
  companies: CompanyRepository,
  entitlements: EntitlementRepository,
  companyId: string,
  capability: CapabilitySlug,
): Promise<{ company: Company; entitlement: Entitlement | null }> {
  const company = await companies.findLiveInAnyOrganization(companyId);
  if (!company) throw new CompanyNotFoundError();
  const entitlement = await entitlements.findLiveForCompanyCapability(company.orgId, company.id, capability);
  return { company, entitlement };
}

/** The same, for routes that only make sense once the company is entitled. */
export async function requireProvisioningTarget(
  companies: CompanyRepository,
  entitlements: EntitlementRepository,
  companyId: string,
  capability: CapabilitySlug,
): Promise<{ company: Company; entitlement: Entitlement }> {
  const { company, entitlement } = await findProvisioningTarget(companies, entitlements, companyId, capability);
  if (!entitlement) throw new CapabilityNotEntitledError(capability);
  return { company, entitlement };
}
