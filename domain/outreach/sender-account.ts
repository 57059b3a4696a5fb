export const SENDER_ACCOUNT_STATUSES = ['active', 'inactive'] as const;
export type SenderAccountStatus = (typeof SENDER_ACCOUNT_STATUSES)[number];

/**
 * A mailbox a company sends email from, as last synced from its provider. The provider owns the
 * account; the engine keeps a copy so lists and scoping never need a provider call. An account
 * the provider stopped listing is kept as `inactive`, never deleted.
 */
export interface Inbox {
  readonly id: string;
  readonly orgId: string;
  readonly companyId: string;
  readonly providerId: string;
  readonly externalAccountId: string;
  readonly email: string;
  readonly displayName: string | null;
  readonly status: SenderAccountStatus;
  /** Why the account is inactive, in words for its company; null when active. */
  readonly statusReason: string | null;
  /** When the provider last told the status: a sync's time, or a reported error's. */
  readonly statusObservedAt: Date;
  readonly warmupEnabled: boolean | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A LinkedIn account a company runs campaigns from; same lifecycle as an inbox. */
export interface LinkedInAccount {
  readonly id: string;
  readonly orgId: string;
  readonly companyId: string;
  readonly providerId: string;
  readonly externalAccountId: string;
  readonly displayName: string | null;
  readonly email: string | null;
  readonly profileUrl: string | null;
  readonly status: SenderAccountStatus;
  readonly statusReason: string | null;
  readonly statusObservedAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
