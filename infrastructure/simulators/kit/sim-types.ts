/** One request as the simulator saw it; the journal is what contract tests assert on. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string, as sent (still percent-encoded). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the body was JSON, else the raw text (or undefined when empty). */
  readonly body: unknown;
  readonly receivedAt: number;
}

export type SimOutcome = 'served' | 'unauthorized' | 'rate_limited' | 'fault' | 'not_found';

export interface JournalEntry extends SimRequest {
  outcome: SimOutcome;
  status: number;
}

export interface SimResponse {
  readonly status: number;
  /** Serialised as JSON unless `text` is given. */
  readonly body?: unknown;
  /** A raw body sent as text/plain (some provider writes answer plain text). */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type SimHandler = (request: SimRequest, params: Readonly<Record<string, string>>, account: string) => SimResponse | Promise<SimResponse>;

export interface SimRoute {
  readonly method: string;
  /** Path template relative to the server root, `:name` for a parameter: `/api/v1/campaigns/:id`. */
  readonly pattern: string;
  readonly handle: SimHandler;
}
