import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Measurement } from './measure.js';
import { failures } from './measure.js';
import type { BenchSettings } from './settings.js';

export interface MachineFacts {
  readonly node: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly platform: string;
  readonly totalMemoryGiB: number;
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

export interface BenchReport {
  readonly generatedAt: string;
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
  settings: BenchSettings,
  machine: MachineFacts,
  results: readonly Measurement[],
  comparisons: readonly Comparison[],
): BenchReport {
  return {
    generatedAt: new Date().toISOString(),
    settings,
    machine,
    results,
    comparisons,
    ok: results.every((measurement) => failures(measurement) === 0),
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
    `Outbound Engine X benchmark — ${settings.durationSeconds} s measured per target after ${settings.warmupSeconds} s warm-up, ${settings.connections} connections`,
    '',
    ...table(header, rows),
    '',
    ...report.comparisons.flatMap((c) => [
      `${c.candidate}/${c.reference}: throughput ${times(c.throughputRatio)}, ` +
        `p50 latency ${times(c.p50Ratio)}, p99 latency ${times(c.p99Ratio)}`,
      '',
    ]),
    `machine: node ${machine.node}, ${machine.cpuCount} CPUs (${machine.cpuModel}), ${machine.platform}, ` +
      `${machine.totalMemoryGiB} GiB RAM, PostgreSQL ${machine.postgres} (embedded)`,
  ];
  for (const m of report.results) {
    if (failures(m) === 0) continue;
    lines.push(`FAILED ${m.target}: status codes ${JSON.stringify(m.statusCodes)}, warm-up ${JSON.stringify(m.warmup)}`);
    if (m.firstFailure) lines.push(`  first failure: ${m.firstFailure.status} ${m.firstFailure.body}`);
  }
  return lines.join('\n');
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
