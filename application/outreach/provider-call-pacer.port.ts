/** A sustained rate with a burst allowance, e.g. 50 calls per 60 s with bursts of 5. */
export interface PacingRule {
  readonly limit: number;
  readonly windowMs: number;
  readonly burst: number;
}

/**
 * Spaces provider calls per provider account across every process of the engine (the schedule
 * lives in the database). `pacingKey` names the account (e.g. `smartlead:key:<secret>`); an
 * implementation must store only a one-way hash of it.
 */
export interface ProviderCallPacer {
  /**
   * How late a call may leave after its slot (measured from just before the reservation was
   * asked for) and still keep the rule: the schedule leaves that much room. A caller that finds
   * itself later must give the slot up and reserve another.
   */
  readonly lateSlotToleranceMs: number;
  /** Reserves the next slot for one call and answers how many milliseconds to wait before making it. */
  reserve(pacingKey: string, rule: PacingRule): Promise<number>;
}
