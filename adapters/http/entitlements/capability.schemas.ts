import { z } from 'zod';
import { CAPABILITY_SLUGS } from '../../../domain/entitlements/capability.js';
import type { Capability } from '../../../domain/entitlements/catalogue.js';

/** The reference contract's CapabilityInfo; served to super-admins and tenants alike. */
export const CapabilityInfo = z
  .object({
    id: z.uuid(),
    slug: z.enum(CAPABILITY_SLUGS),
    name: z.string(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'CapabilityInfo' });

export const CapabilityList = z.array(CapabilityInfo).meta({ id: 'CapabilityList' });

/** Whitelists what leaves the building: new fields on the entity never leak by accident. */
export function toCapabilityInfo(capability: Capability): z.output<typeof CapabilityInfo> {
  return { id: capability.id, slug: capability.slug, name: capability.name, created_at: capability.createdAt.toISOString() };
}
