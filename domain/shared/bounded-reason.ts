/** Stored failure reasons are reasons, not payloads: longer ones are cut. */
export const REASON_MAX_LENGTH = 500;

/** The reason as stored: trimmed, at most REASON_MAX_LENGTH characters (cut ones end in "…"). */
export function boundedReason(reason: string): string {
  const trimmed = reason.trim();
  return trimmed.length > REASON_MAX_LENGTH ? `${trimmed.slice(0, REASON_MAX_LENGTH - 1)}…` : trimmed;
}
