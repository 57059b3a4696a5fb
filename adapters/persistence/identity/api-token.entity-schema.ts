import { defineEntity, p } from '@mikro-orm/core';
import { ApiToken } from '../../../domain/identity/api-token.js';

export const ApiTokenSchema = defineEntity({
  class: ApiToken,
  tableName: 'api_tokens',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    userId: p.uuid(),
    tokenHash: p.text(),
    name: p.text().nullable(),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});
