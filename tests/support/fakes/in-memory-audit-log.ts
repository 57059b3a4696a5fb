import type { AuditLog } from '../../../application/audit/audit-log.port.js';
import type { AuditEntry } from '../../../domain/audit/audit-entry.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';

/** Keeps every recorded entry, oldest first. Can be told to fail, to exercise rollbacks. */
export class InMemoryAuditLog implements AuditLog, SnapshotableStore {
  private stored: AuditEntry[] = [];
  private pendingFailures: Error[] = [];

  get entries(): readonly AuditEntry[] {
    return [...this.stored];
  }

  /** Entries for one action, optionally of one outcome. */
  entriesFor(action: string, outcome?: AuditEntry['outcome']): AuditEntry[] {
    return this.stored.filter((entry) => entry.action === action && (outcome === undefined || entry.outcome === outcome));
  }

  /** The next `record` call throws this error instead of storing its entry. */
  failNextRecord(error: Error = new Error('audit log unavailable')): void {
    this.pendingFailures.push(error);
  }

  async record(entry: AuditEntry): Promise<void> {
    const failure = this.pendingFailures.shift();
    if (failure) throw failure;
    this.stored.push(structuredClone(entry));
  }

  snapshot(): Restore {
    const saved = [...this.stored];
    return () => {
      this.stored = saved;
    };
  }
}
