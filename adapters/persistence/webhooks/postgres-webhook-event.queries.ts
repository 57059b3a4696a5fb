import type { MikroORM } from '@mikro-orm/postgresql';
import type {
  OffsetPage,
  ReplayedWebhookEvent,
  WebhookEventDetail,
  WebhookEventFilter,
  WebhookEventQueries,
  WebhookEventSummary,
  WebhookReplaySelector,
} from '../../../application/webhooks/webhook-event.queries.js';
import { executeSql } from '../shared/execute-sql.js';

type Row = Record<string, unknown>;

const SUMMARY_COLUMNS = `e.id, p.slug as provider_slug, e.event_key, e.provider_event_type, e.canonical_type, e.status, e.reason, e.org_id,
  e.company_id, e.replay_count, e.last_replay_at, e.projected_at, e.received_at`;

/** Super-admin reads of `webhook_events`, newest first, and the set-based reset a replay is. */
export class PostgresWebhookEventQueries implements WebhookEventQueries {
  constructor(private readonly orm: MikroORM) {}

  async list(filter: WebhookEventFilter, page: OffsetPage): Promise<WebhookEventSummary[]> {
    const { where, params } = conditionsOf(filter);
    const rows = await executeSql(
      this.orm,
      `select ${SUMMARY_COLUMNS} from webhook_events e join providers p on p.id = e.provider_id
        where ${where} order by e.received_at desc, e.id desc limit ? offset ?`,
      [...params, page.limit, page.offset],
    );
    return rows.map(toSummary);
  }

  async findDeadLetter(eventKey: string, providerSlug: string | undefined): Promise<WebhookEventDetail | null> {
    const { where, params } = conditionsOf({ status: 'dead_letter', providerSlug });
    const [row] = await executeSql(
      this.orm,
      `select ${SUMMARY_COLUMNS}, e.payload from webhook_events e join providers p on p.id = e.provider_id
        where ${where} and e.event_key = ? order by e.received_at desc limit 1`,
      [...params, eventKey],
    );
    return row ? { ...toSummary(row), payload: row['payload'] } : null;
  }

  async markForReplay(selector: WebhookReplaySelector, at: Date): Promise<ReplayedWebhookEvent[]> {
    const { where, params, limit } = selectionOf(selector);
    const rows = await executeSql(
      this.orm,
      `update webhook_events w
          set status = 'received', reason = null, replay_count = w.replay_count + 1, last_replay_at = ?, updated_at = ?
        where w.id in (select e.id from webhook_events e join providers p on p.id = e.provider_id
                        where ${where} order by e.received_at desc, e.id desc limit ?)
        returning w.id, w.event_key, w.provider_event_type`,
      [at, at, ...params, limit],
    );
    return rows.map((row) => ({ id: row['id'] as string, eventKey: row['event_key'] as string, providerEventType: row['provider_event_type'] as string }));
  }
}

function selectionOf(selector: WebhookReplaySelector): { where: string; params: unknown[]; limit: number } {
  if (selector.kind === 'query') return { ...conditionsOf(selector.filter), limit: selector.limit };
  const base = conditionsOf(selector.kind === 'keys' ? { providerSlug: selector.providerSlug } : { status: 'dead_letter' });
  return {
    where: `${base.where} and e.event_key in (select jsonb_array_elements_text(?::jsonb))`,
    params: [...base.params, JSON.stringify(selector.eventKeys)],
    // Every organization's copy of each key.
    limit: 10_000,
  };
}

function conditionsOf(filter: WebhookEventFilter): { where: string; params: unknown[] } {
  const conditions = ['true'];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    params.push(...values);
  };
  if (filter.providerSlug !== undefined) add('p.slug = ?', filter.providerSlug);
  if (filter.eventType !== undefined) add('(e.provider_event_type = ? or e.canonical_type = ?)', filter.eventType, filter.eventType);
  if (filter.orgId !== undefined) add('e.org_id = ?', filter.orgId);
  if (filter.companyId !== undefined) add('e.company_id = ?', filter.companyId);
  if (filter.status !== undefined) add('e.status = ?', filter.status);
  if (filter.receivedFrom !== undefined) add('e.received_at >= ?', filter.receivedFrom);
  if (filter.receivedTo !== undefined) add('e.received_at <= ?', filter.receivedTo);
  if (filter.reason !== undefined) add(`e.reason ilike '%' || ? || '%'`, filter.reason);
  if (filter.replayed !== undefined) add(filter.replayed ? 'e.replay_count > 0' : 'e.replay_count = 0');
  return { where: conditions.join(' and '), params };
}

function toSummary(row: Row): WebhookEventSummary {
  const date = (column: string) => (row[column] ? new Date(row[column] as string) : null);
  return {
    id: row['id'] as string,
    providerSlug: row['provider_slug'] as string,
    eventKey: row['event_key'] as string,
    providerEventType: row['provider_event_type'] as string,
    canonicalType: row['canonical_type'] as string,
    status: row['status'] as string,
    reason: (row['reason'] as string | null) ?? null,
    orgId: (row['org_id'] as string | null) ?? null,
    companyId: (row['company_id'] as string | null) ?? null,
    replayCount: Number(row['replay_count']),
    lastReplayAt: date('last_replay_at'),
    projectedAt: date('projected_at'),
    receivedAt: new Date(row['received_at'] as string),
  };
}
