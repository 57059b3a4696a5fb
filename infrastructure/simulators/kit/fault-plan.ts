import type { SimRequest, SimResponse } from './sim-types.js';

/**
 * A failure to play on the next matching requests:
 * - `status`: answer with this status (e.g. 500, 503, 429 with `retryAfterSeconds`) instead of serving;
 * - `malformed`: answer 200 with a body that is not what the endpoint promises (`text` is sent as
 *   JSON-typed text, so `"{not json"` gives unparsable JSON, `"{}"` a wrong shape);
 * - `delay`: serve normally, but only after `delayMs` (to provoke client timeouts).
 */
export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly times?: number; readonly retryAfterSeconds?: number; readonly body?: unknown; readonly match?: FaultMatch }
  | { readonly kind: 'malformed'; readonly text: string; readonly times?: number; readonly match?: FaultMatch }
  | { readonly kind: 'delay'; readonly delayMs: number; readonly times?: number; readonly match?: FaultMatch };

/** Restricts a fault to some requests; absent fields match anything. */
export interface FaultMatch {
  readonly method?: string;
  /** A substring of the request path. */
  readonly pathIncludes?: string;
}

export type FaultAction =
  | { readonly kind: 'status' | 'malformed'; readonly response: SimResponse }
  | { readonly kind: 'delay'; readonly delayMs: number };

interface Armed {
  readonly fault: Fault;
  remaining: number;
}

/** Faults queued in order; each fires `times` times (default once) on the requests it matches. */
export class FaultPlan {
  private readonly armed: Armed[] = [];

  add(fault: Fault): void {
    this.armed.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.armed.length = 0;
  }

  get pending(): number {
    return this.armed.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  take(request: SimRequest): FaultAction | null {
    const index = this.armed.findIndex((entry) => matches(entry.fault.match, request));
    if (index < 0) return null;
    const entry = this.armed[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed.splice(index, 1);
    const fault = entry.fault;
    if (fault.kind === 'delay') return { kind: 'delay', delayMs: fault.delayMs };
    if (fault.kind === 'malformed') {
      return { kind: 'malformed', response: { status: 200, text: fault.text, headers: { 'content-type': 'application/json' } } };
    }
    const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
    return { kind: 'status', response: { status: fault.status, body: fault.body ?? { message: 'Injected failure' }, headers } };
  }
}

function matches(match: FaultMatch | undefined, request: SimRequest): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  if (match.pathIncludes && !request.path.includes(match.pathIncludes)) return false;
  return true;
}
