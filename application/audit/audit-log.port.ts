import type { AuditEntry } from '../../domain/audit/audit-entry.js';

export interface AuditLog {
  /** Appends one entry; inside a TransactionRunner it commits or rolls back with the write. */
  record(entry: AuditEntry): Promise<void>;
}
