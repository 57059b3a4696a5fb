import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Campaign } from '../../../domain/outreach/campaign.js';
import {
  defineSequence,
  SEQUENCE_MAX_STEPS,
  SequenceVersion,
  withExternalIdsFrom,
  type SequenceStep,
  type SequenceStepDraft,
} from '../../../domain/outreach/sequence.js';
import { InvalidSequenceError } from '../../../domain/outreach/sequence-errors.js';

function draft(stepNumber: number, overrides: Partial<SequenceStepDraft> = {}): SequenceStepDraft {
  return { stepNumber, delayDays: stepNumber === 1 ? 0 : 2, subject: stepNumber === 1 ? 'Quick question' : '', body: `Body ${stepNumber}`, ...overrides };
}

/** The problems a sequence is refused with, as `loc → type`. */
function problemsOf(drafts: readonly SequenceStepDraft[]): string[] {
  try {
    defineSequence(drafts);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSequenceError);
    const refused = error as InvalidSequenceError;
    expect(refused).toMatchObject({ code: 'invalid_sequence', kind: 'rule_violation' });
    return refused.problems.map((problem) => `${problem.loc.join('.')} → ${problem.type}`);
  }
  throw new Error('expected the sequence to be refused');
}

describe('defineSequence: a valid sequence', () => {
  it('answers the steps as written, without provider ids, subjects defaulting to empty', () => {
    const steps = defineSequence([draft(1), draft(2, { subject: undefined, delayDays: 0 }), draft(3, { delayDays: 7 })]);

    expect(steps).toEqual([
      { externalId: null, stepNumber: 1, delayDays: 0, subject: 'Quick question', body: 'Body 1', variants: [] },
      { externalId: null, stepNumber: 2, delayDays: 0, subject: '', body: 'Body 2', variants: [] },
      { externalId: null, stepNumber: 3, delayDays: 7, subject: '', body: 'Body 3', variants: [] },
    ]);
  });

  it("sorts variants by label and gives the step variant A's copy when the step leaves its own out", () => {
    const [step] = defineSequence([
      {
        stepNumber: 1,
        delayDays: 0,
        variants: [
          { label: 'B', subject: 'Subject B', body: 'Body B', distributionPercent: 40 },
          { label: 'A', subject: 'Subject A', body: 'Body A', distributionPercent: 60 },
        ],
      },
    ]);

    expect(step).toEqual({
      externalId: null,
      stepNumber: 1,
      delayDays: 0,
      subject: 'Subject A',
      body: 'Body A',
      variants: [
        { externalId: null, label: 'A', subject: 'Subject A', body: 'Body A', distributionPercent: 60 },
        { externalId: null, label: 'B', subject: 'Subject B', body: 'Body B', distributionPercent: 40 },
      ],
    });
  });

  it("accepts a step repeating variant A's copy, as every answer of the engine does", () => {
    const variants = [
      { label: 'A', subject: 'Same', body: 'Same body' },
      { label: 'B', subject: 'Other', body: 'Other body' },
    ];

    expect(defineSequence([{ stepNumber: 1, delayDays: 0, subject: 'Same', body: 'Same body', variants }])[0]?.variants.map((variant) => variant.distributionPercent)).toEqual([null, null]);
  });

  it('takes an empty variants list as a single-version step', () => {
    expect(defineSequence([draft(1, { variants: [] })])[0]?.variants).toEqual([]);
  });

  it('allows 0 % on a variant when the shares add up to 100', () => {
    const variants = [
      { label: 'A', subject: '', body: 'a', distributionPercent: 100 },
      { label: 'B', subject: '', body: 'b', distributionPercent: 0 },
    ];

    expect(defineSequence([draft(1), { stepNumber: 2, delayDays: 1, variants }])[1]?.variants.map((variant) => variant.distributionPercent)).toEqual([100, 0]);
  });

  it(`takes up to ${SEQUENCE_MAX_STEPS} steps`, () => {
    expect(defineSequence(Array.from({ length: SEQUENCE_MAX_STEPS }, (_, index) => draft(index + 1)))).toHaveLength(SEQUENCE_MAX_STEPS);
  });
});

