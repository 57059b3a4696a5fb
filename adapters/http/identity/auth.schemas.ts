import { z } from 'zod';
import { PERMISSIONS } from '../../../domain/access/permission.js';
import { ROLES } from '../../../domain/access/role.js';
import type { OrganizationChoice, TenantSession } from '../../../application/identity/login-user.js';
import { ORGANIZATION_STATUSES } from '../../../domain/tenancy/organization.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import type { ResponseSpec } from '../routing/route.js';

export const tooManyAttempts: ResponseSpec = {
  description: 'Too many attempts for this account or from this address; wait for Retry-After seconds.',
  schema: ErrorEnvelopeSchema,
  headers: { 'Retry-After': { description: 'Seconds until another attempt is accepted.' } },
};

export const LoginRequest = z
  .strictObject({
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'LoginRequest' });

export const OrganizationChoiceResponse = z
  .object({
    id: z.uuid().describe('Organization id.'),
    name: z.string(),
    slug: z.string(),
    role: z.enum(ROLES).describe('Your role in that organization.'),
    current: z.boolean().describe('Whether the session acts in this organization.'),
  })
  .meta({ id: 'OrganizationChoice' });

export const OrganizationChoiceList = z.array(OrganizationChoiceResponse).meta({ id: 'OrganizationChoiceList' });

export const LoginResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_at: z.iso.datetime().describe('When the session stops being accepted.'),
    user_id: z.uuid(),
    org_id: z.uuid().describe('The organization this session acts in.'),
    organizations: OrganizationChoiceList.describe(
      'Every organization these credentials open. With more than one, offer a choice and call POST /api/auth/switch-org.',
    ),
  })
  .meta({ id: 'LoginResponse' });

export const SwitchOrganizationRequest = z
  .strictObject({ organization_id: z.uuid().describe('One of the organizations GET /api/auth/orgs lists.') })
  .meta({ id: 'SwitchOrganizationRequest' });

export const MeResponse = z
  .object({
    user_id: z.uuid(),
    org_id: z.uuid(),
    role: z.enum(ROLES),
    permissions: z.array(z.enum(PERMISSIONS)),
    company_id: z.uuid().nullable(),
    auth_method: z.enum(['session', 'api_token']),
    organization_status: z.enum(ORGANIZATION_STATUSES),
  })
  .meta({ id: 'MeResponse' });

export function toOrganizationChoices(choices: readonly OrganizationChoice[], currentOrgId: string): z.output<typeof OrganizationChoiceList> {
  return choices.map((choice) => ({ id: choice.orgId, name: choice.name, slug: choice.slug, role: choice.role, current: choice.orgId === currentOrgId }));
}

export function toLoginResponse(result: TenantSession): z.output<typeof LoginResponse> {
  return {
    access_token: result.session.token,
    token_type: 'bearer',
    expires_at: result.session.expiresAt.toISOString(),
    user_id: result.current.userId,
    org_id: result.current.orgId,
    organizations: toOrganizationChoices(result.choices, result.current.orgId),
  };
}
