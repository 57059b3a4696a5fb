import { Migration } from '@mikro-orm/migrations';

/**
 * Provider webhooks, stored before they are acknowledged: the per-organization endpoint tokens
 * that attribute a delivery to exactly one organization, and every authenticated delivery, once.
 */
export class Migration0005WebhookIngestion extends Migration {
  override up(): void {
    // Only the token's SHA-256 is kept: the raw token is shown once, when issued.
    this.addSql(`
      create table webhook_endpoints (
        id          uuid primary key,
        org_id      uuid not null references organizations (id),
        provider_id uuid not null references providers (id),
        token_hash  text not null constraint webhook_endpoints_token_hash_key unique
                    constraint webhook_endpoints_token_is_sha256_hex check (token_hash ~ '^[0-9a-f]{64}$'),
        status      text not null constraint webhook_endpoints_status_check check (status in ('active', 'revoked')),
        created_at  timestamptz not null,
        revoked_at  timestamptz,
        constraint webhook_endpoints_id_org_key unique (id, org_id),
        constraint webhook_endpoints_revoked_at_check check ((status = 'revoked') = (revoked_at is not null))
      )`);
    this.addSql(`create index webhook_endpoints_org_idx on webhook_endpoints (org_id, provider_id, created_at, id)`);

    this.addSql(`
      create table webhook_events (
        id                  uuid primary key,
        provider_id         uuid not null references providers (id),
        event_key           text not null constraint webhook_events_event_key_not_blank check (btrim(event_key) <> ''),
        -- Null when a delivery to the shared URL matched no organization: kept, with the reason.
        org_id              uuid references organizations (id),
        -- The company of the campaign the event was projected into, once known.
        company_id          uuid references companies (id),
        endpoint_id         uuid references webhook_endpoints (id),
        provider_event_type text not null,
        canonical_type      text not null,
        status              text not null
                            constraint webhook_events_status_check check (status in ('received', 'projected', 'ignored', 'failed', 'dead_letter')),
        reason              text,
        payload             jsonb not null,
        -- The parsed event (canonical type, correlation keys, message, category…) the projector reads.
        event               jsonb not null,
        projection_attempts integer not null default 0,
        projected_at        timestamptz,
        replay_count        integer not null default 0,
        last_replay_at      timestamptz,
        occurred_at         timestamptz,
        received_at         timestamptz not null,
        updated_at          timestamptz not null
      )`);
    // One delivery is one event per organization: keys are scoped by org so no tenant can
    // pre-empt another's event by sending its key first (unattributed deliveries share one scope).
    this.addSql(`
      create unique index webhook_events_provider_org_key
        on webhook_events (provider_id, coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid), event_key)`);
    this.addSql(`create index webhook_events_received_idx on webhook_events (received_at desc, id desc)`);
    this.addSql(`create index webhook_events_org_received_idx on webhook_events (org_id, received_at desc, id desc)`);
    this.addSql(`create index webhook_events_pending_idx on webhook_events (received_at, id) where status = 'received'`);
    this.addSql(`create index webhook_events_company_received_idx on webhook_events (org_id, company_id, received_at desc) where company_id is not null`);
    this.addSql(`create index webhook_events_dead_letter_idx on webhook_events (received_at desc, id desc) where status = 'dead_letter'`);
  }
}
