import type { Page } from '../../../application/shared/pagination.js';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.js';

/**
 * Keyset pages of lists ordered newest first: (timestamp desc, id desc). The cursor is the
 * position of a page's last row in the same opaque encoding as keyset-cursor.ts (a timestamp and
 * a uuid); only the comparison runs the other way.
 */
export interface NewestFirstPosition {
  readonly at: Date;
  readonly id: string;
}

export function encodeNewestFirstCursor(position: NewestFirstPosition): string {
  return encodeKeysetCursor({ createdAt: position.at, id: position.id });
}

/** Throws InvalidCursorError for anything this module did not encode. */
export function decodeNewestFirstCursor(cursor: string): NewestFirstPosition {
  const { createdAt, id } = decodeKeysetCursor(cursor);
  return { at: createdAt, id };
}

/**
 * The SQL condition for "strictly older than the cursor" on the given columns, with its
 * parameters. A row comparison, so an index on (…, timestamp desc, id desc) serves it directly.
 */
export function olderThanCursor(cursor: string, columns: { readonly at: string; readonly id: string }): { readonly sql: string; readonly params: readonly unknown[] } {
  const position = decodeNewestFirstCursor(cursor);
  return { sql: `(${columns.at}, ${columns.id}) < (?, ?)`, params: [position.at, position.id] };
}

/**
 * The page out of rows fetched newest first with `limit + 1` rows: the extra row tells whether
 * another page exists without a count query.
 */
export function newestFirstPageOf<T>(rows: readonly T[], limit: number, positionOf: (row: T) => NewestFirstPosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeNewestFirstCursor(positionOf(last)) : null };
}
