import { defineEntity, p } from '@mikro-orm/core';
import { COMPANY_STATUSES, Company } from '../../../domain/tenancy/company.js';

export const CompanySchema = defineEntity({
  class: Company,
  tableName: 'companies',
  properties: {
    id: p.uuid().primary(),
    // The organization is referenced by id, not mapped as a relation: aggregates stay separate.
    orgId: p.uuid(),
    name: p.text(),
    domain: p.text().nullable(),
    status: p.enum(COMPANY_STATUSES),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    deletedAt: p.datetime().nullable(),
  },
});
