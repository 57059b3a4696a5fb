import type { MikroORM } from '@mikro-orm/postgresql';
import type { SuppressionEntry, SuppressionList } from '../../../application/outreach/leads/suppression-list.port.js';
import { executeSql } from '../shared/execute-sql.js';

/** `company_suppressions`: one row per company and address; the first reason recorded stays. */
export class PostgresSuppressionList implements SuppressionList {
  constructor(private readonly orm: MikroORM) {}

  async add(orgId: string, companyId: string, entries: readonly SuppressionEntry[], at: Date): Promise<void> {
    if (entries.length === 0) return;
    await executeSql(
      this.orm,
      `insert into company_suppressions (org_id, company_id, email, reason, source_campaign_id, created_at)
         select ?, ?, e.email, e.reason, e.source_campaign_id, ?
           from jsonb_to_recordset(?::jsonb) as e (email text, reason text, source_campaign_id uuid)
         on conflict (org_id, company_id, email) do nothing`,
      [
        orgId, companyId, at,
        JSON.stringify(entries.map((entry) => ({ email: entry.email, reason: entry.reason, source_campaign_id: entry.sourceCampaignId }))),
      ],
      'run',
    );
  }

  async isSuppressed(orgId: string, companyId: string, email: string): Promise<boolean> {
    const rows = await executeSql(this.orm, `select 1 from company_suppressions where org_id = ? and company_id = ? and email = ?`, [orgId, companyId, email]);
    return rows.length > 0;
  }
}
