import type { CapabilitySlug } from './capability.js';

/**
 * The catalogue is reference data seeded by migration with fixed ids: what a company can be given
 * (capabilities) and who fulfils it behind the scenes (providers). Nothing in the engine edits it.
 */
export class Capability {
  constructor(
    readonly id: string,
    readonly slug: CapabilitySlug,
    readonly name: string,
    readonly createdAt: Date,
  ) {}
}

/**
 * A provider serves exactly one capability. Its slug and name are the engine's secret: they may
 * appear on super-admin routes and in logs of our own, never in anything a tenant reads.
 */
export class Provider {
  constructor(
    readonly id: string,
    readonly slug: string,
    readonly name: string,
    readonly capabilityId: string,
    /** Denormalised from the capability, so callers need no second lookup to name it. */
    readonly capabilitySlug: CapabilitySlug,
    readonly createdAt: Date,
  ) {}
}
