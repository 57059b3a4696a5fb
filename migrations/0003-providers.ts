import { Migration } from '@mikro-orm/migrations';

/**
 * The capability catalogue, company entitlements, encrypted provider credentials, the pacing
 * schedule shared by every process that calls a provider, and the sender accounts synced from
 * providers (email inboxes, LinkedIn accounts).
 *
 * Catalogue ids are fixed so every database, and the code that seeds or tests it, agrees on them.
 */
export class Migration0003Providers extends Migration {
  override up(): void {
    this.addSql(`
      create table capabilities (
        id         uuid primary key,
        slug       text not null constraint capabilities_slug_key unique,
        name       text not null,
        created_at timestamptz not null
      )`);
    this.addSql(`
      create table providers (
        id            uuid primary key,
        slug          text not null constraint providers_slug_key unique,
        name          text not null,
        capability_id uuid not null references capabilities (id),
        created_at    timestamptz not null,
        -- Lets an entitlement's (provider, capability) pair be checked by a foreign key.
        constraint providers_id_capability_key unique (id, capability_id)
      )`);
    this.addSql(`
      insert into capabilities (id, slug, name, created_at) values
        ('0c0a0001-0000-4000-8000-000000000001', 'email_outreach',    'Email outreach',    '2026-11-22T00:00:00Z'),
        ('0c0a0001-0000-4000-8000-000000000002', 'linkedin_outreach', 'LinkedIn outreach', '2026-11-22T00:00:00Z')`);
    this.addSql(`
      insert into providers (id, slug, name, capability_id, created_at) values
        ('0c0a0002-0000-4000-8000-000000000001', 'smartlead', 'Smartlead', '0c0a0001-0000-4000-8000-000000000001', '2026-11-22T00:00:00Z'),
        ('0c0a0002-0000-4000-8000-000000000002', 'instantly', 'Instantly', '0c0a0001-0000-4000-8000-000000000001', '2026-11-22T00:00:00Z'),
        ('0c0a0002-0000-4000-8000-000000000003', 'heyreach',  'HeyReach',  '0c0a0001-0000-4000-8000-000000000002', '2026-11-22T00:00:00Z')`);

    this.addSql(`
      create table company_entitlements (
        id                 uuid primary key,
        org_id             uuid not null references organizations (id),
        company_id         uuid not null,
        capability_id      uuid not null,
        provider_id        uuid not null,
        status             text not null
                           constraint company_entitlements_status_check check (status in ('entitled', 'connected', 'disconnected')),
        -- The provider-side client (sub-account) the company is bound to, where the provider has one.
        provider_client_id text,
        provisioning_state text not null default 'pending_client_mapping'
                           constraint company_entitlements_provisioning_check
                           check (provisioning_state in ('pending_client_mapping', 'connected', 'failed')),
        -- Why the last connection attempt failed, in capability terms (never a provider payload).
        last_error         text,
        last_checked_at    timestamptz,
        created_at         timestamptz not null,
        updated_at         timestamptz not null,
        deleted_at         timestamptz,
        constraint company_entitlements_id_org_key unique (id, org_id),
        constraint company_entitlements_company_same_org_fkey foreign key (company_id, org_id) references companies (id, org_id),
        -- The provider must serve the capability it is entitled for.
        constraint company_entitlements_provider_serves_capability_fkey
          foreign key (provider_id, capability_id) references providers (id, capability_id)
      )`);
    this.addSql(`
      create unique index company_entitlements_live_company_capability_key
        on company_entitlements (org_id, company_id, capability_id) where deleted_at is null`);
    this.addSql(`
      create index company_entitlements_live_keyset_idx
        on company_entitlements (org_id, created_at, id) where deleted_at is null`);

    // One credential per organization and provider. The whole config is sealed with AES-256-GCM;
    // key_id names the key that sealed it, so rows sealed before a rotation still open.
    this.addSql(`
      create table provider_credentials (
        id          uuid primary key,
        org_id      uuid not null references organizations (id),
        provider_id uuid not null references providers (id),
        key_id      text not null,
        nonce       bytea not null constraint provider_credentials_nonce_length check (octet_length(nonce) = 12),
        ciphertext  bytea not null,
        auth_tag    bytea not null constraint provider_credentials_tag_length check (octet_length(auth_tag) = 16),
        created_at  timestamptz not null,
        updated_at  timestamptz not null,
        constraint provider_credentials_org_provider_key unique (org_id, provider_id)
      )`);

    // GCRA pacing shared by every process: one row per provider account (keyed by a SHA-256, never
    // the credential), holding the theoretical arrival time of the next call.
    this.addSql(`
      create table provider_call_pacing (
        pacing_key             text primary key constraint provider_call_pacing_key_is_sha256_hex check (pacing_key ~ '^[0-9a-f]{64}$'),
        theoretical_arrival_at timestamptz not null
      )`);

    this.addSql(`
      create table company_inboxes (
        id                  uuid primary key,
        org_id              uuid not null references organizations (id),
        company_id          uuid not null,
        provider_id         uuid not null references providers (id),
        external_account_id text not null,
        email               text not null,
        display_name        text,
        status              text not null constraint company_inboxes_status_check check (status in ('active', 'inactive')),
        warmup_enabled      boolean,
        created_at          timestamptz not null,
        updated_at          timestamptz not null,
        constraint company_inboxes_id_org_key unique (id, org_id),
        constraint company_inboxes_company_same_org_fkey foreign key (company_id, org_id) references companies (id, org_id),
        constraint company_inboxes_external_key unique (org_id, provider_id, external_account_id)
      )`);
    this.addSql(`create index company_inboxes_company_keyset_idx on company_inboxes (org_id, company_id, created_at, id)`);
    this.addSql(`create index company_inboxes_org_keyset_idx on company_inboxes (org_id, created_at, id)`);

    this.addSql(`
      create table company_linkedin_accounts (
        id                  uuid primary key,
        org_id              uuid not null references organizations (id),
        company_id          uuid not null,
        provider_id         uuid not null references providers (id),
        external_account_id text not null,
        display_name        text,
        email               text,
        profile_url         text,
        status              text not null constraint company_linkedin_accounts_status_check check (status in ('active', 'inactive')),
        created_at          timestamptz not null,
        updated_at          timestamptz not null,
        constraint company_linkedin_accounts_id_org_key unique (id, org_id),
        constraint company_linkedin_accounts_company_same_org_fkey foreign key (company_id, org_id) references companies (id, org_id),
        constraint company_linkedin_accounts_external_key unique (org_id, provider_id, external_account_id)
      )`);
    this.addSql(`create index company_linkedin_accounts_company_keyset_idx on company_linkedin_accounts (org_id, company_id, created_at, id)`);
    this.addSql(`create index company_linkedin_accounts_org_keyset_idx on company_linkedin_accounts (org_id, created_at, id)`);
  }
}
