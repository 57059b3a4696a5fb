import type { MikroORM } from '@mikro-orm/postgresql';
import type { CatalogueRepository } from '../../../application/entitlements/catalogue.repository.js';
import type { CapabilitySlug } from '../../../domain/entitlements/capability.js';
import type { Capability, Provider } from '../../../domain/entitlements/catalogue.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { CapabilitySchema } from './capability.entity-schema.js';
import { ProviderSchema } from './provider.entity-schema.js';
import { isUuid } from '../shared/uuid.js';

const CATALOGUE_ORDER = { orderBy: { createdAt: 'asc', id: 'asc' } } as const;

/** Ids from callers are checked before they reach a uuid column, where a malformed one would be a SQL error. */

export class MikroOrmCatalogueRepository implements CatalogueRepository {
  constructor(private readonly orm: MikroORM) {}

  listCapabilities(): Promise<Capability[]> {
    return entityManagerFor(this.orm).find(CapabilitySchema, {}, CATALOGUE_ORDER);
  }

  async findCapabilityById(id: string): Promise<Capability | null> {
    return isUuid(id) ? entityManagerFor(this.orm).findOne(CapabilitySchema, { id }) : null;
  }

  findCapabilityBySlug(slug: CapabilitySlug): Promise<Capability | null> {
    return entityManagerFor(this.orm).findOne(CapabilitySchema, { slug });
  }

  listProviders(): Promise<Provider[]> {
    return entityManagerFor(this.orm).find(ProviderSchema, {}, CATALOGUE_ORDER);
  }

  async listProvidersOf(capabilityId: string): Promise<Provider[]> {
    return isUuid(capabilityId) ? entityManagerFor(this.orm).find(ProviderSchema, { capabilityId }, CATALOGUE_ORDER) : [];
  }

  async findProviderById(id: string): Promise<Provider | null> {
    return isUuid(id) ? entityManagerFor(this.orm).findOne(ProviderSchema, { id }) : null;
  }

  findProviderBySlug(slug: string): Promise<Provider | null> {
    return entityManagerFor(this.orm).findOne(ProviderSchema, { slug });
  }
}
