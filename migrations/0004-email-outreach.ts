import { Migration } from '@mikro-orm/migrations';

/**
 * Email outreach as the engine's source of truth: campaigns, every saved version of their
 * sequences, leads, the company-wide suppression list, background lead imports and the messages
 * of each thread.
 *
 * Every table carries org_id and company_id (denormalised from the campaign) so lists filter
 * without joins, and composite foreign keys (x_id, org_id) so no row can point into another org.
 */
export class Migration0004EmailOutreach extends Migration {
  override up(): void {
    this.addSql(`
      create table campaigns (
        id                     uuid primary key,
        org_id                 uuid not null references organizations (id),
        company_id             uuid not null,
        provider_id            uuid not null references providers (id),
        name                   text not null constraint campaigns_name_not_blank check (btrim(name) <> ''),
        -- The unique name the campaign carries at the provider, so an ambiguous create can be
        -- found and adopted instead of made twice.
        provider_campaign_name text not null,
        external_campaign_id   text,
        status                 text not null
                               constraint campaigns_status_check check (status in ('DRAFTED', 'ACTIVE', 'PAUSED', 'STOPPED', 'COMPLETED')),
        campaign_type          text not null default 'single_channel',
        -- Whether the provider holds the campaign yet; 'failed' keeps the reason, in capability terms.
        sync_state             text not null
                               constraint campaigns_sync_state_check check (sync_state in ('pending', 'synced', 'failed')),
        last_sync_error        text,
        created_by_user_id     uuid,
        created_at             timestamptz not null,
        updated_at             timestamptz not null,
        deleted_at             timestamptz,
        constraint campaigns_id_org_key unique (id, org_id),
        -- Lets children reference (campaign, company, org) and so inherit the company by constraint.
        constraint campaigns_id_company_org_key unique (id, company_id, org_id),
        constraint campaigns_company_same_org_fkey foreign key (company_id, org_id) references companies (id, org_id),
        constraint campaigns_synced_has_external_id check ((sync_state = 'synced') = (external_campaign_id is not null))
      )`);
    this.addSql(`
      create unique index campaigns_external_key on campaigns (org_id, provider_id, external_campaign_id)
        where external_campaign_id is not null`);
    this.addSql(`create index campaigns_live_company_keyset_idx on campaigns (org_id, company_id, created_at, id) where deleted_at is null`);
    this.addSql(`create index campaigns_live_org_keyset_idx on campaigns (org_id, created_at, id) where deleted_at is null`);
    this.addSql(`create index campaigns_live_creator_keyset_idx on campaigns (org_id, created_by_user_id, created_at, id) where deleted_at is null`);

    // Append-only: a save never rewrites history.
    this.addSql(`
      create table campaign_sequence_versions (
        id                 uuid primary key,
        org_id             uuid not null,
        company_id         uuid not null,
        campaign_id        uuid not null,
        version            integer not null constraint campaign_sequence_versions_version_positive check (version > 0),
        steps              jsonb not null constraint campaign_sequence_versions_steps_array check (jsonb_typeof(steps) = 'array'),
        created_by_user_id uuid,
        created_at         timestamptz not null,
        constraint campaign_sequence_versions_campaign_fkey
          foreign key (campaign_id, company_id, org_id) references campaigns (id, company_id, org_id),
        constraint campaign_sequence_versions_campaign_version_key unique (campaign_id, version)
      )`);

    this.addSql(`
      create table lead_import_jobs (
        id                   uuid primary key,
        org_id               uuid not null,
        company_id           uuid not null,
        campaign_id          uuid not null,
        status               text not null
                             constraint lead_import_jobs_status_check check (status in ('queued', 'running', 'completed', 'failed')),
        submitted            integer not null,
        added                integer not null default 0,
        duplicates_in_request integer not null default 0,
        already_in_campaign  integer not null default 0,
        suppressed           integer not null default 0,
        -- Progress of the provider side: leads handed over, and those the provider refused.
        pushed               integer not null default 0,
        rejected_by_provider integer not null default 0,
        attempts             integer not null default 0,
        last_error           text,
        created_by_user_id   uuid,
        created_at           timestamptz not null,
        updated_at           timestamptz not null,
        started_at           timestamptz,
        finished_at          timestamptz,
        constraint lead_import_jobs_id_org_key unique (id, org_id),
        constraint lead_import_jobs_campaign_fkey
          foreign key (campaign_id, company_id, org_id) references campaigns (id, company_id, org_id)
      )`);
    this.addSql(`create index lead_import_jobs_campaign_idx on lead_import_jobs (org_id, campaign_id, created_at, id)`);

    this.addSql(`
      create table campaign_leads (
        id               uuid primary key,
        org_id           uuid not null,
        company_id       uuid not null,
        campaign_id      uuid not null,
        email            text not null constraint campaign_leads_email_canonical check (email = lower(btrim(email))),
        first_name       text,
        last_name        text,
        company_name     text,
        title            text,
        phone            text,
        linkedin_url     text,
        custom_fields    jsonb not null default '{}'::jsonb,
        status           text not null constraint campaign_leads_status_check
                         check (status in ('active', 'paused', 'unsubscribed', 'replied', 'bounced', 'pending',
                                           'contacted', 'connected', 'not_interested', 'unknown')),
        category         text,
        external_lead_id text,
        -- Whether the provider holds the lead: 'pending' leads are pushed by the next import or retry.
        sync_state       text not null
                         constraint campaign_leads_sync_state_check check (sync_state in ('pending', 'synced', 'rejected')),
        import_job_id    uuid,
        created_at       timestamptz not null,
        updated_at       timestamptz not null,
        constraint campaign_leads_id_org_key unique (id, org_id),
        constraint campaign_leads_campaign_fkey
          foreign key (campaign_id, company_id, org_id) references campaigns (id, company_id, org_id),
        -- Checked at commit: an import stores its leads first and then its row with their counts.
        constraint campaign_leads_import_job_fkey foreign key (import_job_id, org_id) references lead_import_jobs (id, org_id)
          deferrable initially deferred,
        constraint campaign_leads_campaign_email_key unique (campaign_id, email)
      )`);
    this.addSql(`create index campaign_leads_keyset_idx on campaign_leads (campaign_id, created_at, id)`);
    this.addSql(`create index campaign_leads_status_keyset_idx on campaign_leads (campaign_id, status, created_at, id)`);
    this.addSql(`create index campaign_leads_pending_idx on campaign_leads (campaign_id, created_at, id) where sync_state = 'pending'`);
    this.addSql(`create index campaign_leads_org_email_idx on campaign_leads (org_id, email)`);

    // Every address a company must never contact again, whichever campaign it left from.
    this.addSql(`
      create table company_suppressions (
        org_id             uuid not null,
        company_id         uuid not null,
        email              text not null constraint company_suppressions_email_canonical check (email = lower(btrim(email))),
        reason             text not null constraint company_suppressions_reason_check check (reason in ('unsubscribed', 'hard_bounce')),
        source_campaign_id uuid,
        created_at         timestamptz not null,
        constraint company_suppressions_pkey primary key (org_id, company_id, email),
        constraint company_suppressions_company_same_org_fkey foreign key (company_id, org_id) references companies (id, org_id)
      )`);

    this.addSql(`
      create table campaign_messages (
        id                   uuid primary key,
        org_id               uuid not null,
        company_id           uuid not null,
        campaign_id          uuid not null,
        lead_id              uuid,
        external_message_id  text not null,
        direction            text not null constraint campaign_messages_direction_check check (direction in ('inbound', 'outbound', 'unknown')),
        sequence_step_number integer,
        subject              text,
        body                 text,
        from_address         text,
        to_address           text,
        sent_at              timestamptz not null,
        created_at           timestamptz not null,
        updated_at           timestamptz not null,
        constraint campaign_messages_id_org_key unique (id, org_id),
        constraint campaign_messages_campaign_fkey
          foreign key (campaign_id, company_id, org_id) references campaigns (id, company_id, org_id),
        constraint campaign_messages_lead_fkey foreign key (lead_id, org_id) references campaign_leads (id, org_id),
        -- Refreshes and webhooks upsert on this: a message is stored once however often it is seen.
        constraint campaign_messages_external_key unique (campaign_id, external_message_id)
      )`);
    // Newest first for the inbox feeds; oldest first for a thread (the same index read backwards).
    this.addSql(`create index campaign_messages_org_feed_idx on campaign_messages (org_id, sent_at desc, id desc)`);
    this.addSql(`create index campaign_messages_company_feed_idx on campaign_messages (org_id, company_id, sent_at desc, id desc)`);
    this.addSql(`create index campaign_messages_campaign_feed_idx on campaign_messages (campaign_id, direction, sent_at desc, id desc)`);
    this.addSql(`create index campaign_messages_lead_thread_idx on campaign_messages (lead_id, sent_at, id)`);
  }
}
