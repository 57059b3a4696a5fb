import type { MikroORM } from '@mikro-orm/postgresql';
import type { NewWebhookEvent, WebhookAttribution, WebhookEventStore } from '../../../application/webhooks/webhook-event.store.js';
import { executeSql } from '../shared/execute-sql.js';

/**
 * `webhook_events`, written with one `INSERT … ON CONFLICT DO NOTHING` on the
 * (provider, organization, key) unique index: however many copies of a delivery arrive at once,
 * Postgres keeps one and tells every other insert it changed nothing.
 */
export class PostgresWebhookEventStore implements WebhookEventStore, WebhookAttribution {
  constructor(private readonly orm: MikroORM) {}

  async storeOnce(event: NewWebhookEvent): Promise<'stored' | 'duplicate'> {
    const inserted = await executeSql(
      this.orm,
      `insert into webhook_events
         (id, provider_id, event_key, org_id, endpoint_id, provider_event_type, canonical_type, status, reason, payload,
          occurred_at, received_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
       on conflict do nothing
       returning id`,
      [
        event.id, event.providerId, event.eventKey, event.orgId, event.endpointId, event.providerEventType, event.canonicalType,
        event.status, event.reason, JSON.stringify(event.payload), event.occurredAt, event.receivedAt, event.receivedAt,
      ],
    );
    return inserted.length === 1 ? 'stored' : 'duplicate';
  }

  async organizationOfCampaign(providerId: string, externalCampaignId: string): Promise<string | null> {
    const rows = await executeSql(
      this.orm,
      `select distinct org_id from campaigns where provider_id = ? and external_campaign_id = ? and deleted_at is null limit 2`,
      [providerId, externalCampaignId],
    );
    return rows.length === 1 ? (rows[0]!['org_id'] as string) : null;
  }
}
