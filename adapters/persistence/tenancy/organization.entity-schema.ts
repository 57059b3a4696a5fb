import { defineEntity, p } from '@mikro-orm/core';
import { ORGANIZATION_STATUSES, Organization } from '../../../domain/tenancy/organization.js';

export const OrganizationSchema = defineEntity({
  class: Organization,
  tableName: 'organizations',
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    slug: p.text(),
    status: p.enum(ORGANIZATION_STATUSES),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    deletedAt: p.datetime().nullable(),
  },
});
