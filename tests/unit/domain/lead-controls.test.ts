import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES } from '../../../domain/outreach/campaign-lead.js';
import { IllegalLeadControlError, leadStatusAfter } from '../../../domain/outreach/lead-controls.js';

describe('lead controls', () => {
  it('pauses leads that are still being worked, resumes paused ones', () => {
    for (const status of ['pending', 'active', 'contacted', 'connected'] as const) expect(leadStatusAfter('pause', status)).toBe('paused');
    expect(leadStatusAfter('resume', 'paused')).toBe('active');
  });

  it('answers null when the lead is already where the control leads (a retried request)', () => {
    expect(leadStatusAfter('pause', 'paused')).toBeNull();
    expect(leadStatusAfter('resume', 'active')).toBeNull();
    expect(leadStatusAfter('unsubscribe', 'unsubscribed')).toBeNull();
  });

  it('unsubscribes from every status', () => {
    for (const status of LEAD_STATUSES.filter((status) => status !== 'unsubscribed')) expect(leadStatusAfter('unsubscribe', status)).toBe('unsubscribed');
  });

  it('refuses to pause or resume a lead that has left the sequence, naming its status', () => {
    expect(() => leadStatusAfter('pause', 'unsubscribed')).toThrow(new IllegalLeadControlError('pause', 'unsubscribed'));
    expect(() => leadStatusAfter('pause', 'replied')).toThrow('The lead is replied; it cannot be paused.');
    expect(() => leadStatusAfter('resume', 'bounced')).toThrow('The lead is bounced; it cannot be resumed.');
    expect(() => leadStatusAfter('resume', 'pending')).toThrow(IllegalLeadControlError);
  });
});
