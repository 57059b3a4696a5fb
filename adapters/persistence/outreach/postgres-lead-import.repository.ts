import type { MikroORM } from '@mikro-orm/postgresql';
import type { LeadImportRepository, NewLeadImport } from '../../../application/outreach/leads/lead-import.repository.js';
import type { LeadImport, LeadImportStatus } from '../../../domain/outreach/lead-import.js';
import { boundedReason } from '../../../domain/shared/bounded-reason.js';
import { executeSql } from '../shared/execute-sql.js';
import { isUuid } from '../shared/uuid.js';

type Row = Record<string, unknown>;



/**
 * Lead imports in `lead_import_jobs`. Progress is added with single-row `update … set x = x + ?`
 * statements, so concurrent chunks never overwrite each other's counts.
 */
export class PostgresLeadImportRepository implements LeadImportRepository {
  constructor(private readonly orm: MikroORM) {}

  async add(job: NewLeadImport): Promise<void> {
    await this.execute(
      `insert into lead_import_jobs
         (id, org_id, company_id, campaign_id, status, submitted, added, duplicates_in_request, already_in_campaign, suppressed,
          created_by_user_id, created_at, updated_at)
       values (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        job.id, job.orgId, job.companyId, job.campaignId, job.submitted, job.added, job.duplicatesInRequest, job.alreadyInCampaign,
        job.suppressed, job.createdByUserId, job.createdAt, job.createdAt,
      ],
      'run',
    );
  }

  async findById(orgId: string, campaignId: string, id: string): Promise<LeadImport | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.execute(`select * from lead_import_jobs where org_id = ? and campaign_id = ? and id = ?`, [orgId, campaignId, id]);
    return row ? toLeadImport(row) : null;
  }

  async markRunning(orgId: string, id: string, at: Date): Promise<void> {
    await this.execute(
      `update lead_import_jobs set status = 'running', started_at = coalesce(started_at, ?), updated_at = ? where org_id = ? and id = ?`,
      [at, at, orgId, id],
      'run',
    );
  }

  async addProgress(orgId: string, id: string, progress: { pushed: number; rejected: number }, at: Date): Promise<void> {
    await this.execute(
      `update lead_import_jobs set pushed = pushed + ?, rejected_by_provider = rejected_by_provider + ?, updated_at = ? where org_id = ? and id = ?`,
      [progress.pushed, progress.rejected, at, orgId, id],
      'run',
    );
  }

  async markCompleted(orgId: string, id: string, at: Date): Promise<void> {
    await this.execute(
      `update lead_import_jobs set status = 'completed', last_error = null, finished_at = ?, updated_at = ? where org_id = ? and id = ?`,
      [at, at, orgId, id],
      'run',
    );
  }

  async recordFailure(orgId: string, id: string, failure: { reason: string; retrying: boolean }, at: Date): Promise<void> {
    const reason = boundedReason(failure.reason);
    await this.execute(
      `update lead_import_jobs
          set status = ?, attempts = attempts + 1, last_error = ?, updated_at = ?, finished_at = ?
        where org_id = ? and id = ?`,
      [failure.retrying ? 'queued' : 'failed', reason, at, failure.retrying ? null : at, orgId, id],
      'run',
    );
  }

  private execute<T = Row[]>(sql: string, params: unknown[], method: 'all' | 'run' = 'all'): Promise<T> {
    return executeSql<T>(this.orm, sql, params, method);
  }
}

function toLeadImport(row: Row): LeadImport {
  const date = (column: string) => (row[column] === null || row[column] === undefined ? null : new Date(row[column] as string));
  return {
    id: row['id'] as string,
    orgId: row['org_id'] as string,
    companyId: row['company_id'] as string,
    campaignId: row['campaign_id'] as string,
    status: row['status'] as LeadImportStatus,
    submitted: Number(row['submitted']),
    added: Number(row['added']),
    duplicatesInRequest: Number(row['duplicates_in_request']),
    alreadyInCampaign: Number(row['already_in_campaign']),
    suppressed: Number(row['suppressed']),
    pushed: Number(row['pushed']),
    rejectedByProvider: Number(row['rejected_by_provider']),
    attempts: Number(row['attempts']),
    lastError: (row['last_error'] as string | null) ?? null,
    createdByUserId: (row['created_by_user_id'] as string | null) ?? null,
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
    startedAt: date('started_at'),
    finishedAt: date('finished_at'),
  };
}
