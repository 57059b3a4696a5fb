import type { SequenceVersion } from '../../../domain/outreach/sequence.js';
import type { Page, PageRequest } from '../../shared/pagination.js';

/** A version as history lists show it: when, by whom, how many steps; the steps themselves on request. */
export interface SequenceVersionSummary {
  readonly campaignId: string;
  readonly version: number;
  readonly stepCount: number;
  readonly createdByUserId: string | null;
  readonly createdAt: Date;
}

/** Every saved version of campaign sequences; append-only. Each call names the organization. */
export interface SequenceVersionRepository {
  /** The campaign's newest version, or null when its sequence was never saved. */
  latest(orgId: string, campaignId: string): Promise<SequenceVersion | null>;
  find(orgId: string, campaignId: string, version: number): Promise<SequenceVersion | null>;
  /** Newest first. */
  list(orgId: string, campaignId: string, page: PageRequest): Promise<Page<SequenceVersionSummary>>;
  /** Stores a new version; a number already taken for the campaign raises SequenceVersionConflictError. */
  append(version: SequenceVersion): Promise<void>;
}