describe('defineSequence: the rules', () => {
  it('refuses an empty sequence and one longer than the limit', () => {
    expect(problemsOf([])).toEqual(['body.sequence → step_count']);
    expect(problemsOf(Array.from({ length: SEQUENCE_MAX_STEPS + 1 }, (_, index) => draft(index + 1)))).toEqual(['body.sequence → step_count']);
  });

  it('wants steps numbered 1, 2, 3… in order: no gap, no duplicate, no shuffle', () => {
    expect(problemsOf([draft(1), draft(3)])).toEqual(['body.sequence.1.seq_number → step_number_order']);
    expect(problemsOf([draft(1), draft(1, { subject: '', delayDays: 1 })])).toEqual(['body.sequence.1.seq_number → step_number_order']);
    expect(problemsOf([draft(2, { delayDays: 0, subject: 'Hi' }), draft(1, { delayDays: 1 })])).toEqual([
      'body.sequence.0.seq_number → step_number_order',
      'body.sequence.1.seq_number → step_number_order',
    ]);
  });

  it('sends the first step without delay and wants whole days from 0 to 365 after that', () => {
    expect(problemsOf([draft(1, { delayDays: 1 })])).toEqual(['body.sequence.0.seq_delay_details.delay_in_days → first_step_delay']);
    expect(problemsOf([draft(1), draft(2, { delayDays: -1 }), draft(3, { delayDays: 366 }), draft(4, { delayDays: 1.5 })])).toEqual([
      'body.sequence.1.seq_delay_details.delay_in_days → delay_range',
      'body.sequence.2.seq_delay_details.delay_in_days → delay_range',
      'body.sequence.3.seq_delay_details.delay_in_days → delay_range',
    ]);
  });

  it('wants a subject on the first step only, and a body on every step', () => {
    expect(problemsOf([draft(1, { subject: '  ' }), draft(2, { body: '' }), draft(3, { body: undefined })])).toEqual([
      'body.sequence.0.subject → subject_required',
      'body.sequence.1.email_body → body_required',
      'body.sequence.2.email_body → body_required',
    ]);
  });

  it('limits the length of subjects and bodies', () => {
    expect(problemsOf([draft(1, { subject: 'x'.repeat(501), body: 'y'.repeat(50_001) })])).toEqual([
      'body.sequence.0.subject → too_long',
      'body.sequence.0.email_body → too_long',
    ]);
  });

  it('wants 2 to 10 variants labelled A, B, C… without gaps or repeats', () => {
    const variant = (label: string) => ({ label, subject: 'S', body: 'B' });
    expect(problemsOf([{ stepNumber: 1, delayDays: 0, variants: [variant('A')] }])).toEqual(['body.sequence.0.variants → variant_count']);
    expect(problemsOf([{ stepNumber: 1, delayDays: 0, variants: [variant('A'), variant('C')] }])).toEqual(['body.sequence.0.variants.1.label → variant_label_sequence']);
    expect(problemsOf([{ stepNumber: 1, delayDays: 0, variants: [variant('A'), variant('A')] }])).toEqual(['body.sequence.0.variants.1.label → variant_label_duplicate']);
    expect(problemsOf([{ stepNumber: 1, delayDays: 0, variants: 'ABCDEFGHIJK'.split('').map(variant) }])).toEqual([
      'body.sequence.0.variants → variant_count',
    ]);
  });

  it('wants a body on every variant and a subject on every variant of the first step', () => {
    const variants = [
      { label: 'A', subject: '', body: 'a' },
      { label: 'B', subject: 'B', body: ' ' },
    ];
    expect(problemsOf([{ stepNumber: 1, delayDays: 0, variants }])).toEqual([
      'body.sequence.0.variants.0.subject → subject_required',
      'body.sequence.0.variants.1.email_body → body_required',
    ]);
    // On a follow-up an empty subject keeps the thread.
    expect(defineSequence([draft(1), { stepNumber: 2, delayDays: 1, variants: [{ label: 'A', body: 'a' }, { label: 'B', body: 'b' }] }])).toHaveLength(2);
  });

  it('wants shares on every variant or none, whole percentages adding up to 100', () => {
    const shares = (...percent: (number | null)[]) => [
      { stepNumber: 1, delayDays: 0, variants: percent.map((share, index) => ({ label: 'ABC'[index]!, subject: 'S', body: 'B', distributionPercent: share })) },
    ];
    expect(problemsOf(shares(50, null))).toEqual(['body.sequence.0.variants → share_partial']);
    expect(problemsOf(shares(50, 40))).toEqual(['body.sequence.0.variants → share_total']);
    expect(problemsOf(shares(120, -20))).toEqual([
      'body.sequence.0.variants.0.distribution_percent → share_range',
      'body.sequence.0.variants.1.distribution_percent → share_range',
    ]);
    expect(problemsOf(shares(33.5, 33.5, 33))).toEqual([
      'body.sequence.0.variants.0.distribution_percent → share_range',
      'body.sequence.0.variants.1.distribution_percent → share_range',
    ]);
  });

  it("refuses a step whose own copy differs from variant A's, rather than drop either", () => {
    const variants = [
      { label: 'A', subject: 'A subject', body: 'A body' },
      { label: 'B', subject: 'B subject', body: 'B body' },
    ];
    expect(problemsOf([{ stepNumber: 1, delayDays: 0, subject: 'Another subject', body: 'Another body', variants }])).toEqual([
      'body.sequence.0.subject → step_conflicts_with_variant_a',
      'body.sequence.0.email_body → step_conflicts_with_variant_a',
    ]);
  });

  it('reports every problem of the sequence at once', () => {
    expect(problemsOf([draft(1, { delayDays: 3, subject: '' }), draft(5, { body: '' })])).toHaveLength(4);
  });
});

