import type { Provider } from '../../domain/entitlements/catalogue.js';
import type { CatalogueRepository } from './catalogue.repository.js';

/** Super-admins only: which provider fulfils a capability is never shown to tenants. */
export class ListProviders {
  constructor(private readonly catalogue: CatalogueRepository) {}

  execute(): Promise<Provider[]> {
    return this.catalogue.listProviders();
  }
}
