import type { CapabilitySlug } from '../../domain/entitlements/capability.js';

/**
 * The catalogue ids migration 0003 seeds. Fixed on purpose, so tests, fakes and every database
 * agree on them; a test that sees other ids here has found a changed migration.
 */
export const CAPABILITY_IDS: Readonly<Record<CapabilitySlug, string>> = {
  email_outreach: '0c0a0001-0000-4000-8000-000000000001',
  linkedin_outreach: '0c0a0001-0000-4000-8000-000000000002',
};

export const PROVIDER_IDS = {
  smartlead: '0c0a0002-0000-4000-8000-000000000001',
  instantly: '0c0a0002-0000-4000-8000-000000000002',
  heyreach: '0c0a0002-0000-4000-8000-000000000003',
} as const;

export type SeededProviderSlug = keyof typeof PROVIDER_IDS;

/** Provider names a tenant must never read, in any casing. */
export const PROVIDER_NAMES_HIDDEN_FROM_TENANTS = /smartlead|instantly|heyreach/i;
