import pg from 'pg';
import { workerDatabaseUrl } from './worker-database-url.js';

export interface AuditRow {
  org_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  request_id: string;
  outcome: string;
  detail: Record<string, unknown>;
}

/** Audit rows of one request, read straight from the table: what an auditor would see. */
export async function auditRowsForRequest(requestId: string): Promise<AuditRow[]> {
  const client = new pg.Client({ connectionString: workerDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<AuditRow>(
      `select org_id, actor_type, actor_id, action, target_type, target_id, request_id, outcome, detail
         from audit_events where request_id = $1 order by occurred_at`,
      [requestId],
    );
    return rows;
  } finally {
    await client.end();
  }
}
