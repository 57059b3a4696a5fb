import { InvalidCursorError } from '../../../application/shared/pagination.js';
import { isUuid } from './uuid.js';

/** Position after the last row of a page ordered by (created_at, id). Opaque to clients. */
export interface KeysetPosition {
  readonly createdAt: Date;
  readonly id: string;
}

export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeKeysetCursor(cursor: string): KeysetPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && typeof decoded[1] === 'string') {
      const createdAt = new Date(decoded[0]);
      if (!Number.isNaN(createdAt.getTime()) && isUuid(decoded[1])) return { createdAt, id: decoded[1] };
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake, not ours
  }
  throw new InvalidCursorError();
}


/**
 * The filter for "after this cursor" in (created_at, id) ascending order, to spread into a
 * MikroORM `where`; nothing for the first page. The `$or` alone is exact but Postgres can only
 * apply it as a filter, reading every row before the cursor; the redundant `created_at >=` bound
 * turns it into an index range, so a deep page costs what the first one does.
 */
export function afterKeyset(
  cursor: string | undefined,
): { createdAt?: { $gte: Date }; $or?: [{ createdAt: { $gt: Date } }, { createdAt: Date; id: { $gt: string } }] } {
  if (cursor === undefined) return {};
  const after = decodeKeysetCursor(cursor);
  return {
    createdAt: { $gte: after.createdAt },
    $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }],
  };
}

/**
 * Oldest first, one row past the page: that extra row tells whether another page exists without
 * a count query.
 */
export function keysetOrder(limit: number): { orderBy: { createdAt: 'asc'; id: 'asc' }; limit: number } {
  return { orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 };
}

/** The page out of rows fetched with `keysetOrder(limit)`, and the cursor after its last row. */
export function keysetPageOf<T extends KeysetPosition>(rows: readonly T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeKeysetCursor(last) : null };
}
