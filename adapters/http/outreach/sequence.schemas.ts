import { z } from 'zod';
import type { CampaignSequence } from '../../../application/outreach/sequences/campaign-sequence.js';
import type { SequenceVersionSummary } from '../../../application/outreach/sequences/sequence-version.repository.js';
import {
  BODY_MAX_LENGTH,
  SEQUENCE_MAX_DELAY_DAYS,
  SEQUENCE_MAX_STEPS,
  STEP_MAX_VARIANTS,
  SUBJECT_MAX_LENGTH,
  type SequenceStep,
  type SequenceStepDraft,
  type SequenceVersion,
} from '../../../domain/outreach/sequence.js';
import { pageQueryFields } from '../routing/paged-response.js';

/**
 * Shapes of the sequence routes. Steps travel in the reference contract's snake_case shape
 * (`seq_number`, `subject`, `email_body`, `seq_delay_details.delay_in_days`) plus `variants`.
 * The schemas check each value on its own (422); how the values fit together — numbering, the
 * first step's delay and subject, variant labels and shares — is the domain's rule (400).
 * Provider ids of steps and variants are kept by the engine and never appear here.
 */

const notBlank = (text: string) => text.trim() !== '';

export const SequenceVersionParams = z.strictObject({
  campaign_id: z.uuid(),
  version: z.coerce.number().int().min(1).max(2_147_483_647),
});

export const SequenceVersionListQuery = z.strictObject({ ...pageQueryFields });

const SequenceVariantInput = z
  .strictObject({
    label: z.string().regex(/^[A-Z]$/, 'must be one capital letter, A, B, C…').describe('A, B, C… in order without gaps.'),
    subject: z.string().max(SUBJECT_MAX_LENGTH).optional().describe('Required on every variant of the first step; empty on a follow-up keeps the thread.'),
    email_body: z.string().max(BODY_MAX_LENGTH).refine(notBlank, 'must not be empty'),
    distribution_percent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .nullish()
      .describe('Share of leads; give it on every variant of the step (adding up to 100) or on none for an even split. 0 turns a variant off.'),
  })
  .meta({ id: 'CampaignSequenceVariantInput' });

const SequenceStepInput = z
  .strictObject({
    seq_number: z.number().int().min(1).max(SEQUENCE_MAX_STEPS).describe('1, 2, 3… in the order the steps are sent.'),
    subject: z
      .string()
      .max(SUBJECT_MAX_LENGTH)
      .optional()
      .describe("Required on step 1 without variants; empty on a follow-up keeps the thread. With variants, leave it out or repeat variant A's."),
    email_body: z
      .string()
      .max(BODY_MAX_LENGTH)
      .optional()
      .describe("Required without variants. With variants, leave it out or repeat variant A's."),
    seq_delay_details: z
      .strictObject({
        delay_in_days: z.number().int().min(0).max(SEQUENCE_MAX_DELAY_DAYS).describe('Whole days after the previous step; 0 on step 1.'),
      })
      .meta({ id: 'CampaignSequenceDelayInput' }),
    variants: z
      .array(SequenceVariantInput)
      .max(STEP_MAX_VARIANTS)
      .optional()
      .describe(`A/B variants: 2 to ${STEP_MAX_VARIANTS}, labelled A, B, C…; empty or absent for a single version.`),
  })
  .superRefine((step, context) => {
    const hasVariants = (step.variants?.length ?? 0) > 0;
    if (!hasVariants && (step.email_body === undefined || !notBlank(step.email_body))) {
      context.addIssue({ code: 'custom', path: ['email_body'], message: 'is required when the step has no variants' });
    }
  })
  .meta({ id: 'CampaignSequenceStepInput' });

export const CampaignSequenceUpsertRequest = z
  .strictObject({
    sequence: z.array(SequenceStepInput).min(1).max(SEQUENCE_MAX_STEPS).describe('The whole sequence: it replaces the current one.'),
  })
  .meta({
    id: 'CampaignSequenceUpsertRequest',
    example: {
      sequence: [
        { seq_number: 1, subject: 'Quick question', email_body: 'Hi {{first_name}}, ...', seq_delay_details: { delay_in_days: 0 } },
        { seq_number: 2, subject: '', email_body: 'Following up on my note.', seq_delay_details: { delay_in_days: 3 } },
      ],
    },
  });

export type CampaignSequenceUpsertBody = z.output<typeof CampaignSequenceUpsertRequest>;

