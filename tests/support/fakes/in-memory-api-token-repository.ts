import type { ApiTokenRepository } from '../../../application/identity/api-token.repository.js';
import { keysetPage } from './keyset-page.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { ApiToken } from '../../../domain/identity/api-token.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';

/** The throttle of `recordUse`: a stored value younger than this is left alone. */
const RECORD_USE_INTERVAL_MS = 60_000;

/**
 * Behaves like the MikroORM repository over PostgreSQL: `findById` and `list` are scoped by
 * organization id and include revoked and expired tokens, hashes are unique (a clash is a bug, as
 * with the unique constraint), `list` pages by keyset over (createdAt, id), and `recordUse` skips
 * writes within a minute of the stored value. Stores copies.
 */
export class InMemoryApiTokenRepository implements ApiTokenRepository, SnapshotableStore {
  private rows = new Map<string, ApiToken>();
  /** How many `recordUse` calls actually wrote, to check the throttle. */
  recordedUses = 0;

  async add(token: ApiToken): Promise<void> {
    if (this.rows.has(token.id)) throw new Error(`duplicate primary key ${token.id}`);
    if ([...this.rows.values()].some((row) => row.tokenHash === token.tokenHash)) throw new Error('api_tokens_hash_key violated');
    this.rows.set(token.id, copy(token));
  }

  async findById(orgId: string, id: string): Promise<ApiToken | null> {
    const row = this.rows.get(id);
    return row && row.orgId === orgId ? copy(row) : null;
  }

  async findByHash(tokenHash: string): Promise<ApiToken | null> {
    const row = [...this.rows.values()].find((candidate) => candidate.tokenHash === tokenHash);
    return row ? copy(row) : null;
  }

  async list(orgId: string, page: PageRequest): Promise<Page<ApiToken>> {
    return keysetPage([...this.rows.values()]
      .filter((row) => row.orgId === orgId), page, copy);
  }

  async save(token: ApiToken): Promise<void> {
    const stored = this.rows.get(token.id);
    if (!stored || stored.orgId !== token.orgId) throw new Error(`save of unknown api token ${token.id}`);
    this.rows.set(token.id, copy(token));
  }

  async recordUse(id: string, at: Date): Promise<void> {
    const row = this.rows.get(id);
    if (!row) return;
    if (row.lastUsedAt !== null && row.lastUsedAt.getTime() >= at.getTime() - RECORD_USE_INTERVAL_MS) return;
    row.lastUsedAt = new Date(at);
    this.recordedUses += 1;
  }

  /** Test helper: copies of every stored token of every organization. */
  allRows(): ApiToken[] {
    return [...this.rows.values()].map(copy);
  }

  snapshot(): Restore {
    const saved = new Map([...this.rows].map(([id, row]) => [id, copy(row)]));
    return () => {
      this.rows = saved;
    };
  }
}


function copy(token: ApiToken): ApiToken {
  return new ApiToken(
    token.id,
    token.orgId,
    token.userId,
    token.tokenHash,
    token.name,
    token.expiresAt === null ? null : new Date(token.expiresAt),
    token.lastUsedAt === null ? null : new Date(token.lastUsedAt),
    token.revokedAt === null ? null : new Date(token.revokedAt),
    new Date(token.createdAt),
  );
}
