import { Migration } from '@mikro-orm/migrations';

/**
 * Foundation: super-admins, organizations and the append-only audit trail.
 * A landed migration is never edited; change the schema with a new one.
 */
export class Migration0001Foundation extends Migration {
  override up(): void {
    this.addSql(`
      create table super_admins (
        id            uuid primary key,
        email         text not null,
        password_hash text not null,
        created_at    timestamptz not null,
        updated_at    timestamptz not null,
        constraint super_admins_email_key unique (email),
        constraint super_admins_email_canonical check (email = lower(btrim(email)))
      )`);

    this.addSql(`
      create table organizations (
        id         uuid primary key,
        name       text not null,
        slug       text not null,
        status     text not null default 'onboarding'
                   constraint organizations_status_check check (status in ('onboarding', 'active', 'suspended')),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        deleted_at timestamptz
      )`);
    // Slugs are unique among live organizations only: a soft-deleted one frees its slug.
    this.addSql(`create unique index organizations_live_slug_key on organizations (slug) where deleted_at is null`);
    this.addSql(`create index organizations_live_keyset_idx on organizations (created_at, id) where deleted_at is null`);

    this.addSql(`
      create table audit_events (
        id          uuid primary key,
        org_id      uuid,
        actor_type  text not null
                    constraint audit_events_actor_type_check check (actor_type in ('super_admin', 'system', 'anonymous')),
        actor_id    uuid,
        action      text not null,
        target_type text not null,
        target_id   uuid,
        request_id  text not null,
        outcome     text not null constraint audit_events_outcome_check check (outcome in ('success', 'failure')),
        detail      jsonb not null default '{}'::jsonb,
        occurred_at timestamptz not null
      )`);
    this.addSql(`create index audit_events_time_idx on audit_events (occurred_at desc, id desc)`);
    this.addSql(`create index audit_events_org_time_idx on audit_events (org_id, occurred_at desc, id desc) where org_id is not null`);
    this.addSql(`create index audit_events_actor_time_idx on audit_events (actor_id, occurred_at desc, id desc) where actor_id is not null`);

    // The trail is append-only: even the application's own role cannot rewrite history.
    this.addSql(`
      create function audit_events_are_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only';
      end $$`);
    this.addSql(`
      create trigger audit_events_append_only
        before update or delete on audit_events
        for each row execute function audit_events_are_append_only()`);
    // TRUNCATE skips row triggers; it needs a statement-level one of its own.
    this.addSql(`
      create trigger audit_events_no_truncate
        before truncate on audit_events
        for each statement execute function audit_events_are_append_only()`);
  }
}