/** The request's steps in the domain's terms; nothing is dropped, so the domain can judge all of it. */
export function toSequenceDrafts(body: CampaignSequenceUpsertBody): SequenceStepDraft[] {
  return body.sequence.map((step) => ({
    stepNumber: step.seq_number,
    delayDays: step.seq_delay_details.delay_in_days,
    subject: step.subject,
    body: step.email_body,
    variants: step.variants?.map((variant) => ({
      label: variant.label,
      subject: variant.subject,
      body: variant.email_body,
      distributionPercent: variant.distribution_percent,
    })),
  }));
}

const SequenceVariantOutput = z
  .object({
    label: z.string(),
    subject: z.string(),
    email_body: z.string(),
    distribution_percent: z.number().nullable().describe('Null on every variant of the step: an even split.'),
  })
  .meta({ id: 'CampaignSequenceVariant' });

const SequenceStepOutput = z
  .object({
    seq_number: z.number().int(),
    subject: z.string().describe("With variants, variant A's."),
    email_body: z.string().describe("With variants, variant A's."),
    seq_delay_details: z.object({ delay_in_days: z.number() }).meta({ id: 'CampaignSequenceDelay' }),
    variants: z.array(SequenceVariantOutput).describe('Empty for a single-version step.'),
  })
  .meta({ id: 'CampaignSequenceStep' });

export const CampaignSequenceResponse = z
  .object({
    campaign_id: z.uuid(),
    sequence: z.array(SequenceStepOutput).describe('In the request shape: an answer can be edited and sent back as it is.'),
    source: z
      .enum(['provider', 'snapshot'])
      .describe('provider: read live from the capability (or just stored there). snapshot: the latest saved version, because the capability could not be read (see stale_reason).'),
    version: z.number().int().nullable().describe('The latest saved version; null when the sequence was never saved through the engine.'),
    updated_at: z.iso.datetime().describe("When the latest version was saved; the campaign's last change when there is none."),
    stale_reason: z.string().nullable().describe('Why a snapshot answered instead of the capability; null on live reads.'),
  })
  .meta({ id: 'CampaignSequenceResponse' });

export const SequenceVersionSummaryResponse = z
  .object({
    campaign_id: z.uuid(),
    version: z.number().int(),
    step_count: z.number().int(),
    created_by_user_id: z.uuid().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'CampaignSequenceVersionSummary' });

export const SequenceVersionList = z.array(SequenceVersionSummaryResponse).meta({ id: 'CampaignSequenceVersionList' });

export const SequenceVersionResponse = z
  .object({
    campaign_id: z.uuid(),
    version: z.number().int(),
    sequence: z.array(SequenceStepOutput),
    created_by_user_id: z.uuid().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'CampaignSequenceVersion' });

/** Whitelists what leaves the building: provider ids stay inside. */
function toStepResponse(step: SequenceStep): z.output<typeof SequenceStepOutput> {
  return {
    seq_number: step.stepNumber,
    subject: step.subject,
    email_body: step.body,
    seq_delay_details: { delay_in_days: step.delayDays },
    variants: step.variants.map((variant) => ({
      label: variant.label,
      subject: variant.subject,
      email_body: variant.body,
      distribution_percent: variant.distributionPercent,
    })),
  };
}

export function toCampaignSequenceResponse(sequence: CampaignSequence): z.output<typeof CampaignSequenceResponse> {
  return {
    campaign_id: sequence.campaignId,
    sequence: sequence.steps.map(toStepResponse),
    source: sequence.source,
    version: sequence.version,
    updated_at: sequence.updatedAt.toISOString(),
    stale_reason: sequence.staleReason,
  };
}

export function toSequenceVersionSummaryResponse(summary: SequenceVersionSummary): z.output<typeof SequenceVersionSummaryResponse> {
  return {
    campaign_id: summary.campaignId,
    version: summary.version,
    step_count: summary.stepCount,
    created_by_user_id: summary.createdByUserId,
    created_at: summary.createdAt.toISOString(),
  };
}

export function toSequenceVersionResponse(version: SequenceVersion): z.output<typeof SequenceVersionResponse> {
  return {
    campaign_id: version.campaignId,
    version: version.version,
    sequence: version.steps.map(toStepResponse),
    created_by_user_id: version.createdByUserId,
    created_at: version.createdAt.toISOString(),
  };
}
