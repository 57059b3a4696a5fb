import type { PacingRule, ProviderCallPacer } from '../../../application/outreach/provider-call-pacer.port.js';

/**
 * A pacer that never asks to wait, for adapter contract tests where pacing is not the subject.
 * It records every reservation, so a test can still assert which account a call counted against.
 */
export class UnpacedProviderCallPacer implements ProviderCallPacer {
  readonly reservations: { pacingKey: string; rule: PacingRule }[] = [];
  /** Nothing is paced, so no slot is ever too late. */
  readonly lateSlotToleranceMs = Number.POSITIVE_INFINITY;

  async reserve(pacingKey: string, rule: PacingRule): Promise<number> {
    this.reservations.push({ pacingKey, rule });
    return 0;
  }
}
