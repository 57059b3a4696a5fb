import type { EmailCampaignStatus, EmailCampaignStatusTarget, ProviderLeadStatus } from '../../../application/outreach/email-outreach-provider.port.js';

/** What `POST /campaigns/{id}/status` accepts: Smartlead starts a campaign with START, not ACTIVE. */
export type SmartleadStatusCommand = 'START' | 'PAUSED' | 'STOPPED';

const STATUS_COMMANDS: Readonly<Record<EmailCampaignStatusTarget, SmartleadStatusCommand>> = {
  ACTIVE: 'START',
  PAUSED: 'PAUSED',
  STOPPED: 'STOPPED',
};

export function smartleadStatusCommand(target: EmailCampaignStatusTarget): SmartleadStatusCommand {
  return STATUS_COMMANDS[target];
}

/**
 * Campaign statuses as Smartlead reads them. ARCHIVED (new docs only) is a campaign that will
 * never send again and cannot be restarted, which is what STOPPED means to the engine.
 */
const CAMPAIGN_STATUSES: Readonly<Record<string, EmailCampaignStatus>> = {
  DRAFTED: 'DRAFTED',
  ACTIVE: 'ACTIVE',
  PAUSED: 'PAUSED',
  STOPPED: 'STOPPED',
  COMPLETED: 'COMPLETED',
  ARCHIVED: 'STOPPED',
};

/** Null for a status the engine does not know: the caller reports it as malformed, never guesses. */
export function campaignStatusFromSmartlead(status: string): EmailCampaignStatus | null {
  return CAMPAIGN_STATUSES[status.trim().toUpperCase()] ?? null;
}

/**
 * Lead statuses of `GET /campaigns/{id}/leads`:
 * - STARTED is a lead that is queued but not yet emailed (the app shows it as "Not started"), so
 *   it is `pending`; INPROGRESS is one the sequence is working on.
 * - BLOCKED is a lead the block list kept from ever being contacted: `skipped`, not `stopped`,
 *   because nobody stopped it — it never started.
 * - An unsubscribed lead is reported as such whatever its campaign status, because Smartlead
 *   stops it as a side effect and the engine must not mistake it for an ordinary stop.
 */
const LEAD_STATUSES: Readonly<Record<string, ProviderLeadStatus>> = {
  STARTED: 'pending',
  INPROGRESS: 'active',
  COMPLETED: 'completed',
  PAUSED: 'paused',
  STOPPED: 'stopped',
  BLOCKED: 'skipped',
};

export function leadStatusFromSmartlead(status: string, unsubscribed: boolean): ProviderLeadStatus | null {
  if (unsubscribed) return 'unsubscribed';
  return LEAD_STATUSES[status.trim().toUpperCase()] ?? null;
}
