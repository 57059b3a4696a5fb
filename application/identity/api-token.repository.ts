import type { ApiToken } from '../../domain/identity/api-token.js';
import type { Page, PageRequest } from '../shared/pagination.js';

export interface ApiTokenRepository {
  add(token: ApiToken): Promise<void>;
  findById(orgId: string, id: string): Promise<ApiToken | null>;
  /** Looks a presented token up by the SHA-256 hex of its raw value, whatever its state. */
  findByHash(tokenHash: string): Promise<ApiToken | null>;
  /** Every token of the organization, revoked and expired ones included, oldest first. */
  list(orgId: string, page: PageRequest): Promise<Page<ApiToken>>;
  save(token: ApiToken): Promise<void>;
  /**
   * Records use without loading the token; skipped when the stored value is less than a minute
   * old, so a busy token costs one cheap UPDATE a minute rather than one per request.
   */
  recordUse(id: string, at: Date): Promise<void>;
}
