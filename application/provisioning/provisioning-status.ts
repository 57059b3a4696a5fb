import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { EntitlementStatus, ProvisioningState } from '../../domain/entitlements/entitlement.js';
import type { Entitlement } from '../../domain/entitlements/entitlement.js';
import type { Provider } from '../../domain/entitlements/catalogue.js';

/** Where a company's capability stands, as super-admins see it (the provider is named here). */
export interface ProvisioningStatus {
  readonly companyId: string;
  readonly orgId: string;
  readonly capability: CapabilitySlug;
  readonly providerSlug: string;
  readonly entitlementStatus: EntitlementStatus;
  readonly provisioningState: ProvisioningState;
  readonly clientId: string | null;
  readonly lastError: string | null;
  readonly updatedAt: Date;
}

export function provisioningStatusOf(entitlement: Entitlement, provider: Provider): ProvisioningStatus {
  return {
    companyId: entitlement.companyId,
    orgId: entitlement.orgId,
    capability: entitlement.capability,
    providerSlug: provider.slug,
    entitlementStatus: entitlement.status,
    provisioningState: entitlement.provisioningState,
    clientId: entitlement.providerClientId,
    lastError: entitlement.lastError,
    updatedAt: entitlement.updatedAt,
  };
}
