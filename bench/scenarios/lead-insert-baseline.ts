// The floor the lead import is compared with: the same rows written by a plain multi-row INSERT
// through pg, with nothing else — no HTTP, no JSON parsing, no validation, no suppression or
// duplicate check, no audit row, no job — into a table shaped like campaign_leads, in a database of
// its own on the same server.
//
// "Shaped like" means the same columns and types, the same check constraints, the same primary
// key, unique constraints and indexes (each one costs every insert). The foreign keys are left
// out: they would need the campaigns, companies, organizations and import tables behind them, and
// their per-row checks are part of what the engine pays and the floor does not.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { BenchLead } from './bench-leads.js';

const TABLE = 'bench_campaign_leads';

/** Rows per INSERT statement: 1,000 rows × 8 parameters stays far under PostgreSQL's 65,535. */
export const BASELINE_ROWS_PER_STATEMENT = 1_000;

/** Creates the table (if missing) in the baseline database; answers a connected client for the runs. */
export async function openLeadInsertBaseline(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      create table if not exists ${TABLE} (
        id               uuid primary key,
        org_id           uuid not null,
        company_id       uuid not null,
        campaign_id      uuid not null,
        email            text not null check (email = lower(btrim(email))),
        first_name       text,
        last_name        text,
        company_name     text,
        title            text,
        phone            text,
        linkedin_url     text,
        custom_fields    jsonb not null default '{}'::jsonb,
        status           text not null check (status in ('active', 'paused', 'unsubscribed', 'replied', 'bounced', 'pending',
                                                         'contacted', 'connected', 'not_interested', 'unknown')),
        category         text,
        external_lead_id text,
        sync_state       text not null check (sync_state in ('pending', 'synced', 'rejected')),
        import_job_id    uuid,
        created_at       timestamptz not null,
        updated_at       timestamptz not null,
        unique (id, org_id),
        unique (campaign_id, email)
      )`);
    await client.query(`create index if not exists ${TABLE}_keyset_idx on ${TABLE} (campaign_id, created_at, id)`);
    await client.query(`create index if not exists ${TABLE}_status_keyset_idx on ${TABLE} (campaign_id, status, created_at, id)`);
    await client.query(`create index if not exists ${TABLE}_pending_idx on ${TABLE} (campaign_id, created_at, id) where sync_state = 'pending'`);
    await client.query(`create index if not exists ${TABLE}_org_email_idx on ${TABLE} (org_id, email)`);
    return client;
  } catch (error) {
    await client.end();
    throw error;
  }
}

export interface BaselineCampaign {
  readonly orgId: string;
  readonly companyId: string;
  readonly campaignId: string;
  readonly importJobId: string;
}

/**
 * Inserts the leads as new pending rows of the campaign, BASELINE_ROWS_PER_STATEMENT per
 * statement, in one transaction (as the import stores its leads); answers the milliseconds from
 * BEGIN to COMMIT, building the statements included.
 */
export async function insertLeadsPlainly(client: pg.Client, campaign: BaselineCampaign, leads: readonly BenchLead[]): Promise<number> {
  const started = performance.now();
  await client.query('BEGIN');
  try {
    const at = new Date();
    for (let offset = 0; offset < leads.length; offset += BASELINE_ROWS_PER_STATEMENT) {
      const batch = leads.slice(offset, offset + BASELINE_ROWS_PER_STATEMENT);
      // $1–$5 are the same for every row; each row adds its own eight.
      const params: unknown[] = [campaign.orgId, campaign.companyId, campaign.campaignId, campaign.importJobId, at];
      const rows = batch.map((lead) => {
        const first = params.length + 1;
        params.push(lead.email, lead.first_name, lead.last_name, lead.company, lead.title, lead.phone, lead.linkedin_url, JSON.stringify(lead.custom_fields));
        const own = Array.from({ length: 8 }, (_, index) => `$${first + index}`);
        return `(gen_random_uuid(), $1, $2, $3, ${own.slice(0, 7).join(', ')}, ${own[7]}::jsonb, 'pending', 'pending', $4, $5, $5)`;
      });
      const result = await client.query(
        `insert into ${TABLE} (id, org_id, company_id, campaign_id, email, first_name, last_name, company_name, title, phone,
                               linkedin_url, custom_fields, status, sync_state, import_job_id, created_at, updated_at)
         values ${rows.join(', ')}`,
        params,
      );
      if (result.rowCount !== batch.length) throw new Error(`the baseline INSERT stored ${result.rowCount} rows of ${batch.length}`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return performance.now() - started;
}
