import { Migration } from '@mikro-orm/migrations';

/**
 * Tenancy: companies, tenant users, API tokens, rate-limit buckets, and tenant users as audit
 * actors. Every tenant table carries `org_id` with `unique (id, org_id)`, and children point at
 * parents through composite keys `(x_id, org_id)`, so no row can ever reference another org's.
 */
export class Migration0002Tenancy extends Migration {
  override up(): void {
    this.addSql(`
      create table companies (
        id         uuid primary key,
        org_id     uuid not null references organizations (id),
        name       text not null constraint companies_name_not_blank check (btrim(name) <> ''),
        domain     text,
        status     text not null default 'active'
                   constraint companies_status_check check (status in ('active', 'inactive')),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        deleted_at timestamptz,
        constraint companies_id_org_key unique (id, org_id)
      )`);
    this.addSql(`create unique index companies_live_name_key on companies (org_id, lower(name)) where deleted_at is null`);
    this.addSql(`create index companies_live_keyset_idx on companies (org_id, created_at, id) where deleted_at is null`);

    this.addSql(`
      create table users (
        id            uuid primary key,
        org_id        uuid not null references organizations (id),
        company_id    uuid,
        email         text not null constraint users_email_canonical check (email = lower(btrim(email))),
        password_hash text not null,
        name_first    text,
        name_last     text,
        role          text not null
                      constraint users_role_check check (role in ('org_admin', 'company_admin', 'company_member')),
        created_at    timestamptz not null,
        updated_at    timestamptz not null,
        deleted_at    timestamptz,
        constraint users_id_org_key unique (id, org_id),
        constraint users_company_same_org_fkey foreign key (company_id, org_id) references companies (id, org_id),
        -- The pairing rule of the domain, held by the database too: org admins have no company.
        constraint users_role_company_pairing check ((role = 'org_admin') = (company_id is null))
      )`);
    this.addSql(`create unique index users_live_org_email_key on users (org_id, email) where deleted_at is null`);
    // Login looks an email up across every organization.
    this.addSql(`create index users_live_email_idx on users (email) where deleted_at is null`);
    this.addSql(`create index users_live_keyset_idx on users (org_id, created_at, id) where deleted_at is null`);
    this.addSql(`create index users_live_company_idx on users (org_id, company_id, created_at, id) where deleted_at is null`);

    this.addSql(`
      create table api_tokens (
        id           uuid primary key,
        org_id       uuid not null references organizations (id),
        user_id      uuid not null,
        token_hash   text not null constraint api_tokens_hash_is_sha256_hex check (token_hash ~ '^[0-9a-f]{64}$'),
        name         text,
        expires_at   timestamptz,
        last_used_at timestamptz,
        revoked_at   timestamptz,
        created_at   timestamptz not null,
        constraint api_tokens_id_org_key unique (id, org_id),
        constraint api_tokens_hash_key unique (token_hash),
        constraint api_tokens_user_same_org_fkey foreign key (user_id, org_id) references users (id, org_id)
      )`);
    this.addSql(`create index api_tokens_org_keyset_idx on api_tokens (org_id, created_at, id)`);

    // Fixed-window counters shared by every process: one row per bucket, reset when its window ends.
    this.addSql(`
      create table rate_limit_buckets (
        bucket            text primary key,
        window_started_at timestamptz not null,
        hits              integer not null constraint rate_limit_buckets_hits_check check (hits >= 0)
      )`);
    this.addSql(`create index rate_limit_buckets_window_idx on rate_limit_buckets (window_started_at)`);

    this.addSql(`alter table audit_events drop constraint audit_events_actor_type_check`);
    this.addSql(`
      alter table audit_events add constraint audit_events_actor_type_check
        check (actor_type in ('super_admin', 'user', 'system', 'anonymous'))`);
    this.addSql(`create index audit_events_action_time_idx on audit_events (action, occurred_at desc, id desc)`);
  }
}
