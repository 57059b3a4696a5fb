import { Migration } from '@mikro-orm/migrations';

/**
 * Why a sender account is inactive, and as of when its status is known. A provider reports a
 * broken connection by webhook between syncs; the reason tells the company what to fix, and the
 * observation time keeps a late-delivered error from overturning a newer sync that saw the
 * account healthy again.
 */
export class Migration0006SenderAccountStatusReason extends Migration {
  override up(): void {
    for (const table of ['company_inboxes', 'company_linkedin_accounts']) {
      this.addSql(`alter table ${table} add column status_reason text, add column status_observed_at timestamptz`);
      // Until now only syncs wrote the status, each stamping updated_at.
      this.addSql(`update ${table} set status_observed_at = updated_at`);
      this.addSql(`alter table ${table} alter column status_observed_at set not null`);
      // A reason explains an inactive account only; an active one has nothing to explain.
      this.addSql(`alter table ${table} add constraint ${table}_status_reason_check check (status = 'inactive' or status_reason is null)`);
    }
    // An account error on a provider's shared webhook URL names an inbox, not an organization: the
    // organization is found from the account id (rare, but never a scan of every tenant's inboxes).
    this.addSql(`create index company_inboxes_provider_account_idx on company_inboxes (provider_id, external_account_id)`);
  }
}
