import { decodeKeysetCursor, encodeKeysetCursor, type KeysetPosition } from '../../../adapters/persistence/shared/keyset-cursor.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';

/** The order of the MikroORM repositories' keyset lists: (created_at, id) ascending. */
export function compareKeyset(a: KeysetPosition, b: KeysetPosition): number {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  if (byTime !== 0) return byTime;
  // PostgreSQL orders uuids bytewise, which is the order of their lowercase hex strings.
  const left = a.id.toLowerCase();
  const right = b.id.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/** One page of `rows` exactly as the real repositories cut it, with the same opaque cursors. */
export function keysetPage<T extends KeysetPosition>(rows: readonly T[], page: PageRequest, copy: (row: T) => T): Page<T> {
  const after = page.after === undefined ? undefined : decodeKeysetCursor(page.after);
  const window = [...rows]
    .sort(compareKeyset)
    .filter((row) => !after || compareKeyset(row, after) > 0)
    // One row past the page tells whether another page exists, as in the SQL version.
    .slice(0, page.limit + 1);
  const items = window.slice(0, page.limit);
  const last = items.at(-1);
  return { items: items.map(copy), nextCursor: window.length > page.limit && last ? encodeKeysetCursor(last) : null };
}
