import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { CapabilityConnections } from '../outreach/capability-connections.js';
import type { EntitlementRepository } from '../entitlements/entitlement.repository.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { provisioningStatusOf, type ProvisioningStatus } from './provisioning-status.js';
import { requireProvisioningTarget } from './provisioning-target.js';

export interface GetProvisioningStatusQuery {
  readonly capability: CapabilitySlug;
  readonly companyId: string;
}

/** Reads where a company's capability stands; never calls the provider. */
export class GetProvisioningStatus {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly entitlements: EntitlementRepository,
    private readonly connections: CapabilityConnections,
  ) {}

  async execute(query: GetProvisioningStatusQuery): Promise<ProvisioningStatus> {
    const { entitlement } = await requireProvisioningTarget(this.companies, this.entitlements, query.companyId, query.capability);
    const { provider } = await this.connections.connectionFor(entitlement);
    return provisioningStatusOf(entitlement, provider);
  }
}
