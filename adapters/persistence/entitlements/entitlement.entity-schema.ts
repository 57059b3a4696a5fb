import { defineEntity, p } from '@mikro-orm/core';
import { CAPABILITY_SLUGS } from '../../../domain/entitlements/capability.js';
import { ENTITLEMENT_STATUSES, Entitlement, PROVISIONING_STATES } from '../../../domain/entitlements/entitlement.js';

export const EntitlementSchema = defineEntity({
  class: Entitlement,
  tableName: 'company_entitlements',
  properties: {
    id: p.uuid().primary(),
    // Organization, company, capability and provider are referenced by id, not mapped as relations.
    orgId: p.uuid(),
    companyId: p.uuid(),
    capabilityId: p.uuid(),
    // Not a column: read from the catalogue in the same query, so errors can name the capability.
    capability: p.enum(CAPABILITY_SLUGS).formula((columns) => `(select c.slug from capabilities c where c.id = ${columns.capabilityId})`),
    providerId: p.uuid(),
    status: p.enum(ENTITLEMENT_STATUSES),
    providerClientId: p.text().nullable(),
    provisioningState: p.enum(PROVISIONING_STATES),
    lastError: p.text().nullable(),
    lastCheckedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    deletedAt: p.datetime().nullable(),
  },
});
