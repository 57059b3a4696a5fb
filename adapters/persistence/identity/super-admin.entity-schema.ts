import { defineEntity, p } from '@mikro-orm/core';
import { SuperAdmin } from '../../../domain/identity/super-admin.js';

export const SuperAdminSchema = defineEntity({
  class: SuperAdmin,
  tableName: 'super_admins',
  properties: {
    id: p.uuid().primary(),
    email: p.text(),
    passwordHash: p.text(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
