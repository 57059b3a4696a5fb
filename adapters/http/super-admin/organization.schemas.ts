import { z } from 'zod';
import { pageQueryFields } from '../routing/paged-response.js';
import { ORGANIZATION_NAME_MAX_LENGTH, ORGANIZATION_STATUSES, type Organization } from '../../../domain/tenancy/organization.js';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../../domain/tenancy/organization-slug.js';

const Name = z.string().max(ORGANIZATION_NAME_MAX_LENGTH).describe('Display name; may stay empty while onboarding.');
const Slug = z
  .string()
  .max(SLUG_MAX_LENGTH)
  .regex(SLUG_PATTERN, 'must be lowercase letters, digits or inner hyphens')
  .describe('Unique among live organizations.');

export const OrganizationIdParams = z.strictObject({ org_id: z.uuid() });

export const OrganizationCreate = z.strictObject({ name: Name, slug: Slug }).meta({ id: 'OrganizationCreate' });

/** `null` and an absent field both mean "leave unchanged", as in the reference contract. */
export const OrganizationUpdate = z
  .strictObject({ name: Name.nullish(), slug: Slug.nullish() })
  .meta({ id: 'OrganizationUpdate' });

export const OrganizationListQuery = z.strictObject({
  ...pageQueryFields,
});

export const OrganizationResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    status: z.enum(ORGANIZATION_STATUSES),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'OrganizationResponse' });

export const OrganizationList = z.array(OrganizationResponse).meta({ id: 'OrganizationList' });

/** Whitelists what leaves the building: new fields on the entity never leak by accident. */
export function toOrganizationResponse(organization: Organization): z.output<typeof OrganizationResponse> {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    status: organization.status,
    created_at: organization.createdAt.toISOString(),
    updated_at: organization.updatedAt.toISOString(),
  };
}
