// What a self-contained scenario (one that starts its own servers and databases) gets from the
// runner, and what it hands back for the report.
import type { BatchComparison, BatchMeasurement } from './batch-measure.js';
import type { BenchDatabase } from './bench-database.js';
import type { ChildServer } from './child-server.js';
import type { Measurement } from './measure.js';
import type { ProjectionSummary } from './projection-summary.js';
import type { QueryPlanSummary } from './query-plans.js';
import type { Comparison } from './report.js';
import type { SeedSummary } from './seed-summary.js';
import type { BenchSettings } from './settings.js';

export interface ScenarioContext {
  readonly database: BenchDatabase;
  readonly settings: BenchSettings;
  /** Pool size of every server and ORM, the service's default DATABASE_POOL_MAX. */
  readonly poolMax: number;
  log(line: string): void;
  /**
   * Forks a child server and registers it for clean-up at exit; a scenario may stop it earlier
   * (stopping twice is harmless) so it does not idle beside the next scenario.
   */
  startChild(name: string, entry: URL, parameters: unknown): Promise<ChildServer>;
}

export interface ScenarioOutcome {
  /** Load targets, as the existing pairs report them. */
  readonly measurements: readonly Measurement[];
  readonly comparisons: readonly Comparison[];
  /** Timed batch operations, each repeated a few times. */
  readonly batches: readonly BatchMeasurement[];
  readonly batchComparisons: readonly BatchComparison[];
  readonly seeds: readonly SeedSummary[];
  readonly queryPlans: readonly QueryPlanSummary[];
  /** Asynchronous work a load target left behind (webhook projections), followed to its end. */
  readonly projections: readonly ProjectionSummary[];
}

export const EMPTY_OUTCOME: ScenarioOutcome = { measurements: [], comparisons: [], batches: [], batchComparisons: [], seeds: [], queryPlans: [], projections: [] };
