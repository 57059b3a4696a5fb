import type { MikroORM } from '@mikro-orm/postgresql';
import type { CompanyScope } from '../../../domain/access/company-scope.js';
import type { Inbox, LinkedInAccount, SenderAccountStatus } from '../../../domain/outreach/sender-account.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { NOT_LISTED_REASON, statusOfListedAccount } from '../../../domain/outreach/sender-account-status.js';
import type {
  InboxReference,
  SenderAccountRepository,
  SenderAccountSync,
  SenderAccountSyncResult,
} from '../../../application/outreach/sender-account.repository.js';
import { executeSql } from '../shared/execute-sql.js';
import { decodeKeysetCursor, keysetPageOf } from '../shared/keyset-cursor.js';

type Row = Record<string, unknown>;

/**
 * Sender accounts in `company_inboxes` and `company_linkedin_accounts`, written set-based: one
 * upsert for the whole provider listing and one update for what it no longer lists, whatever the
 * number of accounts. Listings travel as one JSON parameter (`jsonb_to_recordset`) because the
 * driver layer expands JS arrays into placeholder lists rather than Postgres arrays.
 */
export class PostgresSenderAccountRepository implements SenderAccountRepository {
  constructor(private readonly orm: MikroORM) {}

  async syncInboxes(sync: SenderAccountSync): Promise<SenderAccountSyncResult> {
    // An inbox is its address: a listing entry without one cannot be stored or sent from.
    const accounts = sync.accounts.filter((account) => account.email);
    const upserted = await this.execute(
      `insert into company_inboxes as i
         (id, org_id, company_id, provider_id, external_account_id, email, display_name, status, status_reason, status_observed_at,
          warmup_enabled, created_at, updated_at)
       select gen_random_uuid(), ?, ?, ?, a.external_id, a.email, a.display_name, a.status, a.status_reason, ?, a.warmup_enabled, ?, ?
         from jsonb_to_recordset(?::jsonb)
              as a (external_id text, email text, display_name text, status text, status_reason text, warmup_enabled boolean)
       on conflict (org_id, provider_id, external_account_id) do update set
         email = excluded.email, display_name = excluded.display_name, status = excluded.status,
         status_reason = ${keptStatusReason('i')}, status_observed_at = excluded.status_observed_at,
         warmup_enabled = excluded.warmup_enabled, updated_at = excluded.updated_at
         where i.company_id = excluded.company_id
       returning external_account_id`,
      [
        sync.orgId, sync.companyId, sync.providerId, sync.at, sync.at, sync.at,
        JSON.stringify(
          accounts.map((account) => ({
            external_id: account.externalAccountId,
            email: account.email,
            display_name: account.displayName,
            ...listedStatus(account.active),
            warmup_enabled: account.warmupEnabled ?? null,
          })),
        ),
      ],
    );
    return this.finishSync('company_inboxes', sync, accounts.map((account) => account.externalAccountId), upserted);
  }

  async syncLinkedInAccounts(sync: SenderAccountSync): Promise<SenderAccountSyncResult> {
    const accounts = sync.accounts;
    const upserted = await this.execute(
      `insert into company_linkedin_accounts as l
         (id, org_id, company_id, provider_id, external_account_id, display_name, email, profile_url, status, status_reason,
          status_observed_at, created_at, updated_at)
       select gen_random_uuid(), ?, ?, ?, a.external_id, a.display_name, a.email, a.profile_url, a.status, a.status_reason, ?, ?, ?
         from jsonb_to_recordset(?::jsonb)
              as a (external_id text, display_name text, email text, profile_url text, status text, status_reason text)
       on conflict (org_id, provider_id, external_account_id) do update set
         display_name = excluded.display_name, email = excluded.email, profile_url = excluded.profile_url,
         status = excluded.status, status_reason = ${keptStatusReason('l')}, status_observed_at = excluded.status_observed_at,
         updated_at = excluded.updated_at
         where l.company_id = excluded.company_id
       returning external_account_id`,
      [
        sync.orgId, sync.companyId, sync.providerId, sync.at, sync.at, sync.at,
        JSON.stringify(
          accounts.map((account) => ({
            external_id: account.externalAccountId,
            display_name: account.displayName,
            email: account.email,
            profile_url: account.profileUrl ?? null,
            ...listedStatus(account.active),
          })),
        ),
      ],
    );
    return this.finishSync('company_linkedin_accounts', sync, accounts.map((account) => account.externalAccountId), upserted);
  }

  async findInboxForUpdate(orgId: string, providerId: string, reference: InboxReference): Promise<Inbox | null> {
    const rows =
      reference.externalId !== null
        ? await this.execute(
            `select * from company_inboxes where org_id = ? and provider_id = ? and external_account_id = ? for update`,
            [orgId, providerId, reference.externalId],
          )
        : reference.email !== null
          ? // Two inboxes of one address (one per company) leave the event ambiguous: it names neither.
            await this.execute(`select * from company_inboxes where org_id = ? and provider_id = ? and lower(email) = lower(?) limit 2 for update`, [
              orgId,
              providerId,
              reference.email,
            ])
          : [];
    return rows.length === 1 ? inboxOf(rows[0]!) : null;
  }

