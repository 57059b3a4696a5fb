import type { SequenceStep } from '../../../domain/outreach/sequence.js';

/**
 * Where the steps of an answer come from:
 * - `provider`: read live from the capability (or just stored there by a save);
 * - `snapshot`: the latest version saved through the engine, because the capability could not be
 *   read (see `staleReason`) or the campaign has not been created there yet.
 */
export type SequenceSource = 'provider' | 'snapshot';

export interface CampaignSequence {
  readonly campaignId: string;
  /** With the provider's ids; the HTTP layer never shows them. */
  readonly steps: readonly SequenceStep[];
  readonly source: SequenceSource;
  /** The latest saved version's number; null when the sequence was never saved through the engine. */
  readonly version: number | null;
  /** When the latest version was saved; the campaign's own last change when there is none. */
  readonly updatedAt: Date;
  /** Why a snapshot was answered instead of a live read; null for live reads. Names the capability, never the provider. */
  readonly staleReason: string | null;
}
