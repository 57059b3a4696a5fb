/**
 * The port's page cursor over Smartlead's `offset`: opaque to callers (they must not compute
 * offsets themselves, so another provider's cursor scheme can stand behind the same port), and
 * recognisable here so a cursor from elsewhere is refused instead of read as offset 0.
 */
const PREFIX = 'sl-offset:';

export function encodeLeadCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** The offset a cursor stands for: 0 for the first page, null for a cursor this adapter did not issue. */
export function decodeLeadCursor(cursor: string | null): number | null {
  if (cursor === null) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX)) return null;
  const digits = text.slice(PREFIX.length);
  return /^\d{1,15}$/.test(digits) ? Number(digits) : null;
}