describe('withExternalIdsFrom', () => {
  const previous: SequenceStep[] = [
    { externalId: '101', stepNumber: 1, delayDays: 0, subject: 'Old', body: 'Old body', variants: [] },
    {
      externalId: '102',
      stepNumber: 2,
      delayDays: 2,
      subject: '',
      body: 'a',
      variants: [
        { externalId: '9001', label: 'A', subject: '', body: 'a', distributionPercent: null },
        { externalId: '9002', label: 'B', subject: '', body: 'b', distributionPercent: null },
      ],
    },
  ];

  it('gives each step the id of the previous step with its number, and each variant the id of the one with its label', () => {
    const steps = defineSequence([
      draft(1, { subject: 'New' }),
      { stepNumber: 2, delayDays: 3, variants: [{ label: 'A', body: 'a2' }, { label: 'B', body: 'b2' }, { label: 'C', body: 'c2' }] },
      draft(3),
    ]);

    const sent = withExternalIdsFrom(previous, steps);

    expect(sent.map((step) => step.externalId)).toEqual(['101', '102', null]);
    expect(sent[1]?.variants.map((variant) => variant.externalId)).toEqual(['9001', '9002', null]);
    expect(sent[0]).toMatchObject({ subject: 'New', body: 'Body 1' });
  });

  it('sends everything as new when there is no previous version', () => {
    const sent = withExternalIdsFrom([], defineSequence([draft(1)]));

    expect(sent[0]?.externalId).toBeNull();
  });
});

describe('SequenceVersion.following', () => {
  const campaign = Campaign.draft({
    id: '00000000-0000-4000-8000-0000000000c1',
    orgId: '00000000-0000-4000-8000-0000000000a1',
    companyId: '00000000-0000-4000-8000-0000000000b1',
    providerId: '00000000-0000-4000-8000-0000000000d1',
    name: 'Q3',
    createdByUserId: null,
    now: new Date('2030-01-01T00:00:00Z'),
  });

  it('numbers versions 1, 2, 3… per campaign, carrying the campaign tenancy', () => {
    const steps = defineSequence([draft(1)]);
    const first = SequenceVersion.following(null, { id: 'v1', campaign, steps, createdByUserId: 'u1', now: new Date('2030-01-02T00:00:00Z') });
    const second = SequenceVersion.following(first, { id: 'v2', campaign, steps, createdByUserId: null, now: new Date('2030-01-03T00:00:00Z') });

    expect(first).toMatchObject({ version: 1, orgId: campaign.orgId, companyId: campaign.companyId, campaignId: campaign.id, createdByUserId: 'u1' });
    expect(second.version).toBe(2);
  });
});

describe('a valid sequence, written again as a tenant would send it back', () => {
  const label = (index: number) => String.fromCharCode(65 + index);
  const text = fc.string({ minLength: 1, maxLength: 40 }).filter((value) => value.trim() !== '');
  const variantSet = fc.integer({ min: 2, max: 4 }).chain((count) =>
    fc.record({
      copies: fc.array(fc.record({ subject: text, body: text }), { minLength: count, maxLength: count }),
      shares: fc.oneof(fc.constant(null), fc.constant(Array.from({ length: count }, (_, index) => (index === 0 ? 100 : 0)))),
    }),
  );
  const stepDraft = fc.record({ delayDays: fc.integer({ min: 0, max: 365 }), subject: text, body: text, variants: fc.option(variantSet, { nil: undefined }) });

  it('is unchanged by a second pass through the rules', () => {
    fc.assert(
      fc.property(fc.array(stepDraft, { minLength: 1, maxLength: SEQUENCE_MAX_STEPS }), (generated) => {
        const drafts: SequenceStepDraft[] = generated.map((step, index) => ({
          stepNumber: index + 1,
          delayDays: index === 0 ? 0 : step.delayDays,
          ...(step.variants
            ? {
                variants: step.variants.copies.map((copy, position) => ({
                  label: label(position),
                  ...copy,
                  distributionPercent: step.variants!.shares?.[position] ?? null,
                })),
              }
            : { subject: step.subject, body: step.body }),
        }));
        const once = defineSequence(drafts);
        const twice = defineSequence(
          once.map((step) => ({
            stepNumber: step.stepNumber,
            delayDays: step.delayDays,
            subject: step.subject,
            body: step.body,
            variants: step.variants.map((variant) => ({ label: variant.label, subject: variant.subject, body: variant.body, distributionPercent: variant.distributionPercent })),
          })),
        );
        expect(twice).toEqual(once);
      }),
    );
  });
});
