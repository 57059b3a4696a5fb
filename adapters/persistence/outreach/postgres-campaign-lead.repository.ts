import type { MikroORM } from '@mikro-orm/postgresql';
import type {
  CampaignKey,
  CampaignLeadRepository,
  LeadInsertOutcome,
  LeadSyncResult,
  NewLead,
} from '../../../application/outreach/leads/campaign-lead.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { CampaignLead, LeadStatus, LeadSyncState } from '../../../domain/outreach/campaign-lead.js';
import { executeSql } from '../shared/execute-sql.js';
import { decodeKeysetCursor, keysetPageOf } from '../shared/keyset-cursor.js';
import { isUuid } from '../shared/uuid.js';

type Row = Record<string, unknown>;


/**
 * Campaign leads in `campaign_leads`, written set-based: a whole request's leads travel as one
 * JSON parameter (`jsonb_array_elements`) into one INSERT … SELECT that skips the company's
 * suppressed addresses and the campaign's existing leads, whatever the number of leads.
 */
export class PostgresCampaignLeadRepository implements CampaignLeadRepository {
  constructor(private readonly orm: MikroORM) {}

  async insertNew(key: CampaignKey, leads: readonly NewLead[], options: { importJobId: string | null; at: Date }): Promise<LeadInsertOutcome> {
    if (leads.length === 0) return { inserted: 0, alreadyInCampaign: 0, suppressed: 0 };
    const [counts] = await this.execute(
      `with incoming as (
         select l.value->>'email' as email, l.value->>'first_name' as first_name, l.value->>'last_name' as last_name,
                l.value->>'company_name' as company_name, l.value->>'title' as title, l.value->>'phone' as phone,
                l.value->>'linkedin_url' as linkedin_url, l.value->'custom_fields' as custom_fields, l.position
           from jsonb_array_elements(?::jsonb) with ordinality as l (value, position)
       ),
       suppressed as (
         select i.email from incoming i
           join company_suppressions s on s.org_id = ? and s.company_id = ? and s.email = i.email
       ),
       inserted as (
         insert into campaign_leads
           (id, org_id, company_id, campaign_id, email, first_name, last_name, company_name, title, phone, linkedin_url,
            custom_fields, status, sync_state, import_job_id, created_at, updated_at)
         select gen_random_uuid(), ?, ?, ?, i.email, i.first_name, i.last_name, i.company_name, i.title, i.phone, i.linkedin_url,
                coalesce(i.custom_fields, '{}'::jsonb), 'pending', 'pending', ?,
                -- A microsecond apart, in request order: lists and hand-over keep the caller's order.
                ?::timestamptz + i.position * interval '1 microsecond', ?
           from incoming i
          where i.email not in (select email from suppressed)
         on conflict (campaign_id, email) do nothing
         returning 1
       )
       select (select count(*) from inserted)::int as inserted,
              (select count(*) from suppressed)::int as suppressed`,
      [
        JSON.stringify(
          leads.map((lead) => ({
            email: lead.email,
            first_name: lead.firstName,
            last_name: lead.lastName,
            company_name: lead.companyName,
            title: lead.title,
            phone: lead.phone,
            linkedin_url: lead.linkedinUrl,
            custom_fields: lead.customFields,
          })),
        ),
        key.orgId, key.companyId,
        key.orgId, key.companyId, key.campaignId, options.importJobId, options.at, options.at,
      ],
    );
    const inserted = Number(counts?.['inserted'] ?? 0);
    const suppressed = Number(counts?.['suppressed'] ?? 0);
    return { inserted, suppressed, alreadyInCampaign: leads.length - inserted - suppressed };
  }

  findById(orgId: string, campaignId: string, leadId: string): Promise<CampaignLead | null> {
    return this.findOne(orgId, campaignId, leadId, '');
  }

  findByIdForUpdate(orgId: string, campaignId: string, leadId: string): Promise<CampaignLead | null> {
    return this.findOne(orgId, campaignId, leadId, ' for update');
  }

  async findByEmailForUpdate(orgId: string, campaignId: string, email: string): Promise<CampaignLead | null> {
    const [row] = await this.execute(`select * from campaign_leads where org_id = ? and campaign_id = ? and email = ? for update`, [orgId, campaignId, email]);
    return row ? toLead(row) : null;
  }

  async setCategory(orgId: string, campaignId: string, leadId: string, category: string, at: Date): Promise<void> {
    await this.execute(`update campaign_leads set category = ?, updated_at = ? where org_id = ? and campaign_id = ? and id = ?`, [category, at, orgId, campaignId, leadId], 'run');
  }

