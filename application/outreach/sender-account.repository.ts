import type { CompanyScope } from '../../domain/access/company-scope.js';
import type { Inbox, LinkedInAccount } from '../../domain/outreach/sender-account.js';
import type { Page, PageRequest } from '../shared/pagination.js';

/** One account as a provider lists it, ready to be stored for a company. */
export interface SenderAccountSnapshot {
  readonly externalAccountId: string;
  readonly displayName: string | null;
  readonly email: string | null;
  readonly profileUrl?: string | null;
  readonly active: boolean;
  readonly warmupEnabled?: boolean | null;
}

export interface SenderAccountSync {
  readonly orgId: string;
  readonly companyId: string;
  readonly providerId: string;
  readonly accounts: readonly SenderAccountSnapshot[];
  readonly at: Date;
}

/** An inbox as a provider event names it. */
export interface InboxReference {
  readonly externalId: string | null;
  readonly email: string | null;
}

export interface SenderAccountSyncResult {
  /** Accounts inserted or refreshed for the company. */
  readonly synced: number;
  /** External ids left alone because another company of the organization already holds them. */
  readonly heldByAnotherCompany: readonly string[];
  /** The company's accounts the provider no longer lists, now marked inactive. */
  readonly deactivated: number;
}

/**
 * The sender accounts of companies: email inboxes and LinkedIn accounts. A sync is one set-based
 * upsert: an account belongs to the first company of the organization it was synced to, and is
 * never moved silently to another.
 */
export interface SenderAccountRepository {
  syncInboxes(sync: SenderAccountSync): Promise<SenderAccountSyncResult>;
  syncLinkedInAccounts(sync: SenderAccountSync): Promise<SenderAccountSyncResult>;
  /**
   * The organization's inbox of this provider that an event names, locked until the transaction
   * ends: by the provider's account id when given, else by address when exactly one inbox has it.
   */
  findInboxForUpdate(orgId: string, providerId: string, reference: InboxReference): Promise<Inbox | null>;
  /** The inbox inactive for `reason`, its status as of `observedAt`. */
  deactivateInbox(orgId: string, inboxId: string, reason: string, observedAt: Date, now: Date): Promise<void>;
  /** Oldest first, by keyset, within the read scope. */
  listInboxes(orgId: string, scope: CompanyScope, page: PageRequest): Promise<Page<Inbox>>;
  listLinkedInAccounts(orgId: string, scope: CompanyScope, page: PageRequest): Promise<Page<LinkedInAccount>>;
}
