import type { ListCapabilities } from '../../../application/entitlements/list-capabilities.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { CapabilityList, toCapabilityInfo } from './capability.schemas.js';

/**
 * An engine addition: tenants need capability ids to request entitlements. Providers have no
 * tenant counterpart, on purpose.
 */
export function tenantCapabilityRoutes(useCases: { listCapabilities: ListCapabilities }): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/capabilities/',
      operationId: 'list_tenant_capabilities',
      summary: 'List the capabilities a company can be entitled to.',
      tags: ['entitlements'],
      auth: 'tenant',
      permission: 'org.manage_entitlements',
      responses: { 200: { description: 'Every capability.', schema: CapabilityList } },
      handle: async () => ({ status: 200, body: (await useCases.listCapabilities.execute()).map(toCapabilityInfo) }),
    }),
  ];
}