  async list(orgId: string, campaignId: string, filter: { status?: LeadStatus | undefined }, page: PageRequest): Promise<Page<CampaignLead>> {
    const conditions = ['org_id = ?', 'campaign_id = ?'];
    const params: unknown[] = [orgId, campaignId];
    if (filter.status !== undefined) {
      conditions.push('status = ?');
      params.push(filter.status);
    }
    if (page.after !== undefined) {
      const after = decodeKeysetCursor(page.after);
      conditions.push('(created_at, id) > (?, ?)');
      params.push(after.createdAt, after.id);
    }
    // One row past the page tells whether another page exists without a count query.
    params.push(page.limit + 1);
    const rows = await this.execute(`select * from campaign_leads where ${conditions.join(' and ')} order by created_at, id limit ?`, params);
    return keysetPageOf(rows.map(toLead), page.limit);
  }

  async findPending(orgId: string, campaignId: string, limit: number, importId: string | null): Promise<CampaignLead[]> {
    const rows = await this.execute(
      `select * from campaign_leads
        where org_id = ? and campaign_id = ? and sync_state = 'pending' and status not in ('unsubscribed', 'bounced')
          and (case when ?::uuid is null
                    then not exists (select 1 from lead_import_jobs j
                                      where j.id = campaign_leads.import_job_id and j.status in ('queued', 'running'))
                    else import_job_id = ? end)
        order by created_at, id limit ?`,
      [orgId, campaignId, importId, importId, limit],
    );
    return rows.map(toLead);
  }

  async countPending(orgId: string, campaignId: string): Promise<number> {
    const [row] = await this.execute(
      `select count(*)::int as pending from campaign_leads where org_id = ? and campaign_id = ? and sync_state = 'pending'`,
      [orgId, campaignId],
    );
    return Number(row?.['pending'] ?? 0);
  }

  async markSynced(orgId: string, campaignId: string, results: readonly LeadSyncResult[], at: Date): Promise<void> {
    if (results.length === 0) return;
    await this.execute(
      `update campaign_leads l
          set sync_state = 'synced', external_lead_id = coalesce(r.external_lead_id, l.external_lead_id), updated_at = ?,
              status = case when l.status = 'pending' then 'active' else l.status end
         from jsonb_to_recordset(?::jsonb) as r (lead_id uuid, external_lead_id text)
        where l.org_id = ? and l.campaign_id = ? and l.id = r.lead_id`,
      [at, JSON.stringify(results.map((result) => ({ lead_id: result.leadId, external_lead_id: result.externalLeadId }))), orgId, campaignId],
      'run',
    );
  }

  async markRejected(orgId: string, campaignId: string, leadIds: readonly string[], at: Date): Promise<void> {
    if (leadIds.length === 0) return;
    await this.execute(
      `update campaign_leads set sync_state = 'rejected', updated_at = ?
        where org_id = ? and campaign_id = ? and id in (select (jsonb_array_elements_text(?::jsonb))::uuid)`,
      [at, orgId, campaignId, JSON.stringify(leadIds)],
      'run',
    );
  }

  async setStatus(orgId: string, campaignId: string, leadId: string, status: LeadStatus, at: Date): Promise<void> {
    await this.execute(`update campaign_leads set status = ?, updated_at = ? where org_id = ? and campaign_id = ? and id = ?`, [status, at, orgId, campaignId, leadId], 'run');
  }

  private async findOne(orgId: string, campaignId: string, leadId: string, lock: '' | ' for update'): Promise<CampaignLead | null> {
    if (!isUuid(leadId)) return null;
    const [row] = await this.execute(`select * from campaign_leads where org_id = ? and campaign_id = ? and id = ?${lock}`, [orgId, campaignId, leadId]);
    return row ? toLead(row) : null;
  }

  private execute<T = Row[]>(sql: string, params: unknown[], method: 'all' | 'run' = 'all'): Promise<T> {
    return executeSql<T>(this.orm, sql, params, method);
  }
}

function toLead(row: Row): CampaignLead {
  return {
    id: row['id'] as string,
    orgId: row['org_id'] as string,
    companyId: row['company_id'] as string,
    campaignId: row['campaign_id'] as string,
    email: row['email'] as string,
    firstName: (row['first_name'] as string | null) ?? null,
    lastName: (row['last_name'] as string | null) ?? null,
    companyName: (row['company_name'] as string | null) ?? null,
    title: (row['title'] as string | null) ?? null,
    phone: (row['phone'] as string | null) ?? null,
    linkedinUrl: (row['linkedin_url'] as string | null) ?? null,
    customFields: (row['custom_fields'] as Record<string, string> | null) ?? {},
    status: row['status'] as LeadStatus,
    category: (row['category'] as string | null) ?? null,
    externalLeadId: (row['external_lead_id'] as string | null) ?? null,
    syncState: row['sync_state'] as LeadSyncState,
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
  };
}
