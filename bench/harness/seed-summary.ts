/** What a scenario wrote into a database before measuring, and how long that took. */
export interface SeedSummary {
  readonly database: string;
  readonly companies: number;
  readonly campaigns: number;
  readonly leads: number;
  readonly seconds: number;
}
