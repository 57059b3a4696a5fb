import type { FieldProblem } from '../shared/domain-error.js';
import type { Campaign } from './campaign.js';
import { InvalidSequenceError } from './sequence-errors.js';

/**
 * A campaign's email sequence: numbered steps, each waiting some whole days after the previous
 * one, each with one version of its email or several A/B variants.
 *
 * The rules hold for every provider alike, so a sequence valid here is one every capability
 * behind the engine can store and give back unchanged (within what it can express).
 */

export const SEQUENCE_MAX_STEPS = 20;
export const SEQUENCE_MAX_DELAY_DAYS = 365;
/** Labels run A, B, C…; ten is more than any A/B test needs and keeps a sequence well under the body limit. */
export const STEP_MAX_VARIANTS = 10;
export const STEP_MIN_VARIANTS = 2;
export const SUBJECT_MAX_LENGTH = 500;
export const BODY_MAX_LENGTH = 50_000;

export interface SequenceVariant {
  /** The id the executing provider gave the variant; null until it has stored it. Never shown to tenants. */
  readonly externalId: string | null;
  /** "A", "B", … in order, no gaps. */
  readonly label: string;
  readonly subject: string;
  readonly body: string;
  /** Share of leads in percent; null on every variant of the step for an even split. */
  readonly distributionPercent: number | null;
}

export interface SequenceStep {
  /** The id the executing provider gave the step; null until it has stored it. Never shown to tenants. */
  readonly externalId: string | null;
  /** 1, 2, 3… in order. */
  readonly stepNumber: number;
  /** Whole days after the previous step; 0 for the first. */
  readonly delayDays: number;
  /** Empty on a follow-up keeps it in the thread of the previous email. With variants, variant A's. */
  readonly subject: string;
  /** With variants, variant A's. */
  readonly body: string;
  /** Empty for a single-version step; otherwise A, B, … sorted by label. */
  readonly variants: readonly SequenceVariant[];
}

/** A variant as a tenant writes it. */
export interface SequenceVariantDraft {
  readonly label: string;
  readonly subject?: string | undefined;
  readonly body: string;
  readonly distributionPercent?: number | null | undefined;
}

/** A step as a tenant writes it; subject and body may be left out when the step has variants. */
export interface SequenceStepDraft {
  readonly stepNumber: number;
  readonly delayDays: number;
  readonly subject?: string | undefined;
  readonly body?: string | undefined;
  readonly variants?: readonly SequenceVariantDraft[] | undefined;
}

/** Where problems are reported: the request field a tenant wrote, so a form can point at it. */
const SEQUENCE_LOC = ['body', 'sequence'] as const;

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

