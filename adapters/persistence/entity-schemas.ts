import { AuditEventSchema } from './audit/audit-event.entity-schema.js';
import { SuperAdminSchema } from './identity/super-admin.entity-schema.js';
import { OrganizationSchema } from './tenancy/organization.entity-schema.js';

/** Every mapped entity, registered explicitly: folder discovery is fragile under tsx and vitest. */
export const entitySchemas = [OrganizationSchema, SuperAdminSchema, AuditEventSchema];
