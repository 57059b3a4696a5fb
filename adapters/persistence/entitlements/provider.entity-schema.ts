import { defineEntity, p } from '@mikro-orm/core';
import { CAPABILITY_SLUGS } from '../../../domain/entitlements/capability.js';
import { Provider } from '../../../domain/entitlements/catalogue.js';

/** Seeded by migration 0003; the engine never writes it. */
export const ProviderSchema = defineEntity({
  class: Provider,
  tableName: 'providers',
  readonly: true,
  properties: {
    id: p.uuid().primary(),
    slug: p.text(),
    name: p.text(),
    capabilityId: p.uuid(),
    // Read in the same query rather than through a mapped relation: aggregates stay separate.
    capabilitySlug: p.enum(CAPABILITY_SLUGS).formula((columns) => `(select c.slug from capabilities c where c.id = ${columns.capabilityId})`),
    createdAt: p.datetime(),
  },
});
