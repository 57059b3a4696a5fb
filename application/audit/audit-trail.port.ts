import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { Page, PageRequest } from '../shared/pagination.js';

export interface AuditEventFilter {
  readonly orgId?: string | undefined;
  readonly actorId?: string | undefined;
  readonly action?: string | undefined;
  /** Inclusive lower bound on occurred_at. */
  readonly since?: Date | undefined;
  /** Exclusive upper bound on occurred_at. */
  readonly until?: Date | undefined;
}

export interface AuditEvent extends AuditEntry {
  readonly id: string;
}

/** The read side of the audit log. */
export interface AuditTrail {
  /** Newest first, by keyset on (occurred_at, id). */
  list(filter: AuditEventFilter, page: PageRequest): Promise<Page<AuditEvent>>;
}
