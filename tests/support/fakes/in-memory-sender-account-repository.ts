import type { CompanyScope } from '../../../domain/access/company-scope.js';
import type { Inbox, LinkedInAccount, SenderAccountStatus } from '../../../domain/outreach/sender-account.js';
import { NOT_LISTED_REASON, reasonAfterSync, statusOfListedAccount } from '../../../domain/outreach/sender-account-status.js';
import type {
  InboxReference,
  SenderAccountRepository,
  SenderAccountSnapshot,
  SenderAccountSync,
  SenderAccountSyncResult,
} from '../../../application/outreach/sender-account.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';
import { keysetPage } from './keyset-page.js';
import { SequentialIdGenerator } from './sequential-id-generator.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Behaves like PostgresSenderAccountRepository: an account is keyed by (organization, provider,
 * external id) and belongs to the first company it was synced to (a sync for another company
 * leaves it alone and reports it); a sync refreshes what it lists and marks the company's other
 * active accounts of that provider inactive; inbox listing entries without an address are not
 * stored; lists page by keyset over (createdAt, id) within the scope. Stores copies.
 */
export class InMemorySenderAccountRepository implements SenderAccountRepository, SnapshotableStore {
  private inboxes = new Map<string, Inbox>();
  private linkedIn = new Map<string, LinkedInAccount>();

  constructor(private readonly ids = new SequentialIdGenerator('5e5e5e5e')) {}

  async syncInboxes(sync: SenderAccountSync): Promise<SenderAccountSyncResult> {
    const accounts = sync.accounts.filter((account) => account.email);
    return this.sync(this.inboxes, sync, accounts, (account, id, createdAt) => ({
      id,
      orgId: sync.orgId,
      companyId: sync.companyId,
      providerId: sync.providerId,
      externalAccountId: account.externalAccountId,
      email: account.email as string,
      displayName: account.displayName,
      ...statusAfterSync(this.inboxes, sync, account),
      warmupEnabled: account.warmupEnabled ?? null,
      createdAt,
      updatedAt: sync.at,
    }));
  }

  async syncLinkedInAccounts(sync: SenderAccountSync): Promise<SenderAccountSyncResult> {
    return this.sync(this.linkedIn, sync, sync.accounts, (account, id, createdAt) => ({
      id,
      orgId: sync.orgId,
      companyId: sync.companyId,
      providerId: sync.providerId,
      externalAccountId: account.externalAccountId,
      displayName: account.displayName,
      email: account.email,
      profileUrl: account.profileUrl ?? null,
      ...statusAfterSync(this.linkedIn, sync, account),
      createdAt,
      updatedAt: sync.at,
    }));
  }

  async findInboxForUpdate(orgId: string, providerId: string, reference: InboxReference): Promise<Inbox | null> {
    const candidates = [...this.inboxes.values()].filter(
      (row) =>
        row.orgId === orgId &&
        row.providerId === providerId &&
        (reference.externalId !== null
          ? row.externalAccountId === reference.externalId
          : reference.email !== null && row.email.toLowerCase() === reference.email.toLowerCase()),
    );
    return candidates.length === 1 ? { ...candidates[0]! } : null;
  }

  async deactivateInbox(orgId: string, inboxId: string, reason: string, observedAt: Date, now: Date): Promise<void> {
    const row = [...this.inboxes.values()].find((inbox) => inbox.orgId === orgId && inbox.id === inboxId) as Mutable<Inbox> | undefined;
    if (!row) return;
    row.status = 'inactive';
    row.statusReason = reason;
    row.statusObservedAt = observedAt;
    row.updatedAt = now;
  }

  async listInboxes(orgId: string, scope: CompanyScope, page: PageRequest): Promise<Page<Inbox>> {
    return keysetPage(inScope(this.inboxes, orgId, scope), page, (row) => ({ ...row }));
  }

  async listLinkedInAccounts(orgId: string, scope: CompanyScope, page: PageRequest): Promise<Page<LinkedInAccount>> {
    return keysetPage(inScope(this.linkedIn, orgId, scope), page, (row) => ({ ...row }));
  }

  /** Test helper: copies of every stored inbox, of every organization. */
  allInboxes(): Inbox[] {
    return [...this.inboxes.values()].map((row) => ({ ...row }));
  }

  /** Test helper: copies of every stored LinkedIn account, of every organization. */
  allLinkedInAccounts(): LinkedInAccount[] {
    return [...this.linkedIn.values()].map((row) => ({ ...row }));
  }

  snapshot(): Restore {
    const inboxes = new Map([...this.inboxes].map(([key, row]) => [key, { ...row }]));
    const linkedIn = new Map([...this.linkedIn].map(([key, row]) => [key, { ...row }]));
    return () => {
      this.inboxes = inboxes;
      this.linkedIn = linkedIn;
    };
  }

  private sync<Row extends Inbox | LinkedInAccount>(
    rows: Map<string, Row>,
    sync: SenderAccountSync,
    accounts: readonly SenderAccountSnapshot[],
    build: (account: SenderAccountSnapshot, id: string, createdAt: Date) => Row,
  ): SenderAccountSyncResult {
    const stored = new Set<string>();
    for (const account of accounts) {
      const key = keyOf(sync.orgId, sync.providerId, account.externalAccountId);
      const existing = rows.get(key);
      if (existing && existing.companyId !== sync.companyId) continue;
      rows.set(key, build(account, existing?.id ?? this.ids.next(), existing?.createdAt ?? sync.at));
      stored.add(account.externalAccountId);
    }
    const listed = new Set(accounts.map((account) => account.externalAccountId));
    let deactivated = 0;
    for (const row of rows.values()) {
      if (row.orgId !== sync.orgId || row.companyId !== sync.companyId || row.providerId !== sync.providerId) continue;
      if (row.status !== 'active' || listed.has(row.externalAccountId)) continue;
      const changed = row as Mutable<Row>;
      changed.status = 'inactive';
      changed.statusReason = NOT_LISTED_REASON;
      changed.statusObservedAt = sync.at;
      changed.updatedAt = sync.at;
      deactivated += 1;
    }
    return {
      synced: stored.size,
      heldByAnotherCompany: accounts.map((account) => account.externalAccountId).filter((id) => !stored.has(id)),
      deactivated,
    };
  }
}

function keyOf(orgId: string, providerId: string, externalAccountId: string): string {
  return `${orgId}:${providerId}:${externalAccountId}`;
}

function statusAfterSync(
  rows: Map<string, Inbox | LinkedInAccount>,
  sync: SenderAccountSync,
  account: SenderAccountSnapshot,
): { status: SenderAccountStatus; statusReason: string | null; statusObservedAt: Date } {
  const listed = statusOfListedAccount(account.active);
  const previous = rows.get(keyOf(sync.orgId, sync.providerId, account.externalAccountId));
  return { status: listed.status, statusReason: reasonAfterSync(previous, listed), statusObservedAt: sync.at };
}

function inScope<Row extends Inbox | LinkedInAccount>(rows: Map<string, Row>, orgId: string, scope: CompanyScope): Row[] {
  return [...rows.values()].filter((row) => row.orgId === orgId && (scope.kind === 'organization' || row.companyId === scope.companyId));
}
