const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a caller-supplied id can name a row: Postgres would reject a malformed one as a uuid instead of finding nothing. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
