import { InvalidCursorError } from '../../../application/shared/pagination.js';

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
      if (!Number.isNaN(createdAt.getTime()) && UUID.test(decoded[1])) return { createdAt, id: decoded[1] };
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake, not ours
  }
  throw new InvalidCursorError();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
