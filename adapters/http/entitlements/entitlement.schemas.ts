import { z } from 'zod';
import { CAPABILITY_SLUGS } from '../../../domain/entitlements/capability.js';
import { ENTITLEMENT_STATUSES, PROVISIONING_STATES, type Entitlement } from '../../../domain/entitlements/entitlement.js';
import { pageQueryFields } from '../routing/paged-response.js';

export const EntitlementIdParams = z.strictObject({ entitlement_id: z.uuid() });

export const EntitlementCreate = z
  .strictObject({
    company_id: z.uuid().describe('A live company of your organization.'),
    capability_id: z.uuid().describe('From GET /api/capabilities/.'),
    provider_id: z
      .uuid()
      .nullish()
      .describe('Optional: left out, the one provider of the capability your organization has credentials for (422 `provider_required` when that is not exactly one).'),
  })
  .meta({ id: 'EntitlementCreate' });

export const EntitlementUpdate = z
  .strictObject({
    status: z
      .enum(ENTITLEMENT_STATUSES)
      .nullish()
      .describe('`disconnected` switches a connected entitlement off; `connected` switches it back on once provisioning has verified it.'),
    provider_config: z
      .record(z.string(), z.unknown())
      .nullish()
      .describe('Must be null or absent: provider settings are managed by provisioning (422 `provider_config_not_writable`).'),
  })
  .meta({ id: 'EntitlementUpdate' });

export type EntitlementUpdateBody = z.output<typeof EntitlementUpdate>;

export const EntitlementListQuery = z.strictObject({
  ...pageQueryFields,
  company_id: z.uuid().optional().describe("Only this company's entitlements."),
});

export const EntitlementResponse = z
  .object({
    id: z.uuid(),
    company_id: z.uuid(),
    capability_id: z.uuid(),
    capability: z.enum(CAPABILITY_SLUGS),
    provider_id: z.uuid(),
    status: z.enum(ENTITLEMENT_STATUSES),
    provisioning_state: z.enum(PROVISIONING_STATES),
    last_error: z.string().nullable().describe('Why the last provisioning attempt failed, when it did.'),
    provider_config: z.null().describe('Always null: provider settings are managed by the engine and never exposed.'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'EntitlementResponse' });

export const EntitlementList = z.array(EntitlementResponse).meta({ id: 'EntitlementList' });

/** Whitelists what leaves the building: the provider's client id, for one, never does. */
export function toEntitlementResponse(entitlement: Entitlement): z.output<typeof EntitlementResponse> {
  return {
    id: entitlement.id,
    company_id: entitlement.companyId,
    capability_id: entitlement.capabilityId,
    capability: entitlement.capability,
    provider_id: entitlement.providerId,
    status: entitlement.status,
    provisioning_state: entitlement.provisioningState,
    last_error: entitlement.lastError,
    provider_config: null,
    created_at: entitlement.createdAt.toISOString(),
    updated_at: entitlement.updatedAt.toISOString(),
  };
}
