import type { LeadStatus } from './campaign-lead.js';

/**
 * How far a lead has come through a campaign. Observations (a refreshed thread, a webhook, a
 * provider listing) may arrive late, twice or out of order; the status a lead keeps is the one
 * furthest along, so a late "sent" never hides a reply.
 *
 * - 0: not started — `unknown`, `pending` (stored, not yet at the provider);
 * - 1: in the sequence — `active`, `paused` (peers: a pause and a resume swap them);
 * - 2: reached — `contacted` (a message went out);
 * - 3: `connected` (LinkedIn: the invitation was accepted);
 * - 4: `replied`;
 * - 5: `not_interested` (a reply categorised as a refusal).
 * `unsubscribed` and `bounced` are final: once there, nothing observed later moves the lead.
 */
const STAGE: Readonly<Record<Exclude<LeadStatus, FinalLeadStatus>, number>> = {
  unknown: 0,
  pending: 0,
  active: 1,
  paused: 1,
  contacted: 2,
  connected: 3,
  replied: 4,
  not_interested: 5,
};

const FINAL_LEAD_STATUSES = ['unsubscribed', 'bounced'] as const;
type FinalLeadStatus = (typeof FINAL_LEAD_STATUSES)[number];

/** A lead that unsubscribed or bounced is never contacted again, whatever is observed later. */
export function isFinalLeadStatus(status: LeadStatus): status is FinalLeadStatus {
  return (FINAL_LEAD_STATUSES as readonly LeadStatus[]).includes(status);
}

/**
 * The status a lead should keep when `observed` is seen while it is `current`: never a step
 * backwards. A final status stays; a final observation always wins over a non-final one; between
 * peers of one stage (active/paused) the newer observation wins.
 */
export function advanceLeadStatus(current: LeadStatus, observed: LeadStatus): LeadStatus {
  if (isFinalLeadStatus(current)) return current;
  if (isFinalLeadStatus(observed)) return observed;
  return STAGE[observed] >= STAGE[current] ? observed : current;
}
