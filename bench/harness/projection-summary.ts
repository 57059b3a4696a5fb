/**
 * What became of the webhook events stored during a measured window: how long each took from its
 * acknowledgement (`received_at`) to its final state (`projected_at`), and how far the projection
 * queue was behind when the load stopped.
 */
export interface ProjectionSummary {
  readonly target: string;
  /** WEBHOOK_PROJECTION_POLL_INTERVAL_SECONDS and JOBS_CONCURRENCY of the service: the floor and the pace of projection. */
  readonly pollIntervalSeconds: number;
  readonly jobsConcurrency: number;
  /** Events stored during the measured window. */
  readonly events: number;
  readonly projected: number;
  /** Final without local effect, with a reason (e.g. a campaign no organization holds). */
  readonly ignored: number;
  /** `failed` or `dead_letter` when the wait ended, or still `received` (not drained). */
  readonly unfinished: number;
  /** Of the window's events, those still `received` the moment the load stopped. */
  readonly pendingAtWindowEnd: number;
  /** From the end of the load until the window's last event was final; null if it never was. */
  readonly drainSeconds: number | null;
  /** Final events over the time from the window's first acknowledgement to its last projection. */
  readonly projectionsPerSecond: number;
  /** received_at → projected_at of the final events, milliseconds. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly failures: readonly string[];
}
