import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { Entitlement } from '../../domain/entitlements/entitlement.js';
import { CapabilityNotEntitledError } from '../../domain/entitlements/entitlement-errors.js';
import type { EntitlementRepository } from './entitlement.repository.js';

/**
 * The guard in front of provider work for a company: it must hold a live entitlement for the
 * capability (CapabilityNotEntitledError) and that entitlement must be connected
 * (CapabilityNotConnectedError). Both answers name the capability, never the provider.
 */
export async function requireConnectedEntitlement(
  entitlements: EntitlementRepository,
  orgId: string,
  companyId: string,
  capability: CapabilitySlug,
): Promise<Entitlement> {
  const entitlement = await entitlements.findLiveForCompanyCapability(orgId, companyId, capability);
  if (!entitlement) throw new CapabilityNotEntitledError(capability);
  entitlement.assertConnected();
  return entitlement;
}
