import type { MikroORM } from '@mikro-orm/postgresql';
import type { InboxReference } from '../../../application/outreach/sender-account.repository.js';
import type { ParsedWebhookEvent } from '../../../application/webhooks/provider-webhook.port.js';
import type { NewWebhookEvent, StoredWebhookEvent, WebhookAttribution, WebhookEventStore } from '../../../application/webhooks/webhook-event.store.js';
import type { TokenAttributedEvent, TokenAttributedEventStore, TokenAttributedStorage } from '../../../application/webhooks/token-attributed-event.store.js';
import { boundedReason } from '../../../domain/shared/bounded-reason.js';
import { executeSql } from '../shared/execute-sql.js';
import { ACTIVE_ENDPOINT_OF_TOKEN } from './postgres-webhook-endpoint.repository.js';

/**
 * `webhook_events`, written with one `INSERT … ON CONFLICT DO NOTHING` on the
 * (provider, organization, key) unique index: however many copies of a delivery arrive at once,
 * Postgres keeps one and tells every other insert it changed nothing.
 */
export class PostgresWebhookEventStore implements WebhookEventStore, TokenAttributedEventStore, WebhookAttribution {
  constructor(private readonly orm: MikroORM) {}

  async storeOnce(event: NewWebhookEvent): Promise<'stored' | 'duplicate'> {
    const inserted = await executeSql(
      this.orm,
      `insert into webhook_events
         (id, provider_id, event_key, org_id, endpoint_id, provider_event_type, canonical_type, status, reason, payload, event,
          occurred_at, received_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
       on conflict do nothing
       returning id`,
      [
        event.id, event.providerId, event.eventKey, event.orgId, event.endpointId, event.providerEventType, event.canonicalType,
        event.status, event.reason, JSON.stringify(event.payload), JSON.stringify(event.event), event.occurredAt, event.receivedAt, event.receivedAt,
      ],
    );
    return inserted.length === 1 ? 'stored' : 'duplicate';
  }

  /**
   * The endpoint lookup and the same `INSERT … ON CONFLICT DO NOTHING` as `storeOnce`, in one
   * statement: the insert reads its organization from the endpoint row, so no row means nothing
   * stored. The values are cast because an `INSERT … SELECT` does not type bare literals by the
   * columns they go into.
   */
  async storeOnceForToken(tokenHash: string, event: TokenAttributedEvent): Promise<TokenAttributedStorage | null> {
    const [row] = await executeSql(
      this.orm,
      `with endpoint as (
         select e.id, e.org_id from webhook_endpoints e where ${ACTIVE_ENDPOINT_OF_TOKEN}
       ), stored as (
         insert into webhook_events
           (id, provider_id, event_key, org_id, endpoint_id, provider_event_type, canonical_type, status, reason, payload, event,
            occurred_at, received_at, updated_at)
         select ?::uuid, ?::uuid, ?::text, endpoint.org_id, endpoint.id, ?::text, ?::text, 'received', null, ?::jsonb, ?::jsonb,
                ?::timestamptz, ?::timestamptz, ?::timestamptz
           from endpoint
         on conflict do nothing
         returning id
       )
       select endpoint.id, endpoint.org_id, exists (select 1 from stored) as stored from endpoint`,
      [
        tokenHash, event.providerId,
        event.id, event.providerId, event.eventKey, event.providerEventType, event.canonicalType,
        JSON.stringify(event.payload), JSON.stringify(event.event), event.occurredAt, event.receivedAt, event.receivedAt,
      ],
    );
    if (!row) return null;
    return { endpointId: row['id'] as string, orgId: row['org_id'] as string, outcome: row['stored'] === true ? 'stored' : 'duplicate' };
  }

  async findForProjection(id: string): Promise<StoredWebhookEvent | null> {
    const [row] = await executeSql(this.orm, `select id, provider_id, org_id, status, event, projection_attempts, received_at from webhook_events where id = ? for update`, [id]);
    if (!row) return null;
    return {
      id: row['id'] as string,
      providerId: row['provider_id'] as string,
      orgId: (row['org_id'] as string | null) ?? null,
      status: row['status'] as StoredWebhookEvent['status'],
      event: reviveEvent(row['event'] as Record<string, unknown>),
      projectionAttempts: Number(row['projection_attempts']),
      receivedAt: new Date(row['received_at'] as string),
    };
  }

  async finishProjection(id: string, outcome: { status: 'projected' | 'ignored'; reason: string | null; companyId: string | null }, at: Date): Promise<void> {
    await executeSql(
      this.orm,
      `update webhook_events
          set status = ?, reason = ?, company_id = coalesce(?, company_id), projected_at = ?, updated_at = ?, projection_attempts = projection_attempts + 1
        where id = ?`,
      [outcome.status, outcome.reason, outcome.companyId, at, at, id],
      'run',
    );
  }

  async recordProjectionFailure(id: string, failure: { reason: string; deadLetter: boolean }, at: Date): Promise<void> {
    await executeSql(
      this.orm,
      `update webhook_events set status = ?, reason = ?, updated_at = ?, projection_attempts = projection_attempts + 1 where id = ?`,
      [failure.deadLetter ? 'dead_letter' : 'failed', boundedReason(failure.reason), at, id],
      'run',
    );
  }

  async organizationOfCampaign(providerId: string, externalCampaignId: string): Promise<string | null> {
    const rows = await executeSql(
      this.orm,
      `select distinct org_id from campaigns where provider_id = ? and external_campaign_id = ? and deleted_at is null limit 2`,
      [providerId, externalCampaignId],
    );
    return rows.length === 1 ? (rows[0]!['org_id'] as string) : null;
  }

  async organizationOfInbox(providerId: string, inbox: InboxReference): Promise<string | null> {
    const [column, value] = inbox.externalId !== null ? ['external_account_id', inbox.externalId] : ['lower(email)', inbox.email?.toLowerCase() ?? null];
    if (value === null) return null;
    const rows = await executeSql(this.orm, `select distinct org_id from company_inboxes where provider_id = ? and ${column} = ? limit 2`, [providerId, value]);
    return rows.length === 1 ? (rows[0]!['org_id'] as string) : null;
  }
}

/**
 * The parsed event as stored in jsonb: its dates came back as ISO strings, and events stored
 * before `senderAccount` existed lack it.
 */
function reviveEvent(stored: Record<string, unknown>): ParsedWebhookEvent {
  const date = (value: unknown) => (typeof value === 'string' ? new Date(value) : null);
  const event = stored as unknown as ParsedWebhookEvent;
  return {
    ...event,
    occurredAt: date(stored['occurredAt']),
    message: event.message ? { ...event.message, sentAt: date((stored['message'] as Record<string, unknown>)['sentAt']) } : null,
    senderAccount: (stored['senderAccount'] as ParsedWebhookEvent['senderAccount'] | undefined) ?? null,
  };
}