  async deactivateInbox(orgId: string, inboxId: string, reason: string, observedAt: Date, now: Date): Promise<void> {
    await this.execute(
      `update company_inboxes set status = 'inactive', status_reason = ?, status_observed_at = ?, updated_at = ? where org_id = ? and id = ?`,
      [reason, observedAt, now, orgId, inboxId],
      'run',
    );
  }

  async listInboxes(orgId: string, scope: CompanyScope, page: PageRequest): Promise<Page<Inbox>> {
    const rows = await this.listRows('company_inboxes', orgId, scope, page);
    return this.toPage(rows, page, inboxOf);
  }

  async listLinkedInAccounts(orgId: string, scope: CompanyScope, page: PageRequest): Promise<Page<LinkedInAccount>> {
    const rows = await this.listRows('company_linkedin_accounts', orgId, scope, page);
    return this.toPage(rows, page, (row) => ({
      ...commonFields(row),
      email: (row['email'] as string | null) ?? null,
      profileUrl: (row['profile_url'] as string | null) ?? null,
    }));
  }

  /** Marks what the listing no longer holds inactive and reports what another company holds. */
  private async finishSync(
    table: 'company_inboxes' | 'company_linkedin_accounts',
    sync: SenderAccountSync,
    listedIds: readonly string[],
    upserted: Row[],
  ): Promise<SenderAccountSyncResult> {
    const deactivated = await this.execute<{ affectedRows: number }>(
      `update ${table} set status = 'inactive', status_reason = ?, status_observed_at = ?, updated_at = ?
        where org_id = ? and company_id = ? and provider_id = ? and status = 'active'
          and external_account_id not in (select jsonb_array_elements_text(?::jsonb))`,
      [NOT_LISTED_REASON, sync.at, sync.at, sync.orgId, sync.companyId, sync.providerId, JSON.stringify(listedIds)],
      'run',
    );
    const stored = new Set(upserted.map((row) => row['external_account_id'] as string));
    return {
      synced: stored.size,
      heldByAnotherCompany: listedIds.filter((id) => !stored.has(id)),
      deactivated: deactivated.affectedRows,
    };
  }

  private listRows(table: 'company_inboxes' | 'company_linkedin_accounts', orgId: string, scope: CompanyScope, page: PageRequest): Promise<Row[]> {
    const after = page.after === undefined ? undefined : decodeKeysetCursor(page.after);
    const conditions = ['org_id = ?'];
    const params: unknown[] = [orgId];
    if (scope.kind === 'company') {
      conditions.push('company_id = ?');
      params.push(scope.companyId);
    }
    if (after) {
      conditions.push('(created_at, id) > (?, ?)');
      params.push(after.createdAt, after.id);
    }
    // One row past the page tells whether another page exists without a count query (keysetPageOf).
    params.push(page.limit + 1);
    return this.execute(`select * from ${table} where ${conditions.join(' and ')} order by created_at, id limit ?`, params);
  }

  private toPage<T extends { createdAt: Date; id: string }>(rows: Row[], page: PageRequest, map: (row: Row) => T): Page<T> {
    return keysetPageOf(rows.map(map), page.limit);
  }

  private execute<T = Row[]>(sql: string, params: unknown[], method: 'all' | 'run' = 'all'): Promise<T> {
    return executeSql<T>(this.orm, sql, params, method);
  }
}

/** A listed account's status and reason as the sync's JSON fields. */
function listedStatus(active: boolean): { status: SenderAccountStatus; status_reason: string | null } {
  const { status, reason } = statusOfListedAccount(active);
  return { status, status_reason: reason };
}

/** reasonAfterSync (domain/outreach/sender-account-status.ts) in SQL, for the existing row `row`. */
function keptStatusReason(row: string): string {
  return `case when excluded.status = 'active' then null
        when ${row}.status = 'inactive' and ${row}.status_reason <> '${NOT_LISTED_REASON}' then ${row}.status_reason
        else excluded.status_reason end`;
}

function inboxOf(row: Row): Inbox {
  return {
    ...commonFields(row),
    email: row['email'] as string,
    warmupEnabled: (row['warmup_enabled'] as boolean | null) ?? null,
  };
}

function commonFields(row: Row) {
  return {
    id: row['id'] as string,
    orgId: row['org_id'] as string,
    companyId: row['company_id'] as string,
    providerId: row['provider_id'] as string,
    externalAccountId: row['external_account_id'] as string,
    displayName: (row['display_name'] as string | null) ?? null,
    status: row['status'] as SenderAccountStatus,
    statusReason: (row['status_reason'] as string | null) ?? null,
    statusObservedAt: new Date(row['status_observed_at'] as string),
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
  };
}
