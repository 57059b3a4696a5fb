import { defineEntity, p } from '@mikro-orm/core';
import { CAPABILITY_SLUGS } from '../../../domain/entitlements/capability.js';
import { Capability } from '../../../domain/entitlements/catalogue.js';

/** Seeded by migration 0003; the engine never writes it. */
export const CapabilitySchema = defineEntity({
  class: Capability,
  tableName: 'capabilities',
  readonly: true,
  properties: {
    id: p.uuid().primary(),
    slug: p.enum(CAPABILITY_SLUGS),
    name: p.text(),
    createdAt: p.datetime(),
  },
});
