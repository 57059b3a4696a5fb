import type { Capability, Provider } from '../../domain/entitlements/catalogue.js';
import type { CapabilitySlug } from '../../domain/entitlements/capability.js';

/**
 * The read-only catalogue of capabilities and the providers that fulfil them. Lists are ordered
 * by (created_at, id), which for the seeded rows is their fixed order.
 */
export interface CatalogueRepository {
  listCapabilities(): Promise<Capability[]>;
  findCapabilityById(id: string): Promise<Capability | null>;
  findCapabilityBySlug(slug: CapabilitySlug): Promise<Capability | null>;
  listProviders(): Promise<Provider[]>;
  /** The providers that serve one capability. */
  listProvidersOf(capabilityId: string): Promise<Provider[]>;
  findProviderById(id: string): Promise<Provider | null>;
  findProviderBySlug(slug: string): Promise<Provider | null>;
}
