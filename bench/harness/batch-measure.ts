// Timings of whole batches — an import of 10,000 leads, the INSERT of the same rows — repeated a
// few times. Unlike the load targets (many small requests in a window), each run is one operation,
// so what is reported is the median, the fastest and the slowest run, and rows per second at the
// median.

export interface BatchMeasurement {
  /** Row label in the report and key in the JSON results. */
  readonly target: string;
  /** What one run does, for the report (no secrets, no personal data). */
  readonly description: string;
  /** Rows one run handles; null for a timing with no rows of its own (a queue wait). */
  readonly rows: number | null;
  /** Milliseconds of each run, in the order they ran. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** rows ÷ median seconds; null when `rows` is. */
  readonly rowsPerSecond: number | null;
  /** What went wrong in any run (a status, a wrong count): any entry fails the bench. */
  readonly failures: readonly string[];
}

/** How a candidate batch fares against a reference: >1 time is slower, >1 rows/s is faster. */
export interface BatchComparison {
  readonly candidate: string;
  readonly reference: string;
  readonly timeRatio: number | null;
  readonly rowsPerSecondRatio: number | null;
}

export function summarizeBatch(
  target: string,
  description: string,
  rows: number | null,
  runsMs: readonly number[],
  failures: readonly string[] = [],
): BatchMeasurement {
  const sorted = [...runsMs].sort((a, b) => a - b);
  const medianMs = median(sorted);
  return {
    target,
    description,
    rows,
    runsMs: runsMs.map(roundMs),
    medianMs: roundMs(medianMs),
    minMs: roundMs(sorted[0] ?? Number.NaN),
    maxMs: roundMs(sorted.at(-1) ?? Number.NaN),
    rowsPerSecond: rows === null || !(medianMs > 0) ? null : Math.round(rows / (medianMs / 1000)),
    failures,
  };
}

export function compareBatches(candidate: BatchMeasurement, reference: BatchMeasurement): BatchComparison {
  const ratio = (a: number | null, b: number | null): number | null =>
    a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null;
  return {
    candidate: candidate.target,
    reference: reference.target,
    timeRatio: ratio(candidate.medianMs, reference.medianMs),
    rowsPerSecondRatio: ratio(candidate.rowsPerSecond, reference.rowsPerSecond),
  };
}

/** The middle run; with an even count, the mean of the two middle ones. NaN with none. */
function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function roundMs(value: number): number {
  return Math.round(value * 10) / 10;
}
