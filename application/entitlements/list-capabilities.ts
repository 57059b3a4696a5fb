import type { Capability } from '../../domain/entitlements/catalogue.js';
import type { CatalogueRepository } from './catalogue.repository.js';

/** For super-admins and tenants alike: capabilities are what tenants speak in. */
export class ListCapabilities {
  constructor(private readonly catalogue: CatalogueRepository) {}

  execute(): Promise<Capability[]> {
    return this.catalogue.listCapabilities();
  }
}
