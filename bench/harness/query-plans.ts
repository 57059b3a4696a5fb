// EXPLAIN (ANALYZE, BUFFERS) of the exact SQL a repository sends. The statement is not written
// out by hand here (it would drift from the code): the repository method runs once against an ORM
// whose logger keeps the last statement as the driver sent it (MikroORM inlines the parameters
// before sending), and that text is explained on a plain pg connection.
import type { Logger, LogContext } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';

/** One query shape: a repository call that sends exactly one SELECT. */
export interface QueryShape {
  readonly name: string;
  run(orm: MikroORM): Promise<unknown>;
}

export interface QueryPlanSummary {
  readonly shape: string;
  readonly database: string;
  /** Plan nodes, outermost first, e.g. "Limit > Index Scan using campaigns_live_org_keyset_idx on campaigns". */
  readonly plan: string;
  /** Whether every table the query reads is read through an index (no Seq Scan anywhere). */
  readonly indexScansOnly: boolean;
  readonly indexesUsed: readonly string[];
  readonly seqScans: readonly string[];
  /** Whether rows are sorted after reading them rather than read in the index's order. */
  readonly sorts: boolean;
  /**
   * Rows the scans produced plus those they read and filtered out. An index range that starts at
   * the page reads about one page (limit + 1); more means the cost depends on where the page is.
   */
  readonly rowsRead: number;
  readonly rowsReturned: number;
  readonly sharedBuffersHit: number;
  readonly sharedBuffersRead: number;
  readonly planningMs: number;
  readonly executionMs: number;
  readonly sql: string;
}

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Index Name'?: string;
  readonly 'Relation Name'?: string;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly 'Rows Removed by Filter'?: number;
  readonly 'Rows Removed by Index Recheck'?: number;
  readonly 'Shared Hit Blocks'?: number;
  readonly 'Shared Read Blocks'?: number;
  readonly Plans?: readonly PlanNode[];
}

interface ExplainOutput {
  readonly Plan: PlanNode;
  readonly 'Planning Time': number;
  readonly 'Execution Time': number;
}

export async function explainQueryShapes(databaseUrl: string, label: string, shapes: readonly QueryShape[]): Promise<QueryPlanSummary[]> {
  const statements: string[] = [];
  const orm = await MikroORM.init({
    ...mikroOrmOptions({ url: databaseUrl, poolMax: 1 }),
    loggerFactory: () => statementRecorder(statements),
  });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const summaries: QueryPlanSummary[] = [];
    for (const shape of shapes) {
      statements.length = 0;
      await shape.run(orm);
      const selects = statements.filter((statement) => /^\s*select\b/i.test(statement));
      const sql = selects.at(-1);
      if (selects.length !== 1 || sql === undefined) throw new Error(`query shape ${shape.name} sent ${selects.length} SELECTs, expected one`);
      const { rows } = await client.query<{ 'QUERY PLAN': ExplainOutput[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`);
      const output = rows[0]?.['QUERY PLAN'][0];
      if (!output) throw new Error(`EXPLAIN of ${shape.name} answered no plan`);
      summaries.push(summarize(shape.name, label, sql, output));
    }
    return summaries;
  } finally {
    await client.end();
    await orm.close();
  }
}

/** A MikroORM logger that prints nothing and keeps every statement as sent to the server. */
function statementRecorder(statements: string[]): Logger {
  return {
    log: () => undefined,
    error: () => undefined,
    warn: () => undefined,
    logQuery: (context: LogContext) => {
      const formatted: unknown = context['formatted'];
      const statement = typeof formatted === 'string' ? formatted : context.query;
      if (statement !== undefined) statements.push(statement);
    },
    setDebugMode: () => undefined,
    isEnabled: () => false,
  };
}

function summarize(shape: string, database: string, sql: string, output: ExplainOutput): QueryPlanSummary {
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode): void => {
    nodes.push(node);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(output.Plan);
  const describe = (node: PlanNode): string =>
    [node['Node Type'], node['Index Name'] ? `using ${node['Index Name']}` : '', node['Relation Name'] ? `on ${node['Relation Name']}` : '']
      .filter(Boolean)
      .join(' ');
  const seqScans = nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name'] ?? '?');
  // Nodes that read a table (a bitmap index scan only collects row pointers for its heap scan).
  const tableReads = nodes.filter((node) => node['Relation Name'] !== undefined);
  const loops = (node: PlanNode): number => node['Actual Loops'] ?? 1;
  return {
    shape,
    database,
    plan: nodes.map(describe).join(' > '),
    indexScansOnly: seqScans.length === 0,
    indexesUsed: [...new Set(nodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : [])))],
    seqScans,
    sorts: nodes.some((node) => node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort'),
    rowsRead: tableReads.reduce(
      (sum, node) => sum + ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * loops(node),
      0,
    ),
    rowsReturned: output.Plan['Actual Rows'] ?? 0,
    sharedBuffersHit: output.Plan['Shared Hit Blocks'] ?? 0,
    sharedBuffersRead: output.Plan['Shared Read Blocks'] ?? 0,
    planningMs: output['Planning Time'],
    executionMs: output['Execution Time'],
    sql,
  };
}