function labelAt(index: number): string {
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

/**
 * Checks a whole sequence and answers it normalised (variants sorted by label, a step with
 * variants carrying variant A's subject and body, missing subjects empty), or throws
 * InvalidSequenceError listing every problem at once.
 */
export function defineSequence(drafts: readonly SequenceStepDraft[]): SequenceStep[] {
  const problems: FieldProblem[] = [];
  if (drafts.length === 0 || drafts.length > SEQUENCE_MAX_STEPS) {
    problems.push({ loc: [...SEQUENCE_LOC], msg: `must hold 1 to ${SEQUENCE_MAX_STEPS} steps`, type: 'step_count' });
  }
  const steps = drafts.map((draft, index) => defineStep(draft, index, problems));
  if (problems.length > 0) throw new InvalidSequenceError(problems);
  return steps;
}

function defineStep(draft: SequenceStepDraft, index: number, problems: FieldProblem[]): SequenceStep {
  const at = [...SEQUENCE_LOC, index];
  const problem = (field: readonly (string | number)[], msg: string, type: string) => problems.push({ loc: [...at, ...field], msg, type });
  const isFirst = index === 0;

  if (draft.stepNumber !== index + 1) {
    problem(['seq_number'], `must be ${index + 1}: steps are numbered 1, 2, 3… in the order they are sent`, 'step_number_order');
  }
  const delayField = ['seq_delay_details', 'delay_in_days'];
  if (!Number.isInteger(draft.delayDays) || draft.delayDays < 0 || draft.delayDays > SEQUENCE_MAX_DELAY_DAYS) {
    problem(delayField, `must be a whole number of days from 0 to ${SEQUENCE_MAX_DELAY_DAYS}`, 'delay_range');
  } else if (isFirst && draft.delayDays !== 0) {
    problem(delayField, 'must be 0: the first step is sent as soon as a lead starts the sequence', 'first_step_delay');
  }
  checkLength(draft.subject, SUBJECT_MAX_LENGTH, ['subject'], problem);
  checkLength(draft.body, BODY_MAX_LENGTH, ['email_body'], problem);

  const drafted = draft.variants ?? [];
  if (drafted.length === 0) {
    if (isBlank(draft.body)) problem(['email_body'], 'must not be empty', 'body_required');
    if (isFirst && isBlank(draft.subject)) problem(['subject'], 'is required on the first step (an empty subject only makes sense on a follow-up)', 'subject_required');
    return { externalId: null, stepNumber: draft.stepNumber, delayDays: draft.delayDays, subject: draft.subject ?? '', body: draft.body ?? '', variants: [] };
  }

  const variants = defineVariants(drafted, isFirst, problem);
  const variantA = variants.find((variant) => variant.label === 'A');
  // The step's own copy is variant A's; writing both is allowed only when they agree, so
  // nothing a tenant wrote is silently dropped.
  if (variantA && draft.subject !== undefined && draft.subject !== variantA.subject) {
    problem(['subject'], "must equal variant A's subject, or be left out, when the step has variants", 'step_conflicts_with_variant_a');
  }
  if (variantA && draft.body !== undefined && draft.body !== variantA.body) {
    problem(['email_body'], "must equal variant A's email_body, or be left out, when the step has variants", 'step_conflicts_with_variant_a');
  }
  return {
    externalId: null,
    stepNumber: draft.stepNumber,
    delayDays: draft.delayDays,
    subject: variantA?.subject ?? '',
    body: variantA?.body ?? '',
    variants,
  };
}

type ProblemSink = (field: readonly (string | number)[], msg: string, type: string) => void;

function checkLength(text: string | undefined, max: number, field: readonly (string | number)[], problem: ProblemSink): void {
  if (text !== undefined && text.length > max) problem(field, `must be at most ${max} characters`, 'too_long');
}

function defineVariants(drafts: readonly SequenceVariantDraft[], isFirstStep: boolean, problem: ProblemSink): SequenceVariant[] {
  if (drafts.length < STEP_MIN_VARIANTS || drafts.length > STEP_MAX_VARIANTS) {
    problem(['variants'], `must hold ${STEP_MIN_VARIANTS} to ${STEP_MAX_VARIANTS} variants, or none for a single version`, 'variant_count');
  }
  // Labels are positions: A, B, C… without gaps, which every provider can express.
  const expected = new Set(drafts.map((_, index) => labelAt(index)));
  const seen = new Set<string>();
  drafts.forEach((variant, index) => {
    const at = ['variants', index];
    if (seen.has(variant.label)) problem([...at, 'label'], `"${variant.label}" is used twice in this step`, 'variant_label_duplicate');
    else if (!expected.has(variant.label)) {
      problem([...at, 'label'], `must be one of ${[...expected].join(', ')}: labels run A, B, C… without gaps`, 'variant_label_sequence');
    }
    seen.add(variant.label);
    if (isBlank(variant.body)) problem([...at, 'email_body'], 'must not be empty', 'body_required');
    if (isFirstStep && isBlank(variant.subject)) problem([...at, 'subject'], 'is required on every variant of the first step', 'subject_required');
    checkLength(variant.subject, SUBJECT_MAX_LENGTH, [...at, 'subject'], problem);
    checkLength(variant.body, BODY_MAX_LENGTH, [...at, 'email_body'], problem);
  });
  checkShares(drafts, problem);
  return drafts
    .map((variant) => ({
      externalId: null,
      label: variant.label,
      subject: variant.subject ?? '',
      body: variant.body,
      distributionPercent: variant.distributionPercent ?? null,
    }))
    .sort((left, right) => left.label.localeCompare(right.label));
}

/** Either every variant names its share and the shares add up to 100, or none does (an even split). */
function checkShares(drafts: readonly SequenceVariantDraft[], problem: ProblemSink): void {
  const shares = drafts.map((variant) => variant.distributionPercent ?? null);
  const given = shares.filter((share): share is number => share !== null);
  if (given.length === 0) return;
  shares.forEach((share, index) => {
    if (share !== null && (!Number.isInteger(share) || share < 0 || share > 100)) {
      problem(['variants', index, 'distribution_percent'], 'must be a whole percentage from 0 to 100', 'share_range');
    }
  });
  if (given.length !== shares.length) {
    problem(['variants'], 'distribution_percent must be given on every variant of the step or on none (an even split)', 'share_partial');
  } else if (given.reduce((sum, share) => sum + share, 0) !== 100) {
    problem(['variants'], 'distribution_percent must add up to 100 across the step\'s variants', 'share_total');
  }
}

/**
 * The steps to send, carrying over the provider's ids from the previous version: steps by their
 * number, variants by step number and label. Sending an id back is what keeps the provider's
 * statistics attached to a step; a step or variant new in this version goes without one.
 */
export function withExternalIdsFrom(previous: readonly SequenceStep[], steps: readonly SequenceStep[]): SequenceStep[] {
  const before = new Map(previous.map((step) => [step.stepNumber, step]));
  return steps.map((step) => {
    const old = before.get(step.stepNumber);
    const oldVariants = new Map((old?.variants ?? []).map((variant) => [variant.label, variant]));
    return {
      ...step,
      externalId: old?.externalId ?? null,
      variants: step.variants.map((variant) => ({ ...variant, externalId: oldVariants.get(variant.label)?.externalId ?? null })),
    };
  });
}

/**
 * One saved state of a campaign's sequence. Versions are appended, never changed: 1, 2, 3… per
 * campaign. The steps are kept as the provider stored them, with its ids, so the next save can
 * send those ids back.
 */
export class SequenceVersion {
  constructor(
    readonly id: string,
    readonly orgId: string,
    readonly companyId: string,
    readonly campaignId: string,
    readonly version: number,
    readonly steps: readonly SequenceStep[],
    readonly createdByUserId: string | null,
    readonly createdAt: Date,
  ) {}

  /** The version after `previous` (the first when there is none). */
  static following(
    previous: SequenceVersion | null,
    props: { id: string; campaign: Campaign; steps: readonly SequenceStep[]; createdByUserId: string | null; now: Date },
  ): SequenceVersion {
    const { campaign } = props;
    return new SequenceVersion(props.id, campaign.orgId, campaign.companyId, campaign.id, (previous?.version ?? 0) + 1, props.steps, props.createdByUserId, props.now);
  }
}
