import type { EmailSequenceStep, EmailSequenceVariant } from '../../../application/outreach/email-outreach-provider.port.js';
import type { SmartleadSequenceStep, SmartleadSequenceVariant } from './smartlead.schemas.js';

/** How Smartlead splits leads between the variants of one step. */
export type SmartleadVariantDistribution = 'MANUAL_EQUAL' | 'MANUAL_PERCENTAGE';

export interface SmartleadVariantWrite {
  readonly id?: number;
  readonly subject: string;
  readonly email_body: string;
  readonly variant_label: string;
  readonly variant_distribution_percentage: number | null;
}

export interface SmartleadStepWrite {
  readonly id: number | null;
  readonly seq_number: number;
  readonly seq_delay_details: { readonly delay_in_days: number };
  readonly subject: string;
  readonly email_body: string;
  readonly seq_variants?: readonly SmartleadVariantWrite[];
  readonly variant_distribution_type?: SmartleadVariantDistribution;
}

/** The body of `POST /campaigns/{id}/sequences`: the whole sequence, which replaces the stored one. */
export interface SmartleadSequenceWrite {
  readonly sequences: readonly SmartleadStepWrite[];
}

/**
 * Smartlead's ids are integers. An id that is not one cannot be Smartlead's, so the step goes as
 * new rather than as a reference that would be refused or, worse, attach to something else.
 */
function smartleadId(externalId: string | null): number | null {
  return externalId !== null && /^\d+$/.test(externalId) ? Number(externalId) : null;
}

/**
 * Equal split when no variant names a share, manual percentages when all do; null when only some
 * do, which Smartlead has no way to express.
 */
export function variantDistributionOf(variants: readonly EmailSequenceVariant[]): SmartleadVariantDistribution | null {
  const withShare = variants.filter((variant) => variant.distributionPercent !== null).length;
  if (withShare === 0) return 'MANUAL_EQUAL';
  return withShare === variants.length ? 'MANUAL_PERCENTAGE' : null;
}

/** Steps whose variants mix set and unset shares; the adapter refuses those before any call. */
export function stepsWithMixedDistribution(steps: readonly EmailSequenceStep[]): number[] {
  return steps.filter((step) => step.variants.length > 0 && variantDistributionOf(step.variants) === null).map((step) => step.stepNumber);
}

function variantWrite(variant: EmailSequenceVariant): SmartleadVariantWrite {
  const id = smartleadId(variant.externalId);
  return {
    // Sending the existing id back is what keeps a variant's statistics attached to it.
    ...(id === null ? {} : { id }),
    subject: variant.subject,
    email_body: variant.body,
    variant_label: variant.label,
    variant_distribution_percentage: variant.distributionPercent,
  };
}

export function sequenceToSmartlead(steps: readonly EmailSequenceStep[]): SmartleadSequenceWrite {
  return {
    sequences: [...steps]
      .sort((left, right) => left.stepNumber - right.stepNumber)
      .map((step): SmartleadStepWrite => {
        const base = {
          id: smartleadId(step.externalId),
          seq_number: step.stepNumber,
          seq_delay_details: { delay_in_days: step.delayDays },
          subject: step.subject,
          email_body: step.body,
        };
        if (step.variants.length === 0) return base;
        const distribution = variantDistributionOf(step.variants);
        if (distribution === null) throw new Error(`step ${step.stepNumber} mixes set and unset variant shares; check stepsWithMixedDistribution first`);
        return { ...base, seq_variants: step.variants.map(variantWrite), variant_distribution_type: distribution };
      }),
  };
}

function variantFromSmartlead(variant: SmartleadSequenceVariant): EmailSequenceVariant {
  return {
    externalId: variant.id,
    label: variant.variant_label,
    subject: variant.subject ?? '',
    body: variant.email_body ?? '',
    distributionPercent: variant.variant_distribution_percentage,
  };
}

/** The read shape, oldest step first; variants Smartlead kept as deleted are history, not content. */
export function sequenceFromSmartlead(steps: readonly SmartleadSequenceStep[]): EmailSequenceStep[] {
  return [...steps]
    .sort((left, right) => left.seq_number - right.seq_number)
    .map((step) => ({
      externalId: step.id,
      stepNumber: step.seq_number,
      delayDays: step.seq_delay_details?.delayInDays ?? step.seq_delay_details?.delay_in_days ?? 0,
      subject: step.subject ?? '',
      body: step.email_body ?? '',
      variants: (step.sequence_variants ?? [])
        .filter((variant) => variant.is_deleted !== true)
        .sort((left, right) => left.variant_label.localeCompare(right.variant_label))
        .map(variantFromSmartlead),
    }));
}
