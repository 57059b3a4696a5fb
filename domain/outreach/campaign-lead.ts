/** Lead states as the front-end contract spells them. */
export const LEAD_STATUSES = [
  'active',
  'paused',
  'unsubscribed',
  'replied',
  'bounced',
  'pending',
  'contacted',
  'connected',
  'not_interested',
  'unknown',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/**
 * - `pending`: stored locally, not yet handed to the provider (the next import step or retry does);
 * - `synced`: the provider holds it;
 * - `rejected`: the provider refused it (invalid, blocked, plan limit); it is kept and reported.
 */
export const LEAD_SYNC_STATES = ['pending', 'synced', 'rejected'] as const;
export type LeadSyncState = (typeof LEAD_SYNC_STATES)[number];

/** A lead of one campaign as the engine stores it. */
export interface CampaignLead {
  readonly id: string;
  readonly orgId: string;
  readonly companyId: string;
  readonly campaignId: string;
  /** Canonical: trimmed and lower-cased, so one address is one lead. */
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly companyName: string | null;
  readonly title: string | null;
  readonly phone: string | null;
  readonly linkedinUrl: string | null;
  readonly customFields: Readonly<Record<string, string>>;
  readonly status: LeadStatus;
  readonly category: string | null;
  readonly externalLeadId: string | null;
  readonly syncState: LeadSyncState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The form of an address the engine compares and stores. */
export function canonicalEmail(email: string): string {
  return email.trim().toLowerCase();
}
