/** How long to wait before retry number `attempt` (1 for the first retry). */
export interface BackoffSettings {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Exponential backoff with full jitter: a uniformly random wait up to base·2^(attempt−1), capped.
 * Jitter keeps many engine processes that failed together from retrying in lockstep.
 */
export function backoffDelayMs(attempt: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/**
 * `Retry-After` in either of its HTTP forms (delta-seconds or an HTTP date), in milliseconds from
 * `now`; null when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}
