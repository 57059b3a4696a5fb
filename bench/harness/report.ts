import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BatchComparison, BatchMeasurement } from './batch-measure.js';
import type { Measurement } from './measure.js';
import { failures } from './measure.js';
import type { ProjectionSummary } from './projection-summary.js';
import type { QueryPlanSummary } from './query-plans.js';
import type { SeedSummary } from './seed-summary.js';
import type { BenchSettings } from './settings.js';

export interface MachineFacts {
  readonly node: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly platform: string;
  readonly totalMemoryGiB: number;
  /** 1, 5 and 15 minutes, when the report is built: other work on the machine skews every figure. */
  readonly loadAverage: readonly number[];
  readonly postgres: string;
}

/** How a candidate fares against a reference: >1 throughput is faster, >1 latency is slower. */
export interface Comparison {
  readonly candidate: string;
  readonly reference: string;
  readonly throughputRatio: number | null;
  readonly p50Ratio: number | null;
  readonly p99Ratio: number | null;
}

/** Everything measured besides the load targets: timed batches, seeded data, query plans. */
export interface BenchExtras {
  readonly batches: readonly BatchMeasurement[];
  readonly batchComparisons: readonly BatchComparison[];
  readonly seeds: readonly SeedSummary[];
  readonly queryPlans: readonly QueryPlanSummary[];
  readonly projections: readonly ProjectionSummary[];
}

export interface BenchReport extends BenchExtras {
  readonly generatedAt: string;
  /** The scenarios this run measured. */
  readonly scenarios: readonly string[];
  readonly settings: BenchSettings;
  readonly machine: MachineFacts;
  readonly results: readonly Measurement[];
  readonly comparisons: readonly Comparison[];
  readonly ok: boolean;
}

export function machineFacts(postgres: string): MachineFacts {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpuCount: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    platform: `${process.platform}-${process.arch}`,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    postgres,
  };
}

export function compare(candidate: Measurement, reference: Measurement): Comparison {
  const ratio = (a: number, b: number): number | null => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null);
  return {
    candidate: candidate.target,
    reference: reference.target,
    throughputRatio: ratio(candidate.requestsPerSecond, reference.requestsPerSecond),
    p50Ratio: ratio(candidate.p50, reference.p50),
    p99Ratio: ratio(candidate.p99, reference.p99),
  };
}

export function buildReport(
  scenarios: readonly string[],
  settings: BenchSettings,
  machine: MachineFacts,
  results: readonly Measurement[],
  comparisons: readonly Comparison[],
  extras: BenchExtras,
): BenchReport {
  return {
    generatedAt: new Date().toISOString(),
    scenarios,
    settings,
    machine,
    results,
    comparisons,
    ...extras,
    ok: results.every((measurement) => failures(measurement) === 0) && extras.batches.every((batch) => batch.failures.length === 0) &&
      extras.projections.every((projection) => projection.failures.length === 0),
  };
}

export function formatReport(report: BenchReport): string {
  const { settings, machine } = report;
  const header = ['target', 'req/s (mean)', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'requests'];
  const rows = report.results.map((m) => [
    m.target,
    m.requestsPerSecond.toFixed(1),
    m.p50.toFixed(2),
    m.p99.toFixed(2),
    String(m.errors),
    String(m.non2xx),
    String(m.requests),
  ]);
  const lines = [
    `Outbound Engine X benchmark (${report.scenarios.join(', ')}) — ${settings.durationSeconds} s measured per target ` +
      `(campaign-list: ${settings.listDurationSeconds} s) after ${settings.warmupSeconds} s warm-up, ${settings.connections} connections`,
    '',
  ];
  if (report.results.length > 0) {
    lines.push(
      ...table(header, rows),
      '',
      ...report.comparisons.flatMap((c) => [
        `${c.candidate}/${c.reference}: throughput ${times(c.throughputRatio)}, ` +
          `p50 latency ${times(c.p50Ratio)}, p99 latency ${times(c.p99Ratio)}`,
        '',
      ]),
    );
  }
  lines.push(...formatExtras(report));
  lines.push(
    `machine: node ${machine.node}, ${machine.cpuCount} CPUs (${machine.cpuModel}), ${machine.platform}, ` +
      `${machine.totalMemoryGiB} GiB RAM, load average ${machine.loadAverage.join(' ')}, PostgreSQL ${machine.postgres} (embedded)`,
  );
  for (const m of report.results) {
    if (failures(m) === 0) continue;
    lines.push(`FAILED ${m.target}: status codes ${JSON.stringify(m.statusCodes)}, warm-up ${JSON.stringify(m.warmup)}`);
    if (m.firstFailure) lines.push(`  first failure: ${m.firstFailure.status} ${m.firstFailure.body}`);
  }
  for (const batch of report.batches) {
    for (const failure of batch.failures) lines.push(`FAILED ${batch.target}: ${failure}`);
  }
  for (const projection of report.projections) {
    for (const failure of projection.failures) lines.push(`FAILED ${projection.target}: ${failure}`);
  }
  return lines.join('\n');
}

