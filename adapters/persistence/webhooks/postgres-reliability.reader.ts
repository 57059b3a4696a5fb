import type { MikroORM } from '@mikro-orm/postgresql';
import type { ReliabilityFilter, ReliabilityReader, WebhookReliabilityCounts } from '../../../application/analytics/reliability.reader.js';
import { isCapabilitySlug, type CapabilitySlug } from '../../../domain/entitlements/capability.js';
import { executeSql } from '../shared/execute-sql.js';

/**
 * One aggregate over webhook_events, grouped by the capability of the sending provider (a join to
 * the three-row catalogue). Organization-wide reads walk webhook_events_org_received_idx, company
 * reads webhook_events_company_received_idx; only the conditions a filter sets are in the SQL, so
 * the planner never sees an "is null or …" that would hide the index.
 */
export class PostgresReliabilityReader implements ReliabilityReader {
  constructor(private readonly orm: MikroORM) {}

  async countsByCapability(orgId: string, filter: ReliabilityFilter): Promise<ReadonlyMap<CapabilitySlug, WebhookReliabilityCounts>> {
    const conditions = ['e.org_id = ?::uuid'];
    const params: unknown[] = [orgId];
    if (filter.scope.kind === 'company') {
      conditions.push('e.company_id = ?::uuid');
      params.push(filter.scope.companyId);
    }
    if (filter.capability !== undefined) {
      conditions.push('c.slug = ?');
      params.push(filter.capability);
    }
    if (filter.from !== undefined) {
      conditions.push('e.received_at >= ?::timestamptz');
      params.push(filter.from.toISOString());
    }
    if (filter.to !== undefined) {
      conditions.push('e.received_at < ?::timestamptz');
      params.push(filter.to.toISOString());
    }
    const rows = await executeSql(
      this.orm,
      `select c.slug as capability,
              count(*) as events_total,
              count(*) filter (where e.replay_count > 0) as replayed_events_total,
              coalesce(sum(e.replay_count), 0) as replay_count_total,
              count(*) filter (where e.status in ('failed', 'dead_letter')) as errors_total
         from webhook_events e
         join providers p on p.id = e.provider_id
         join capabilities c on c.id = p.capability_id
        where ${conditions.join(' and ')}
        group by c.slug`,
      params,
    );
    const counts = new Map<CapabilitySlug, WebhookReliabilityCounts>();
    for (const row of rows) {
      const capability = String(row['capability']);
      if (!isCapabilitySlug(capability)) continue;
      counts.set(capability, {
        // count() and sum() answer bigint, which pg hands over as a string.
        eventsTotal: Number(row['events_total']),
        replayedEventsTotal: Number(row['replayed_events_total']),
        replayCountTotal: Number(row['replay_count_total']),
        errorsTotal: Number(row['errors_total']),
      });
    }
    return counts;
  }
}
