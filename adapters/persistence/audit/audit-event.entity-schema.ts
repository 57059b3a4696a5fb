import { defineEntity, p } from '@mikro-orm/core';

/** Row shape of the append-only audit trail; the domain speaks AuditEntry, this is storage only. */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid().nullable(),
    actorType: p.text(),
    actorId: p.uuid().nullable(),
    action: p.text(),
    targetType: p.text(),
    targetId: p.uuid().nullable(),
    requestId: p.text(),
    outcome: p.text(),
    detail: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
  },
});
