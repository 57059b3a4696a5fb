import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SequenceVersionRepository, SequenceVersionSummary } from '../../../application/outreach/sequences/sequence-version.repository.js';
import { InvalidCursorError, type Page, type PageRequest } from '../../../application/shared/pagination.js';
import { SequenceVersion, type SequenceStep, type SequenceVariant } from '../../../domain/outreach/sequence.js';
import { SequenceVersionConflictError } from '../../../domain/outreach/sequence-errors.js';
import { executeSql } from '../shared/execute-sql.js';
import { isUuid } from '../shared/uuid.js';

type Row = Record<string, unknown>;

/** Postgres' integer: a larger version can never exist, and would fail as a parameter. */
const MAX_VERSION = 2_147_483_647;
/** The unique (campaign_id, version) of migration 0004. */
const VERSION_KEY = 'campaign_sequence_versions_campaign_version_key';

/**
 * Sequence versions in `campaign_sequence_versions`: one row per save, the steps as one jsonb
 * array in the domain's own shape (provider ids included). Rows are only ever inserted; the
 * unique (campaign_id, version) makes a racing save fail instead of overwriting history.
 */
export class PostgresSequenceVersionRepository implements SequenceVersionRepository {
  constructor(private readonly orm: MikroORM) {}

  async latest(orgId: string, campaignId: string): Promise<SequenceVersion | null> {
    if (!isUuid(campaignId)) return null;
    const [row] = await this.execute(
      `select * from campaign_sequence_versions where org_id = ? and campaign_id = ? order by version desc limit 1`,
      [orgId, campaignId],
    );
    return row ? toVersion(row) : null;
  }

  async find(orgId: string, campaignId: string, version: number): Promise<SequenceVersion | null> {
    if (!isUuid(campaignId) || !Number.isInteger(version) || version < 1 || version > MAX_VERSION) return null;
    const [row] = await this.execute(`select * from campaign_sequence_versions where org_id = ? and campaign_id = ? and version = ?`, [orgId, campaignId, version]);
    return row ? toVersion(row) : null;
  }

  async list(orgId: string, campaignId: string, page: PageRequest): Promise<Page<SequenceVersionSummary>> {
    if (!isUuid(campaignId)) return { items: [], nextCursor: null };
    const conditions = ['org_id = ?', 'campaign_id = ?'];
    const params: unknown[] = [orgId, campaignId];
    if (page.after !== undefined) {
      conditions.push('version < ?');
      params.push(decodeVersionCursor(page.after));
    }
    // One row past the page tells whether another page exists without a count query.
    params.push(page.limit + 1);
    const rows = await this.execute(
      `select campaign_id, version, jsonb_array_length(steps) as step_count, created_by_user_id, created_at
         from campaign_sequence_versions
        where ${conditions.join(' and ')}
        order by version desc
        limit ?`,
      params,
    );
    const items = rows.slice(0, page.limit).map(toSummary);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > page.limit && last ? encodeVersionCursor(last.version) : null };
  }

  async append(version: SequenceVersion): Promise<void> {
    try {
      await this.execute(
        `insert into campaign_sequence_versions (id, org_id, company_id, campaign_id, version, steps, created_by_user_id, created_at)
         values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
        [
          version.id,
          version.orgId,
          version.companyId,
          version.campaignId,
          version.version,
          JSON.stringify(version.steps.map(stepJson)),
          version.createdByUserId,
          version.createdAt,
        ],
        'run',
      );
    } catch (error) {
      // Only the version key means a racing save; any other violation is a bug to surface as it is.
      if (error instanceof UniqueConstraintViolationException && (error as { constraint?: unknown }).constraint === VERSION_KEY) throw new SequenceVersionConflictError(version.version);
      throw error;
    }
  }

  private execute<T = Row[]>(sql: string, params: unknown[], method: 'all' | 'run' = 'all'): Promise<T> {
    return executeSql<T>(this.orm, sql, params, method);
  }
}

/** Positions in a newest-first list: the version after which the next page starts. Opaque to clients. */
function encodeVersionCursor(version: number): string {
  return Buffer.from(JSON.stringify({ before: version })).toString('base64url');
}

function decodeVersionCursor(cursor: string): number {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const before = (decoded as { before?: unknown } | null)?.before;
    if (typeof before === 'number' && Number.isInteger(before) && before >= 1 && before <= MAX_VERSION) return before;
  } catch {
    // fall through: any undecodable cursor is the client's mistake, not ours
  }
  throw new InvalidCursorError();
}

/** The stored shape, field by field, so nothing but the step's content ever reaches the column. */
function stepJson(step: SequenceStep): SequenceStep {
  return {
    externalId: step.externalId,
    stepNumber: step.stepNumber,
    delayDays: step.delayDays,
    subject: step.subject,
    body: step.body,
    variants: step.variants.map(variantJson),
  };
}

function variantJson(variant: SequenceVariant): SequenceVariant {
  return { externalId: variant.externalId, label: variant.label, subject: variant.subject, body: variant.body, distributionPercent: variant.distributionPercent };
}

function toVersion(row: Row): SequenceVersion {
  return new SequenceVersion(
    row['id'] as string,
    row['org_id'] as string,
    row['company_id'] as string,
    row['campaign_id'] as string,
    Number(row['version']),
    (row['steps'] as SequenceStep[]).map(stepJson),
    (row['created_by_user_id'] as string | null) ?? null,
    new Date(row['created_at'] as string),
  );
}

function toSummary(row: Row): SequenceVersionSummary {
  return {
    campaignId: row['campaign_id'] as string,
    version: Number(row['version']),
    stepCount: Number(row['step_count']),
    createdByUserId: (row['created_by_user_id'] as string | null) ?? null,
    createdAt: new Date(row['created_at'] as string),
  };
}
