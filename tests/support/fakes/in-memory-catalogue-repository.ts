import type { CatalogueRepository } from '../../../application/entitlements/catalogue.repository.js';
import type { CapabilitySlug } from '../../../domain/entitlements/capability.js';
import { Capability, Provider } from '../../../domain/entitlements/catalogue.js';
import { CAPABILITY_IDS, PROVIDER_IDS } from '../catalogue-ids.js';

const SEEDED_AT = new Date('2026-11-22T00:00:00.000Z');

/** The catalogue exactly as migration 0003 seeds it: same ids, slugs, names and order. */
export class InMemoryCatalogueRepository implements CatalogueRepository {
  private readonly capabilities = [
    new Capability(CAPABILITY_IDS.email_outreach, 'email_outreach', 'Email outreach', SEEDED_AT),
    new Capability(CAPABILITY_IDS.linkedin_outreach, 'linkedin_outreach', 'LinkedIn outreach', SEEDED_AT),
  ];

  private readonly providers = [
    new Provider(PROVIDER_IDS.smartlead, 'smartlead', 'Smartlead', CAPABILITY_IDS.email_outreach, 'email_outreach', SEEDED_AT),
    new Provider(PROVIDER_IDS.instantly, 'instantly', 'Instantly', CAPABILITY_IDS.email_outreach, 'email_outreach', SEEDED_AT),
    new Provider(PROVIDER_IDS.heyreach, 'heyreach', 'HeyReach', CAPABILITY_IDS.linkedin_outreach, 'linkedin_outreach', SEEDED_AT),
  ];

  async listCapabilities(): Promise<Capability[]> {
    return [...this.capabilities];
  }

  async findCapabilityById(id: string): Promise<Capability | null> {
    return this.capabilities.find((capability) => capability.id === id) ?? null;
  }

  async findCapabilityBySlug(slug: CapabilitySlug): Promise<Capability | null> {
    return this.capabilities.find((capability) => capability.slug === slug) ?? null;
  }

  async listProviders(): Promise<Provider[]> {
    return [...this.providers];
  }

  async listProvidersOf(capabilityId: string): Promise<Provider[]> {
    return this.providers.filter((provider) => provider.capabilityId === capabilityId);
  }

  async findProviderById(id: string): Promise<Provider | null> {
    return this.providers.find((provider) => provider.id === id) ?? null;
  }

  async findProviderBySlug(slug: string): Promise<Provider | null> {
    return this.providers.find((provider) => provider.slug === slug) ?? null;
  }
}
