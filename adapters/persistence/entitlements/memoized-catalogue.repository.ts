import type { CatalogueRepository } from '../../../application/entitlements/catalogue.repository.js';
import type { CapabilitySlug } from '../../../domain/entitlements/capability.js';
import { Capability, Provider } from '../../../domain/entitlements/catalogue.js';

/**
 * Remembers the catalogue rows a process has found, so hot paths (every webhook delivery names its
 * provider) stop paying a query for reference data. Safe because the catalogue only changes by
 * migration — the engine never writes it (provider.entity-schema.ts is read-only) — and a new
 * migration ships with a new release, so a new process. Only hits are remembered: a slug or id
 * not found yet is asked again, so a row a migration adds while processes run is seen at once.
 *
 * Remembered rows are plain copies, not the ORM's entities: an entity would keep the entity
 * manager that loaded it (and its identity map) alive, and would be shared across requests.
 * Lists are not remembered; nothing hot reads them.
 */
export class MemoizedCatalogueRepository implements CatalogueRepository {
  private readonly capabilitiesById = new Map<string, Capability>();
  private readonly capabilitiesBySlug = new Map<string, Capability>();
  private readonly providersById = new Map<string, Provider>();
  private readonly providersBySlug = new Map<string, Provider>();

  constructor(private readonly catalogue: CatalogueRepository) {}

  listCapabilities(): Promise<Capability[]> {
    return this.catalogue.listCapabilities();
  }

  async findCapabilityById(id: string): Promise<Capability | null> {
    return this.capabilitiesById.get(id) ?? this.rememberCapability(await this.catalogue.findCapabilityById(id));
  }

  async findCapabilityBySlug(slug: CapabilitySlug): Promise<Capability | null> {
    return this.capabilitiesBySlug.get(slug) ?? this.rememberCapability(await this.catalogue.findCapabilityBySlug(slug));
  }

  listProviders(): Promise<Provider[]> {
    return this.catalogue.listProviders();
  }

  listProvidersOf(capabilityId: string): Promise<Provider[]> {
    return this.catalogue.listProvidersOf(capabilityId);
  }

  async findProviderById(id: string): Promise<Provider | null> {
    return this.providersById.get(id) ?? this.rememberProvider(await this.catalogue.findProviderById(id));
  }

  async findProviderBySlug(slug: string): Promise<Provider | null> {
    return this.providersBySlug.get(slug) ?? this.rememberProvider(await this.catalogue.findProviderBySlug(slug));
  }

  private rememberCapability(found: Capability | null): Capability | null {
    if (!found) return null;
    const copy = new Capability(found.id, found.slug, found.name, new Date(found.createdAt.getTime()));
    this.capabilitiesById.set(copy.id, copy);
    this.capabilitiesBySlug.set(copy.slug, copy);
    return copy;
  }

  private rememberProvider(found: Provider | null): Provider | null {
    if (!found) return null;
    const copy = new Provider(found.id, found.slug, found.name, found.capabilityId, found.capabilitySlug, new Date(found.createdAt.getTime()));
    this.providersById.set(copy.id, copy);
    this.providersBySlug.set(copy.slug, copy);
    return copy;
  }
}
