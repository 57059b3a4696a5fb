import type { EmailSequenceStep, EmailSequenceVariant } from '../../../application/outreach/email-outreach-provider.port.js';
import type { InstantlyDelayUnit, InstantlyStep } from './instantly.schemas.js';

/** A step as Instantly takes it in `sequences[0].steps` (create and PATCH bodies). */
export interface InstantlyStepBody {
  readonly type: 'email';
  readonly delay: number;
  readonly delay_unit: InstantlyDelayUnit;
  readonly variants: readonly { readonly subject: string; readonly body: string; readonly v_disabled?: true }[];
}

const MINUTES_PER_UNIT: Readonly<Record<InstantlyDelayUnit, number>> = { minutes: 1, hours: 60, days: 1440 };

/** An Instantly delay in days (hours and minutes become fractions of a day). */
export function delayInDays(delay: number, unit: InstantlyDelayUnit): number {
  return (delay * MINUTES_PER_UNIT[unit]) / MINUTES_PER_UNIT.days;
}

/**
 * Days as the coarsest Instantly unit that holds them exactly: whole days stay days, half a day
 * becomes 12 hours, anything finer whole minutes (Instantly's smallest unit).
 */
export function delayFromDays(days: number): { readonly delay: number; readonly delay_unit: InstantlyDelayUnit } {
  if (Number.isInteger(days)) return { delay: days, delay_unit: 'days' };
  const hours = days * 24;
  if (Math.abs(hours - Math.round(hours)) < 1e-9) return { delay: Math.round(hours), delay_unit: 'hours' };
  return { delay: Math.round(days * 1440), delay_unit: 'minutes' };
}

function variantLabel(index: number): string {
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

/**
 * Instantly steps → the engine's steps. Two conventions differ:
 * - Instantly's `delay` is the wait *after* a step, before the next one; the engine's `delayDays`
 *   is the wait *before* a step. So step n's delayDays is step n−1's delay, the first step's is 0,
 *   and the last step's own delay (which Instantly never uses) is dropped.
 * - Instantly has no step or variant ids; every externalId is null. Its first variant is the step
 *   itself: with one variant the step has no A/B variants; with several, all are listed A, B, C…,
 *   A repeating the step's own subject and body.
 * - Instantly has no shares, only variants switched off (`v_disabled`): see `sharesOf`.
 */
export function sequenceFromInstantly(steps: readonly InstantlyStep[]): EmailSequenceStep[] {
  return steps.map((step, index) => {
    const previous = index === 0 ? null : steps[index - 1]!;
    const first = step.variants[0] ?? { subject: '', body: '', v_disabled: false };
    const shares = sharesOf(step.variants);
    const variants: EmailSequenceVariant[] =
      step.variants.length < 2
        ? []
        : step.variants.map((variant, position) => ({
            externalId: null,
            label: variantLabel(position),
            subject: variant.subject,
            body: variant.body,
            distributionPercent: shares[position] ?? null,
          }));
    return {
      externalId: null,
      stepNumber: index + 1,
      delayDays: previous ? delayInDays(previous.delay, previous.delay_unit) : 0,
      subject: first.subject,
      body: first.body,
      variants,
    };
  });
}

/**
 * The shares Instantly's variants amount to, in the engine's terms, where every variant of a step
 * names its share or none does: all enabled is an even split (null everywhere); once one is
 * switched off, it gets 0 % and the enabled ones split 100 % evenly (whole percentages, the
 * first ones taking the remainder), so a 100/0 split saved through the engine reads back as sent.
 */
function sharesOf(variants: readonly InstantlyStep['variants'][number][]): (number | null)[] {
  const enabled = variants.filter((variant) => !variant.v_disabled).length;
  if (enabled === variants.length) return variants.map(() => null);
  const base = enabled === 0 ? 0 : Math.floor(100 / enabled);
  let remainder = enabled === 0 ? 0 : 100 - base * enabled;
  return variants.map((variant) => {
    if (variant.v_disabled) return 0;
    const extra = remainder > 0 ? 1 : 0;
    remainder -= extra;
    return base + extra;
  });
}

/**
 * The engine's steps → Instantly's, inverting the above: each step carries the next step's
 * delayDays as its own delay (the last one 0). Variant A is the variant labelled "A" when given,
 * else the step's own subject and body; the other variants follow in label order. A 0 % share
 * disables a variant; other shares cannot be expressed (Instantly splits evenly or picks a winner
 * by its own auto-variant setting), so they are sent as plain enabled variants and read back as
 * an even split.
 */
export function sequenceToInstantly(steps: readonly EmailSequenceStep[]): InstantlyStepBody[] {
  const ordered = [...steps].sort((a, b) => a.stepNumber - b.stepNumber);
  return ordered.map((step, index) => {
    const next = ordered[index + 1];
    const labelled = [...step.variants].sort((a, b) => a.label.localeCompare(b.label));
    const variantA = labelled.find((variant) => variant.label === 'A') ?? null;
    const others = labelled.filter((variant) => variant !== variantA);
    const variants = [
      variantA ? variantBody(variantA) : { subject: step.subject, body: step.body },
      ...others.map(variantBody),
    ];
    return { type: 'email', ...delayFromDays(next ? next.delayDays : 0), variants };
  });
}

function variantBody(variant: EmailSequenceVariant): InstantlyStepBody['variants'][number] {
  return variant.distributionPercent === 0
    ? { subject: variant.subject, body: variant.body, v_disabled: true }
    : { subject: variant.subject, body: variant.body };
}
