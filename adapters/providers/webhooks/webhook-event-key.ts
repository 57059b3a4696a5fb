import { createHash } from 'node:crypto';

type KeyPart = string | number | boolean | null;

/**
 * A stable key from the fields that identify an event, for providers that send no delivery id.
 * JSON-encoding the tuple keeps field boundaries unambiguous (`["a","bc"]` ≠ `["ab","c"]`).
 */
export function hashedEventKey(parts: readonly KeyPart[]): string {
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}

/**
 * The fallback when the identifying fields are too thin to tell two events apart (e.g. no
 * timestamp): a hash of the whole payload with keys sorted, so a redelivery of the same body
 * still dedupes while any difference in content makes a distinct event.
 */
export function payloadEventKey(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload), 'utf8').digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Identifying fields when at least one besides the event type is known, else the whole payload.
 * `parts[0]` is the event type by convention.
 */
export function eventKeyFrom(parts: readonly KeyPart[], payload: unknown): string {
  const identifying = parts.slice(1).some((part) => part !== null && part !== '');
  return identifying ? hashedEventKey(parts) : payloadEventKey(payload);
}
