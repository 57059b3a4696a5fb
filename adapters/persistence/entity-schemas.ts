import { AuditEventSchema } from './audit/audit-event.entity-schema.js';
import { CapabilitySchema } from './entitlements/capability.entity-schema.js';
import { EntitlementSchema } from './entitlements/entitlement.entity-schema.js';
import { ProviderSchema } from './entitlements/provider.entity-schema.js';
import { ApiTokenSchema } from './identity/api-token.entity-schema.js';
import { SuperAdminSchema } from './identity/super-admin.entity-schema.js';
import { UserSchema } from './identity/user.entity-schema.js';
import { CampaignSchema } from './outreach/campaign.entity-schema.js';
import { CompanySchema } from './tenancy/company.entity-schema.js';
import { OrganizationSchema } from './tenancy/organization.entity-schema.js';

/** Every mapped entity, registered explicitly: folder discovery is fragile under tsx and vitest. */
export const entitySchemas = [
  OrganizationSchema,
  CompanySchema,
  SuperAdminSchema,
  UserSchema,
  ApiTokenSchema,
  AuditEventSchema,
  CapabilitySchema,
  ProviderSchema,
  EntitlementSchema,
  CampaignSchema,
];
