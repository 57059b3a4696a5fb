import type { FilterQuery, InferEntity } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuditEvent, AuditEventFilter, AuditTrail } from '../../../application/audit/audit-trail.port.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import type { Actor, AuditEntry, AuditOutcome } from '../../../domain/audit/audit-entry.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../shared/keyset-cursor.js';
import { AuditEventSchema } from './audit-event.entity-schema.js';

type AuditEventRow = InferEntity<typeof AuditEventSchema>;

export class MikroOrmAuditTrail implements AuditTrail {
  constructor(private readonly orm: MikroORM) {}

  async list(filter: AuditEventFilter, page: PageRequest): Promise<Page<AuditEvent>> {
    // The shared cursor's time slot carries occurred_at here; the trail is read newest first.
    const after = page.after === undefined ? undefined : decodeKeysetCursor(page.after);
    const conditions: FilterQuery<AuditEventRow>[] = [];
    if (filter.orgId !== undefined) conditions.push({ orgId: filter.orgId });
    if (filter.actorId !== undefined) conditions.push({ actorId: filter.actorId });
    if (filter.action !== undefined) conditions.push({ action: filter.action });
    if (filter.since !== undefined) conditions.push({ occurredAt: { $gte: filter.since } });
    if (filter.until !== undefined) conditions.push({ occurredAt: { $lt: filter.until } });
    if (after) {
      conditions.push({ $or: [{ occurredAt: { $lt: after.createdAt } }, { occurredAt: after.createdAt, id: { $lt: after.id } }] });
    }
    const rows = await entityManagerFor(this.orm).find(AuditEventSchema, conditions.length ? { $and: conditions } : {}, {
      // One row past the page tells whether another page exists without a count query.
      orderBy: { occurredAt: 'desc', id: 'desc' },
      limit: page.limit + 1,
      // Read-only rows: keep them out of the unit of work of whatever transaction is open.
      disableIdentityMap: true,
    });
    const items = rows.slice(0, page.limit).map(toAuditEvent);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > page.limit && last ? encodeKeysetCursor({ createdAt: last.occurredAt, id: last.id }) : null,
    };
  }
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    actor: toActor(row.actorType, row.actorId ?? null),
    orgId: row.orgId ?? null,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId ?? null,
    requestId: row.requestId,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail as AuditEntry['detail'],
    occurredAt: row.occurredAt,
  };
}

function toActor(type: string, id: string | null): Actor {
  switch (type) {
    case 'super_admin':
    case 'user':
      if (id === null) throw new Error(`audit event of a ${type} actor without actor_id`);
      return { type, id };
    case 'system':
    case 'anonymous':
      return { type };
    default:
      throw new Error(`unknown audit actor_type '${type}'`);
  }
}
