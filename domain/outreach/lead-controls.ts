import { DomainError } from '../shared/domain-error.js';
import type { LeadStatus } from './campaign-lead.js';

/** What a tenant can do to one lead of a campaign. */
export type LeadControl = 'pause' | 'resume' | 'unsubscribe';

/** Where each control may start from; the control's own result status is a no-op. */
const CONTROLS: Readonly<Record<LeadControl, { readonly to: LeadStatus; readonly from: readonly LeadStatus[] }>> = {
  pause: { to: 'paused', from: ['pending', 'active', 'contacted', 'connected'] },
  resume: { to: 'active', from: ['paused'] },
  // Whatever the lead did before, the address must never be contacted again.
  unsubscribe: { to: 'unsubscribed', from: ['pending', 'active', 'paused', 'contacted', 'connected', 'replied', 'not_interested', 'bounced', 'unknown'] },
};

export class IllegalLeadControlError extends DomainError {
  readonly code = 'illegal_lead_transition';
  readonly kind = 'conflict';

  constructor(control: LeadControl, current: LeadStatus) {
    super(`The lead is ${current}; it cannot be ${control === 'pause' ? 'paused' : control === 'resume' ? 'resumed' : 'unsubscribed'}.`);
  }
}

/** The lead exists only locally so far: the capability cannot act on it yet. */
export class LeadNotSyncedError extends DomainError {
  readonly code = 'lead_not_synced';
  readonly kind = 'conflict';

  constructor() {
    super('The lead has not reached the capability yet; retry once its import has finished.');
  }
}

/**
 * The status a control moves a lead to, or null when the lead is already there (a retried request
 * changes nothing). Throws when the control makes no sense from the lead's status.
 */
export function leadStatusAfter(control: LeadControl, current: LeadStatus): LeadStatus | null {
  const rule = CONTROLS[control];
  if (current === rule.to) return null;
  if (!rule.from.includes(current)) throw new IllegalLeadControlError(control, current);
  return rule.to;
}
