import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES, type LeadStatus } from '../../../domain/outreach/campaign-lead.js';
import { advanceLeadStatus, isFinalLeadStatus } from '../../../domain/outreach/lead-progress.js';

/** The progression the rule promises, written out independently of the implementation. */
const STAGE_OF: Readonly<Record<LeadStatus, number>> = {
  unknown: 0,
  pending: 0,
  active: 1,
  paused: 1,
  contacted: 2,
  connected: 3,
  replied: 4,
  not_interested: 5,
  unsubscribed: 6,
  bounced: 6,
};

const status = fc.constantFrom(...LEAD_STATUSES);

describe('advanceLeadStatus', () => {
  it('moves a lead that replies to replied from every earlier stage', () => {
    for (const current of ['unknown', 'pending', 'active', 'paused', 'contacted', 'connected'] as const) {
      expect(advanceLeadStatus(current, 'replied'), current).toBe('replied');
    }
  });

  it('never lets a reply undo an unsubscribe, a bounce or a refusal', () => {
    expect(advanceLeadStatus('unsubscribed', 'replied')).toBe('unsubscribed');
    expect(advanceLeadStatus('bounced', 'replied')).toBe('bounced');
    expect(advanceLeadStatus('not_interested', 'replied')).toBe('not_interested');
  });

  it('ignores late observations of earlier stages (a send seen after the reply)', () => {
    expect(advanceLeadStatus('replied', 'contacted')).toBe('replied');
    expect(advanceLeadStatus('replied', 'active')).toBe('replied');
    expect(advanceLeadStatus('contacted', 'pending')).toBe('contacted');
  });

  it('lets an unsubscribe or a bounce end any lead that has not ended yet, and keeps the first ending', () => {
    expect(advanceLeadStatus('replied', 'unsubscribed')).toBe('unsubscribed');
    expect(advanceLeadStatus('pending', 'bounced')).toBe('bounced');
    expect(advanceLeadStatus('bounced', 'unsubscribed')).toBe('bounced');
    expect(advanceLeadStatus('unsubscribed', 'bounced')).toBe('unsubscribed');
  });

  it('lets pause and resume swap peers of the same stage', () => {
    expect(advanceLeadStatus('active', 'paused')).toBe('paused');
    expect(advanceLeadStatus('paused', 'active')).toBe('active');
  });

  it('answers one of the two statuses it was given', () => {
    fc.assert(fc.property(status, status, (current, observed) => [current, observed].includes(advanceLeadStatus(current, observed))));
  });

  it('never moves a lead backwards', () => {
    fc.assert(
      fc.property(status, status, (current, observed) => {
        expect(STAGE_OF[advanceLeadStatus(current, observed)]).toBeGreaterThanOrEqual(STAGE_OF[current]);
      }),
    );
  });

  it('is idempotent: seeing the same thing twice changes nothing more', () => {
    fc.assert(
      fc.property(status, status, (current, observed) => {
        const once = advanceLeadStatus(current, observed);
        expect(advanceLeadStatus(once, observed)).toBe(once);
      }),
    );
  });

  it('ends at the furthest stage observed whatever order observations of distinct stages arrive in', () => {
    fc.assert(
      fc.property(status, fc.uniqueArray(status, { selector: (value) => STAGE_OF[value], maxLength: LEAD_STATUSES.length }), (start, observations) => {
        // Peers of one stage (active/paused, unsubscribed/bounced) legitimately depend on order; one per stage here.
        fc.pre(observations.every((observed) => STAGE_OF[observed] !== STAGE_OF[start] || observed === start));
        const forwards = observations.reduce(advanceLeadStatus, start);
        const backwards = [...observations].reverse().reduce(advanceLeadStatus, start);
        expect(forwards).toBe(backwards);
        const furthest = [start, ...observations].reduce((best, candidate) => (STAGE_OF[candidate] > STAGE_OF[best] ? candidate : best));
        expect(STAGE_OF[forwards]).toBe(STAGE_OF[furthest]);
      }),
    );
  });
});

describe('isFinalLeadStatus', () => {
  it('holds for unsubscribed and bounced only', () => {
    expect(LEAD_STATUSES.filter(isFinalLeadStatus)).toEqual(['unsubscribed', 'bounced']);
  });
});