function formatExtras(report: BenchReport): string[] {
  const lines: string[] = [];
  if (report.batches.length > 0) {
    const header = ['batch target', 'rows', 'runs', 'median ms', 'min ms', 'max ms', 'rows/s (median)'];
    const rows = report.batches.map((b) => [
      b.target,
      b.rows === null ? '-' : String(b.rows),
      String(b.runsMs.length),
      b.medianMs.toFixed(1),
      b.minMs.toFixed(1),
      b.maxMs.toFixed(1),
      b.rowsPerSecond === null ? '-' : String(b.rowsPerSecond),
    ]);
    lines.push(...table(header, rows), '');
    for (const c of report.batchComparisons) {
      lines.push(`${c.candidate}/${c.reference}: time ${times(c.timeRatio)}, rows/s ${times(c.rowsPerSecondRatio)}`);
    }
    lines.push('');
  }
  for (const seed of report.seeds) {
    lines.push(`seeded ${seed.database}: ${seed.companies} companies, ${seed.campaigns} campaigns, ${seed.leads} campaign_leads in ${seed.seconds} s`);
  }
  if (report.seeds.length > 0) lines.push('');
  for (const plan of report.queryPlans) {
    lines.push(
      `plan ${plan.shape}@${plan.database}: ${plan.plan}`,
      `  ${plan.indexScansOnly ? 'index scans only' : `SEQ SCAN on ${plan.seqScans.join(', ')}`}${plan.sorts ? ', sorted after reading' : ''}; ` +
        `rows read ${plan.rowsRead} for ${plan.rowsReturned} returned; buffers hit ${plan.sharedBuffersHit} read ${plan.sharedBuffersRead}; ` +
        `execution ${plan.executionMs.toFixed(3)} ms`,
    );
  }
  if (report.queryPlans.length > 0) lines.push('');
  if (report.projections.length > 0) {
    const header = ['projection target', 'poll s', 'workers', 'events', 'projected', 'ignored', 'unfinished', 'pending at end', 'drain s', 'events/s', 'p50 ms', 'p99 ms', 'max ms'];
    const rows = report.projections.map((p) => [
      p.target,
      String(p.pollIntervalSeconds),
      String(p.jobsConcurrency),
      String(p.events),
      String(p.projected),
      String(p.ignored),
      String(p.unfinished),
      String(p.pendingAtWindowEnd),
      p.drainSeconds === null ? 'never' : p.drainSeconds.toFixed(1),
      p.projectionsPerSecond.toFixed(1),
      p.p50Ms.toFixed(0),
      p.p99Ms.toFixed(0),
      p.maxMs.toFixed(0),
    ]);
    lines.push(...table(header, rows), '');
    for (const p of report.projections) {
      if (p.unfinished === 0) continue;
      lines.push(`${p.target}: p50/p99/max cover the ${p.projected + p.ignored} events that were final; ${p.unfinished} were not when the wait ended, so the true figures are higher`);
    }
    lines.push('');
  }
  return lines;
}

export async function writeReport(file: string, report: BenchReport): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

function times(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${ratio.toFixed(2)}x`;
}

/** First column left-aligned, the rest right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)];
}
