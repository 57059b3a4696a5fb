import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmailSequenceStep } from '../../../application/outreach/email-outreach-provider.port.js';
import {
  delayFromDays,
  delayInDays,
  sequenceFromInstantly,
  sequenceToInstantly,
} from '../../../adapters/providers/instantly/instantly-sequence-mapping.js';
import type { InstantlyStep } from '../../../adapters/providers/instantly/instantly.schemas.js';

function step(delay: number, delay_unit: InstantlyStep['delay_unit'], ...variants: [string, string, boolean?][]): InstantlyStep {
  return { delay, delay_unit, variants: variants.map(([subject, body, disabled]) => ({ subject, body, v_disabled: disabled === true })) };
}

function engineStep(stepNumber: number, delayDays: number, subject = `Subject ${stepNumber}`, body = `Body ${stepNumber}`): EmailSequenceStep {
  return { externalId: null, stepNumber, delayDays, subject, body, variants: [] };
}

describe('Instantly delay units', () => {
  it.each([
    [3, 'days', 3],
    [36, 'hours', 1.5],
    [90, 'minutes', 0.0625],
    [0, 'days', 0],
  ] as const)('%d %s is %d days', (delay, unit, days) => {
    expect(delayInDays(delay, unit)).toBe(days);
  });

  it.each([
    [2, { delay: 2, delay_unit: 'days' }],
    [0, { delay: 0, delay_unit: 'days' }],
    [0.5, { delay: 12, delay_unit: 'hours' }],
    [1.25, { delay: 30, delay_unit: 'hours' }],
    [0.0625, { delay: 90, delay_unit: 'minutes' }],
    [100 / 1440, { delay: 100, delay_unit: 'minutes' }],
  ] as const)('%d days is sent in the coarsest exact unit', (days, expected) => {
    expect(delayFromDays(days)).toEqual(expected);
  });

  it('converts any whole number of minutes there and back without drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 90 }), (minutes) => {
        const sent = delayFromDays(delayInDays(minutes, 'minutes'));
        expect(delayInDays(sent.delay, sent.delay_unit) * 1440).toBeCloseTo(minutes, 9);
        expect(Number.isInteger(sent.delay)).toBe(true);
      }),
    );
  });
});

describe('Instantly steps → engine steps', () => {
  it("moves each delay one step later: Instantly's delay is the wait after a step, the engine's the wait before it", () => {
    const steps = sequenceFromInstantly([step(2, 'days', ['Hi', 'First']), step(36, 'hours', ['', 'Second']), step(5, 'days', ['', 'Third'])]);

    expect(steps.map((entry) => [entry.stepNumber, entry.delayDays])).toEqual([
      [1, 0],
      [2, 2],
      [3, 1.5],
    ]);
  });

  it('takes subject and body from the first variant and lists no variants for a single-version step', () => {
    const [only] = sequenceFromInstantly([step(0, 'days', ['Hello {{firstName}}', 'Hey<br/>there'])]);

    expect(only).toEqual({ externalId: null, stepNumber: 1, delayDays: 0, subject: 'Hello {{firstName}}', body: 'Hey<br/>there', variants: [] });
  });

  it('lists every variant A, B, C… when there are several, A repeating the step, a disabled one at 0 % and the others splitting 100 %', () => {
    const [first] = sequenceFromInstantly([step(1, 'days', ['Subject A', 'Body A'], ['Subject B', 'Body B', true], ['Subject C', 'Body C'])]);

    expect(first?.subject).toBe('Subject A');
    expect(first?.variants).toEqual([
      { externalId: null, label: 'A', subject: 'Subject A', body: 'Body A', distributionPercent: 50 },
      { externalId: null, label: 'B', subject: 'Subject B', body: 'Body B', distributionPercent: 0 },
      { externalId: null, label: 'C', subject: 'Subject C', body: 'Body C', distributionPercent: 50 },
    ]);
  });

  it('reads all-enabled variants as an even split (no shares) and gives the first enabled ones the remainder of 100', () => {
    const [even] = sequenceFromInstantly([step(0, 'days', ['A', 'a'], ['B', 'b'])]);
    const [uneven] = sequenceFromInstantly([step(0, 'days', ['A', 'a'], ['B', 'b'], ['C', 'c'], ['D', 'd', true])]);

    expect(even?.variants.map((variant) => variant.distributionPercent)).toEqual([null, null]);
    expect(uneven?.variants.map((variant) => variant.distributionPercent)).toEqual([34, 33, 33, 0]);
  });

  it('answers an empty sequence for no steps', () => {
    expect(sequenceFromInstantly([])).toEqual([]);
  });
});

describe('engine steps → Instantly steps', () => {
  it("gives each step the next step's delayDays as its delay, and the last step 0", () => {
    const steps = sequenceToInstantly([engineStep(1, 0), engineStep(2, 3), engineStep(3, 0.5)]);

    expect(steps.map(({ delay, delay_unit }) => [delay, delay_unit])).toEqual([
      [3, 'days'],
      [12, 'hours'],
      [0, 'days'],
    ]);
    expect(steps.every((entry) => entry.type === 'email')).toBe(true);
  });

  it('orders steps by stepNumber whatever order they arrive in', () => {
    const steps = sequenceToInstantly([engineStep(2, 4), engineStep(1, 0)]);

    expect(steps.map((entry) => entry.variants[0]?.subject)).toEqual(['Subject 1', 'Subject 2']);
    expect(steps[0]?.delay).toBe(4);
  });

  it('sends the step itself as the only variant when it has no variants', () => {
    const [only] = sequenceToInstantly([engineStep(1, 0, 'Hi', 'Body')]);

    expect(only?.variants).toEqual([{ subject: 'Hi', body: 'Body' }]);
  });

  it('uses the variant labelled A first, the others in label order, and disables a 0 % variant', () => {
    const [first] = sequenceToInstantly([
      {
        ...engineStep(1, 0, 'Step subject', 'Step body'),
        variants: [
          { externalId: null, label: 'C', subject: 'C', body: 'c', distributionPercent: 0 },
          { externalId: null, label: 'A', subject: 'A', body: 'a', distributionPercent: null },
          { externalId: null, label: 'B', subject: 'B', body: 'b', distributionPercent: 70 },
        ],
      },
    ]);

    expect(first?.variants).toEqual([
      { subject: 'A', body: 'a' },
      { subject: 'B', body: 'b' },
      { subject: 'C', body: 'c', v_disabled: true },
    ]);
  });

  it('puts the step itself first when the variants given have no A', () => {
    const [first] = sequenceToInstantly([
      { ...engineStep(1, 0, 'Own', 'own body'), variants: [{ externalId: null, label: 'B', subject: 'B', body: 'b', distributionPercent: null }] },
    ]);

    expect(first?.variants).toEqual([
      { subject: 'Own', body: 'own body' },
      { subject: 'B', body: 'b' },
    ]);
  });
});

describe('a sequence saved and read back', () => {
  const delays = fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(0.5, 1.5, 0.25, 2.75, 0.0625)), { minLength: 1, maxLength: 8 });

  it('keeps every delay and every copy, the first step always waiting 0 days', () => {
    fc.assert(
      fc.property(delays, (delayDays) => {
        const sent = delayDays.map((days, index) => engineStep(index + 1, index === 0 ? 0 : days));
        const readBack = sequenceFromInstantly(sequenceToInstantly(sent).map((entry) => ({ ...entry, variants: entry.variants.map((variant) => ({ ...variant, v_disabled: false })) })));

        expect(readBack).toEqual(sent);
      }),
    );
  });
});
