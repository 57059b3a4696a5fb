import type { PacingRule } from '../../../application/outreach/provider-call-pacer.port.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';

/**
 * Instantly limits each workspace to 100 requests per second and 6,000 per minute, shared by all
 * its keys (providers.md §4.1). About 91 calls per second with bursts of 10 keeps every one-second
 * window under 100 and every minute under 6,000, so neither limit is reached.
 */
export const INSTANTLY_WORKSPACE_PACING: PacingRule = { limit: 100, windowMs: 1_000, burst: 10 };

/**
 * `GET /api/v2/emails` has its own limit of 20 requests per minute. It is paced under its own key
 * so that reading threads never waits behind, or starves, the rest of the workspace's calls.
 */
export const INSTANTLY_EMAILS_PACING: PacingRule = { limit: 20, windowMs: 60_000, burst: 5 };

/** Limits are per workspace; a connection without a configured workspace is paced per key. */
export function workspacePacingKey(connection: ProviderConnection): string {
  return `instantly:workspace:${connection.workspaceId ?? connection.apiKey}`;
}

export function emailsPacingKey(connection: ProviderConnection): string {
  return `${workspacePacingKey(connection)}:emails`;
}
