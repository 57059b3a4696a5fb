/** Why an address may never be contacted again by a company. */
export type SuppressionReason = 'unsubscribed' | 'hard_bounce';

export interface SuppressionEntry {
  /** Canonical address (see canonicalEmail). */
  readonly email: string;
  readonly reason: SuppressionReason;
  readonly sourceCampaignId: string | null;
}

/**
 * Every address a company must never contact again, whichever campaign it left from. New leads
 * are checked against it when they are stored (CampaignLeadRepository.insertNew).
 */
export interface SuppressionList {
  /** Adds the entries; an address already listed keeps its first reason. */
  add(orgId: string, companyId: string, entries: readonly SuppressionEntry[], at: Date): Promise<void>;
  isSuppressed(orgId: string, companyId: string, email: string): Promise<boolean>;
}
