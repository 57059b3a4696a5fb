export interface SlidingWindowRule {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * The strictest reading of "N requests per window": no window of `windowMs`, wherever it starts,
 * may hold more than `limit` served requests of one account. Refused requests do not count.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly rule: SlidingWindowRule) {}

  /** Counts the request if it fits and answers null, or answers how long until one would fit. */
  hit(account: string, at: number): number | null {
    const times = this.hits.get(account) ?? [];
    while (times.length && times[0]! <= at - this.rule.windowMs) times.shift();
    if (times.length >= this.rule.limit) return times[0]! + this.rule.windowMs - at;
    times.push(at);
    this.hits.set(account, times);
    return null;
  }
}
