import type { AddLeadsOutcome } from '../../application/outreach/email-outreach-provider.port.js';

/**
 * Splits leads into the provider's largest accepted batch, in order; every adapter uploads
 * through it so a batch limit is stated once per provider (its `*_limits` constant).
 */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** The outcome of a whole import: every batch's counts added up, created ids in order. */
export function sumAddLeadsOutcomes(outcomes: readonly AddLeadsOutcome[]): AddLeadsOutcome {
  return outcomes.reduce<AddLeadsOutcome>(
    (sum, outcome) => ({
      submitted: sum.submitted + outcome.submitted,
      added: sum.added + outcome.added,
      alreadyPresent: sum.alreadyPresent + outcome.alreadyPresent,
      rejected: sum.rejected + outcome.rejected,
      created: [...sum.created, ...outcome.created],
    }),
    { submitted: 0, added: 0, alreadyPresent: 0, rejected: 0, created: [] },
  );
}
