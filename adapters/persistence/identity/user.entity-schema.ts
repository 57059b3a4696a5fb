import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../../domain/access/role.js';
import { User } from '../../../domain/identity/user.js';

export const UserSchema = defineEntity({
  class: User,
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    companyId: p.uuid().nullable(),
    email: p.text(),
    passwordHash: p.text(),
    nameFirst: p.text().nullable(),
    nameLast: p.text().nullable(),
    role: p.enum(ROLES),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    deletedAt: p.datetime().nullable(),
  },
});
