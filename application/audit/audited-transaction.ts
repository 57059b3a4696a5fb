import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { TransactionRunner } from '../shared/transaction-runner.port.js';
import type { AuditLog } from './audit-log.port.js';

export interface AuditedAction {
  readonly context: RequestContext;
  /** Dotted verb, e.g. `organization.create`. */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly orgId: string | null;
}

type AuditDetail = AuditEntry['detail'];

/**
 * Runs a write and its audit row in one transaction. A write refused for a business reason still
 * leaves a `failure` row (written after the rollback, so it survives it) naming the error code;
 * unexpected failures are not audited here, they are thrown and logged by the caller.
 */
export class AuditedTransaction {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  async run<T>(
    action: AuditedAction,
    work: () => Promise<T>,
    describe: (result: T) => AuditDetail = () => ({}),
  ): Promise<T> {
    try {
      return await this.transactions.run(async () => {
        const result = await work();
        await this.auditLog.record(this.entry(action, 'success', describe(result)));
        return result;
      });
    } catch (error) {
      if (error instanceof DomainError) {
        await this.auditLog.record(this.entry(action, 'failure', { code: error.code }));
      }
      throw error;
    }
  }

  /**
   * A write whose own result decides the outcome on record — e.g. storing a failed connection
   * attempt, which must commit, yet is a failure of the action audited.
   */
  async runJudged<T>(
    action: AuditedAction,
    work: () => Promise<T>,
    judge: (result: T) => { outcome: AuditEntry['outcome']; detail: AuditDetail },
  ): Promise<T> {
    return this.transactions.run(async () => {
      const result = await work();
      const { outcome, detail } = judge(result);
      await this.auditLog.record(this.entry(action, outcome, detail));
      return result;
    });
  }

  /** For outcomes that are not writes but must be on record, such as failed logins. */
  async record(action: AuditedAction, outcome: AuditEntry['outcome'], detail: AuditDetail = {}): Promise<void> {
    await this.auditLog.record(this.entry(action, outcome, detail));
  }

  private entry(action: AuditedAction, outcome: AuditEntry['outcome'], detail: AuditDetail): AuditEntry {
    return {
      actor: action.context.actor,
      orgId: action.orgId,
      action: action.action,
      targetType: action.targetType,
      targetId: action.targetId,
      requestId: action.context.requestId,
      outcome,
      detail,
      occurredAt: this.clock.now(),
    };
  }
}
