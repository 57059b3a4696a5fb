import type {
  EmailCampaignStatus,
  EmailCampaignStatusTarget,
  ProviderLeadStatus,
} from '../../../application/outreach/email-outreach-provider.port.js';

/**
 * Instantly campaign `status` (read-only; providers.md §4.2) → the engine's status:
 * - 0 Draft → DRAFTED; 1 Active → ACTIVE; 2 Paused → PAUSED; 3 Completed → COMPLETED;
 * - 4 Running subsequences → ACTIVE: the main sequence is done but follow-up subsequences still send;
 * - -1 Accounts unhealthy, -2 Bounce protect, -99 Account suspended → PAUSED: the campaign was
 *   launched and Instantly itself halted sending; nothing goes out, and `activate` is the way back
 *   once the cause is fixed, which is what PAUSED means to the engine.
 * Any other value answers null: the adapter treats it as a malformed response rather than guess.
 */
const CAMPAIGN_STATUSES: ReadonlyMap<number, EmailCampaignStatus> = new Map([
  [0, 'DRAFTED'],
  [1, 'ACTIVE'],
  [2, 'PAUSED'],
  [3, 'COMPLETED'],
  [4, 'ACTIVE'],
  [-1, 'PAUSED'],
  [-2, 'PAUSED'],
  [-99, 'PAUSED'],
]);

export function campaignStatusFromInstantly(status: number): EmailCampaignStatus | null {
  return CAMPAIGN_STATUSES.get(status) ?? null;
}

/**
 * The action path for a requested status. Instantly has no "stop": `pause` is the only halt, so
 * STOPPED pauses the campaign (it can be activated again in Instantly; the engine's own state
 * records that it was stopped).
 */
export function campaignActionFor(target: EmailCampaignStatusTarget): 'activate' | 'pause' {
  return target === 'ACTIVE' ? 'activate' : 'pause';
}

/**
 * Instantly lead `status` → the engine's lead status: 1 Active, 2 Paused, 3 Completed, -1 Bounced,
 * -2 Unsubscribed, -3 Skipped. A lead without a status has not been scheduled yet (pending). Any
 * other value answers null (malformed).
 */
const LEAD_STATUSES: ReadonlyMap<number, ProviderLeadStatus> = new Map([
  [1, 'active'],
  [2, 'paused'],
  [3, 'completed'],
  [-1, 'bounced'],
  [-2, 'unsubscribed'],
  [-3, 'skipped'],
]);

export function leadStatusFromInstantly(status: number | null | undefined): ProviderLeadStatus | null {
  if (status === null || status === undefined) return 'pending';
  return LEAD_STATUSES.get(status) ?? null;
}
