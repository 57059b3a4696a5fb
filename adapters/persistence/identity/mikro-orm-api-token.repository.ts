import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiTokenRepository } from '../../../application/identity/api-token.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { ApiToken } from '../../../domain/identity/api-token.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { afterKeyset, keysetOrder, keysetPageOf } from '../shared/keyset-cursor.js';
import { ApiTokenSchema } from './api-token.entity-schema.js';

/** How stale `last_used_at` may get: precise enough for "last used", cheap for a busy token. */
const RECORD_USE_INTERVAL_MS = 60_000;

export class MikroOrmApiTokenRepository implements ApiTokenRepository {
  constructor(private readonly orm: MikroORM) {}

  async add(token: ApiToken): Promise<void> {
    // A hash clash means two identical 256-bit secrets: a bug, left to surface as the constraint error.
    const em = entityManagerFor(this.orm);
    em.persist(token);
    await em.flush();
  }

  findById(orgId: string, id: string): Promise<ApiToken | null> {
    return entityManagerFor(this.orm).findOne(ApiTokenSchema, { id, orgId });
  }

  findByHash(tokenHash: string): Promise<ApiToken | null> {
    return entityManagerFor(this.orm).findOne(ApiTokenSchema, { tokenHash });
  }

  async list(orgId: string, page: PageRequest): Promise<Page<ApiToken>> {
    const rows = await entityManagerFor(this.orm).find(ApiTokenSchema, { orgId, ...afterKeyset(page.after) }, keysetOrder(page.limit));
    return keysetPageOf(rows, page.limit);
  }

  async save(_token: ApiToken): Promise<void> {
    await entityManagerFor(this.orm).flush();
  }

  async recordUse(id: string, at: Date): Promise<void> {
    // Conditional in the WHERE clause, so concurrent requests need no read and at most one writes.
    await entityManagerFor(this.orm).nativeUpdate(
      ApiTokenSchema,
      { id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: new Date(at.getTime() - RECORD_USE_INTERVAL_MS) } }] },
      { lastUsedAt: at },
    );
  }
}
