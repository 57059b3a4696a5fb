import { z } from 'zod';
import { CAPABILITY_SLUGS } from '../../../domain/entitlements/capability.js';
import type { Provider } from '../../../domain/entitlements/catalogue.js';

// Super-admin shapes only: nothing here may be reused by a tenant route.

export const ProviderInfo = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    capability_id: z.uuid(),
    capability_slug: z.enum(CAPABILITY_SLUGS),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'ProviderInfo' });

export const ProviderList = z.array(ProviderInfo).meta({ id: 'ProviderList' });

export const ProviderConfigUpdate = z
  .strictObject({
    provider_slug: z.string().min(1).max(64).describe('As listed by GET /api/super-admin/providers.'),
    config: z
      .record(z.string(), z.unknown())
      .describe(
        '`api_key` (required, at most 512 characters) and, for providers with workspaces, `workspace_id`. ' +
          'Encrypted at rest; never returned or logged. Replaces any config set before.',
      ),
  })
  .meta({ id: 'ProviderConfigUpdate' });

export const ProviderConfigSet = z
  .object({ provider: z.string().describe('The provider slug.'), config_set: z.literal(true) })
  .meta({ id: 'ProviderConfigSet' });

/** Whitelists what leaves the building: new fields on the entity never leak by accident. */
export function toProviderInfo(provider: Provider): z.output<typeof ProviderInfo> {
  return {
    id: provider.id,
    slug: provider.slug,
    name: provider.name,
    capability_id: provider.capabilityId,
    capability_slug: provider.capabilitySlug,
    created_at: provider.createdAt.toISOString(),
  };
}
