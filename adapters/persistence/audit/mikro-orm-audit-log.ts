import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../../application/audit/audit-log.port.js';
import type { IdGenerator } from '../../../application/shared/id-generator.port.js';
import type { AuditEntry } from '../../../domain/audit/audit-entry.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { AuditEventSchema } from './audit-event.entity-schema.js';

export class MikroOrmAuditLog implements AuditLog {
  constructor(
    private readonly orm: MikroORM,
    private readonly ids: IdGenerator,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    // A direct insert: audit rows are never loaded back into a unit of work or changed.
    await entityManagerFor(this.orm).insert(AuditEventSchema, {
      id: this.ids.next(),
      orgId: entry.orgId,
      actorType: entry.actor.type,
      actorId: 'id' in entry.actor ? entry.actor.id : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      requestId: entry.requestId,
      outcome: entry.outcome,
      detail: { ...entry.detail },
      occurredAt: entry.occurredAt,
    });
  }
}
