// The campaign-list scenario's data, written straight into a migrated database with set-based
// INSERT … SELECT generate_series, for an organization that already exists (created through the
// API, with its admin). Every constraint of the schema holds and is checked: names are unique per
// organization, campaigns are `synced` with an external id (campaigns_synced_has_external_id)
// under the Instantly catalogue row, leads' emails are canonical and unique per campaign, every
// composite foreign key — (company, org), (campaign, company, org) — points at a real row.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { SeedSummary } from '../harness/seed-summary.js';

export interface ListSeedShape {
  readonly companies: number;
  readonly campaignsPerCompany: number;
  readonly leadsPerCampaign: number;
}


/** Seeded rows start here and one second apart, so `created_at` orders them as they were made. */
const SEED_EPOCH = '2026-01-01T00:00:00Z';

const CAMPAIGN_STATUSES = ['DRAFTED', 'ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED'] as const;
const LEAD_STATUSES = ['active', 'contacted', 'replied', 'paused'] as const;

/** Connections loading leads side by side: heap and index insertion are CPU-bound, one core each. */
const LEAD_LOADERS = Math.max(1, Math.min(4, os.availableParallelism()));

/** Seconds cover inserting, re-creating indexes and foreign keys, and VACUUM ANALYZE. */
export async function seedCampaignList(databaseUrl: string, label: string, orgId: string, createdByUserId: string, shape: ListSeedShape): Promise<SeedSummary> {
  const started = performance.now();
  await withClient(databaseUrl, async (client) => {
    await client.query(
      `insert into companies (id, org_id, name, domain, status, created_at, updated_at)
       select gen_random_uuid(), $1, 'Bench company ' || n, 'company-' || n || '.bench.example.com', 'active',
              $2::timestamptz + n * interval '1 second', $2::timestamptz + n * interval '1 second'
         from generate_series(1, $3::int) as n`,
      [orgId, SEED_EPOCH, shape.companies],
    );
    // Campaign n belongs to company n mod companies: the organization-wide list interleaves them.
    await client.query(
      `with company as (
         select id, (row_number() over (order by created_at, id) - 1)::int as position from companies where org_id = $1
       ),
       provider as (select id from providers where slug = 'instantly')
       insert into campaigns (id, org_id, company_id, provider_id, name, provider_campaign_name, external_campaign_id, status,
                              campaign_type, sync_state, created_by_user_id, created_at, updated_at)
       select gen_random_uuid(), $1, company.id, provider.id, 'Bench campaign ' || n, 'oex-bench-campaign-' || n, 'bench-campaign-' || n,
              ($4::text[])[1 + n % cardinality($4::text[])], 'single_channel', 'synced', $5,
              $2::timestamptz + interval '1 day' + n * interval '1 second', $2::timestamptz + interval '1 day' + n * interval '1 second'
         from generate_series(0, $3::int - 1) as n
         join company on company.position = n % $6::int
         cross join provider`,
      [orgId, SEED_EPOCH, shape.companies * shape.campaignsPerCompany, CAMPAIGN_STATUSES, createdByUserId, shape.companies],
    );
  });

  // Each loader takes every LEAD_LOADERS-th campaign; a campaign's leads go in together, in
  // created_at order, as one import would store them.
  await bulkLoad(databaseUrl, 'campaign_leads', () =>
    Promise.all(
      Array.from({ length: LEAD_LOADERS }, (_, loader) =>
        withClient(databaseUrl, (client) =>
          client.query(
            `insert into campaign_leads (id, org_id, company_id, campaign_id, email, first_name, last_name, company_name, title, phone,
                                         linkedin_url, custom_fields, status, external_lead_id, sync_state, created_at, updated_at)
             select gen_random_uuid(), c.org_id, c.company_id, c.id, 'lead-' || l || '@' || c.external_campaign_id || '.bench.example.com',
                    'First' || l, 'Last' || l, 'Prospect company ' || l, 'Head of Sales', '+1555' || lpad(l::text, 7, '0'),
                    'https://www.linkedin.com/in/bench-lead-' || l, jsonb_build_object('segment', 'seeded', 'rank', l::text),
                    ($3::text[])[1 + l % cardinality($3::text[])], c.external_campaign_id || '-lead-' || l, 'synced',
                    c.created_at + l * interval '1 millisecond', c.created_at + l * interval '1 millisecond'
               from (select campaigns.*, row_number() over (order by created_at, id) as position from campaigns where org_id = $1) as c
               cross join generate_series(1, $2::int) as l
              where c.position % $4::int = $5::int
              order by c.position, l`,
            [orgId, shape.leadsPerCampaign, LEAD_STATUSES, LEAD_LOADERS, loader],
          ),
        ),
      ),
    ),
  );

  return withClient(databaseUrl, async (client) => {
    await client.query('VACUUM ANALYZE companies, campaigns, campaign_leads');
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await client.query<{ companies: number; campaigns: number; leads: number }>(
      `select (select count(*) from companies where org_id = $1)::int as companies,
              (select count(*) from campaigns where org_id = $1)::int as campaigns,
              (select count(*) from campaign_leads where org_id = $1)::int as leads`,
      [orgId],
    );
    const counts = rows[0];
    if (!counts) throw new Error('the seed counts query answered no row');
    return { database: label, ...counts, seconds: Math.round(seconds * 10) / 10 };
  });
}

/**
 * PostgreSQL's own advice for populating a table ("Populating a Database": remove indexes and
 * foreign keys, load, re-create them): the table's plain indexes and foreign keys are dropped,
 * the rows go in, and the very same definitions (read back with pg_get_indexdef and
 * pg_get_constraintdef) are re-created — an index built by one sort instead of a million
 * insertions, a foreign key validated by one join instead of a million row checks. Primary-key and
 * unique constraints stay and are checked row by row (other tables' foreign keys depend on them).
 *
 * The load may use several connections, so this is not one transaction: a failure midway leaves
 * the table without those indexes — harmless here, the database is thrown away with the failed run.
 */
async function bulkLoad(databaseUrl: string, table: string, load: () => Promise<unknown>): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition
         from pg_index where indrelid = $1::regclass and not indisunique and not indisprimary`,
      [table],
    );
    const { rows: foreignKeys } = await client.query<{ name: string; definition: string }>(
      `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = $1::regclass and contype = 'f'`,
      [table],
    );
    const tableName = pg.escapeIdentifier(table);
    await transaction(client, async () => {
      for (const foreignKey of foreignKeys) await client.query(`ALTER TABLE ${tableName} DROP CONSTRAINT ${pg.escapeIdentifier(foreignKey.name)}`);
      for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    });
    await load();
    await transaction(client, async () => {
      await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const index of indexes) await client.query(index.definition);
      for (const foreignKey of foreignKeys) {
        await client.query(`ALTER TABLE ${tableName} ADD CONSTRAINT ${pg.escapeIdentifier(foreignKey.name)} ${foreignKey.definition}`);
      }
    });
  });
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Seed data is rebuilt on every run: no need to wait for each commit's WAL flush.
    await client.query('SET synchronous_commit = off');
    return await work(client);
  } finally {
    await client.end();
  }
}

async function transaction(client: pg.Client, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
