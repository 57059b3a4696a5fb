import type { ListCapabilities } from '../../../application/entitlements/list-capabilities.js';
import type { ListProviders } from '../../../application/entitlements/list-providers.js';
import { CapabilityList, toCapabilityInfo } from '../entitlements/capability.schemas.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { ProviderList, toProviderInfo } from './provider.schemas.js';

export interface CatalogueUseCases {
  readonly listCapabilities: ListCapabilities;
  readonly listProviders: ListProviders;
}

const TAGS = ['super-admin'];

export function catalogueRoutes(useCases: CatalogueUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/super-admin/capabilities',
      operationId: 'list_capabilities',
      summary: 'List every capability.',
      tags: TAGS,
      auth: 'super_admin',
      responses: { 200: { description: 'Every capability.', schema: CapabilityList } },
      handle: async () => ({ status: 200, body: (await useCases.listCapabilities.execute()).map(toCapabilityInfo) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/super-admin/providers',
      operationId: 'list_providers',
      summary: 'List every provider with the capability it serves.',
      tags: TAGS,
      auth: 'super_admin',
      responses: { 200: { description: 'Every provider.', schema: ProviderList } },
      handle: async () => ({ status: 200, body: (await useCases.listProviders.execute()).map(toProviderInfo) }),
    }),
  ];
}
