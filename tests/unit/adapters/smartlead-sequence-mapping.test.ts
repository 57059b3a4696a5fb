import { describe, expect, it } from 'vitest';
import type { EmailSequenceStep, EmailSequenceVariant } from '../../../application/outreach/email-outreach-provider.port.js';
import { SmartleadSequence } from '../../../adapters/providers/smartlead/smartlead.schemas.js';
import {
  sequenceFromSmartlead,
  sequenceToSmartlead,
  stepsWithMixedDistribution,
  variantDistributionOf,
} from '../../../adapters/providers/smartlead/smartlead-sequence-mapping.js';

function variant(label: string, distributionPercent: number | null, externalId: string | null = null): EmailSequenceVariant {
  return { externalId, label, subject: `Subject ${label}`, body: `<p>${label}</p>`, distributionPercent };
}

function step(stepNumber: number, overrides: Partial<EmailSequenceStep> = {}): EmailSequenceStep {
  return { externalId: null, stepNumber, delayDays: stepNumber === 1 ? 0 : 2, subject: `S${stepNumber}`, body: `<p>B${stepNumber}</p>`, variants: [], ...overrides };
}

describe('sequenceToSmartlead', () => {
  it('writes the write spelling: sequences, seq_delay_details.delay_in_days, email_body, integer ids or null', () => {
    expect(sequenceToSmartlead([step(1, { externalId: '4410001' }), step(2)])).toEqual({
      sequences: [
        { id: 4410001, seq_number: 1, seq_delay_details: { delay_in_days: 0 }, subject: 'S1', email_body: '<p>B1</p>' },
        { id: null, seq_number: 2, seq_delay_details: { delay_in_days: 2 }, subject: 'S2', email_body: '<p>B2</p>' },
      ],
    });
  });

  it('sends steps in step order whatever order they came in', () => {
    expect(sequenceToSmartlead([step(3), step(1), step(2)]).sequences.map((written) => written.seq_number)).toEqual([1, 2, 3]);
  });

  it('writes A/B steps with seq_variants and the split they ask for, sending existing variant ids back', () => {
    const equal = sequenceToSmartlead([step(1, { variants: [variant('A', null, '7720001'), variant('B', null)] })]).sequences[0]!;
    expect(equal.variant_distribution_type).toBe('MANUAL_EQUAL');
    expect(equal.seq_variants).toEqual([
      { id: 7720001, subject: 'Subject A', email_body: '<p>A</p>', variant_label: 'A', variant_distribution_percentage: null },
      { subject: 'Subject B', email_body: '<p>B</p>', variant_label: 'B', variant_distribution_percentage: null },
    ]);
    const manual = sequenceToSmartlead([step(1, { variants: [variant('A', 70), variant('B', 30)] })]).sequences[0]!;
    expect(manual.variant_distribution_type).toBe('MANUAL_PERCENTAGE');
  });

  it('sends an id that is not a Smartlead integer as a new step rather than a bad reference', () => {
    expect(sequenceToSmartlead([step(1, { externalId: 'local-3f2a' })]).sequences[0]!.id).toBeNull();
  });

  it('refuses to write a step whose variants mix set and unset shares', () => {
    expect(() => sequenceToSmartlead([step(1, { variants: [variant('A', 60), variant('B', null)] })])).toThrow(/mixes set and unset/);
  });
});

describe('variantDistributionOf and stepsWithMixedDistribution', () => {
  it('tells equal, manual and mixed splits apart', () => {
    expect(variantDistributionOf([variant('A', null), variant('B', null)])).toBe('MANUAL_EQUAL');
    expect(variantDistributionOf([variant('A', 50), variant('B', 50)])).toBe('MANUAL_PERCENTAGE');
    expect(variantDistributionOf([variant('A', 50), variant('B', null)])).toBeNull();
    expect(stepsWithMixedDistribution([step(1), step(2, { variants: [variant('A', 50), variant('B', null)] }), step(3, { variants: [variant('A', null)] })])).toEqual([2]);
  });
});

describe('sequenceFromSmartlead', () => {
  const read = SmartleadSequence.parse([
    {
      id: 4410002,
      seq_number: 2,
      subject: '',
      email_body: '<p>Bump</p>',
      seq_delay_details: { delayInDays: 3 },
      sequence_variants: [
        { id: 7720002, variant_label: 'B', subject: 'Other', email_body: '<p>B</p>', variant_distribution_percentage: '40', is_deleted: false },
        { id: 7720003, variant_label: 'C', subject: 'Dropped', email_body: '<p>C</p>', variant_distribution_percentage: null, is_deleted: true },
        { id: 7720001, variant_label: 'A', subject: null, email_body: '<p>A</p>', variant_distribution_percentage: 60, is_deleted: false },
      ],
    },
    { id: '4410001', seq_number: 1, subject: 'Hello', email_body: null, seq_delay_details: null, sequence_variants: null },
  ]);

  it('reads delayInDays, string ids and percentages, orders steps and variants, and drops deleted variants', () => {
    expect(sequenceFromSmartlead(read)).toEqual([
      { externalId: '4410001', stepNumber: 1, delayDays: 0, subject: 'Hello', body: '', variants: [] },
      {
        externalId: '4410002',
        stepNumber: 2,
        delayDays: 3,
        subject: '',
        body: '<p>Bump</p>',
        variants: [
          { externalId: '7720001', label: 'A', subject: '', body: '<p>A</p>', distributionPercent: 60 },
          { externalId: '7720002', label: 'B', subject: 'Other', body: '<p>B</p>', distributionPercent: 40 },
        ],
      },
    ]);
  });

  it('accepts the write spelling delay_in_days on read as well', () => {
    const [only] = sequenceFromSmartlead(SmartleadSequence.parse([{ id: 1, seq_number: 1, subject: 's', email_body: 'b', seq_delay_details: { delay_in_days: 4 } }]));
    expect(only!.delayDays).toBe(4);
  });

  it('round-trips: what is written reads back the same', () => {
    const steps = [step(1, { externalId: '11' }), step(2, { externalId: '12', variants: [variant('A', 50, '21'), variant('B', 50, '22')] })];
    const written = sequenceToSmartlead(steps).sequences;
    const asRead = written.map((entry) => ({
      id: entry.id,
      seq_number: entry.seq_number,
      subject: entry.subject,
      email_body: entry.email_body,
      seq_delay_details: { delayInDays: entry.seq_delay_details.delay_in_days },
      sequence_variants: entry.seq_variants?.map((written) => ({ ...written, is_deleted: false })) ?? null,
    }));
    expect(sequenceFromSmartlead(SmartleadSequence.parse(asRead))).toEqual(steps);
  });
});
