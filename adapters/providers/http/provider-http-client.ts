import type { z } from 'zod';
import type { CapabilitySlug } from '../../../domain/entitlements/capability.js';
import { ProviderCallError, type ProviderFailureKind } from '../../../application/outreach/provider-call-error.js';
import type { PacingRule, ProviderCallPacer } from '../../../application/outreach/provider-call-pacer.port.js';
import { backoffDelayMs, parseRetryAfterMs, type BackoffSettings } from './retry-delay.js';

export interface ProviderHttpSettings {
  /** No trailing slash; request paths are appended to it. */
  readonly baseUrl: string;
  /** Per attempt, covering the response body too. */
  readonly timeoutMs: number;
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  readonly backoff: BackoffSettings;
  /** A `Retry-After` longer than this is not waited for: the call fails as rate limited. */
  readonly maxRetryAfterMs: number;
  readonly pacing: PacingRule;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface ProviderRequest {
  /** Stable operation name for errors and logs, e.g. `campaign.create`. */
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the base URL, already percent-encoded where it carries ids. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** The provider account the call counts against (see ProviderCallPacer). */
  readonly pacingKey: string;
  /**
   * Whether repeating the request cannot do the work twice. Defaults to true for GET, PUT and
   * DELETE. A non-idempotent request is retried only when it provably was not processed (429, or
   * a connection that never opened); after a 5xx or a timeout it fails as transient instead, so
   * a campaign is never created twice.
   */
  readonly idempotent?: boolean;
}

export interface ProviderResponse {
  readonly status: number;
  /** Parsed JSON when the provider said JSON, else the text (some writes answer plain text). */
  readonly body: unknown;
}

export interface Timing {
  sleep(ms: number): Promise<void>;
  random(): number;
  now(): Date;
  /** A monotonic clock in milliseconds, for measuring how late a paced slot is taken. */
  monotonic(): number;
}

const REAL_TIMING: Timing = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: () => new Date(),
  monotonic: () => performance.now(),
};

/**
 * Slots given up in a row before a call goes anyway: only a process starved for seconds gets
 * here, and waiting forever would be worse than one call that may crowd a window.
 */
const MAX_SLOTS_PER_ATTEMPT = 5;

/** Cloudflare in front of one provider refuses library default user agents (providers.md §2.1). */
const USER_AGENT = 'OutboundEngineX/1.0 (+https://github.com/outbound-engine-x)';

/** Connection errors raised before a request reached the provider: always safe to retry. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

type AttemptResult =
  | { readonly kind: 'response'; readonly response: Response; readonly body: unknown; readonly parsedOk: boolean }
  | { readonly kind: 'failure'; readonly failure: ProviderFailureKind; readonly notSent: boolean };

/**
 * The one way provider adapters reach the network: pacing per provider account, a timeout per
 * attempt, retries with jittered exponential backoff that honours `Retry-After`, tolerant body
 * parsing, and a classification of every failure into a `ProviderCallError`.
 */
export class ProviderHttpClient {
  constructor(
    private readonly capability: CapabilitySlug,
    private readonly settings: ProviderHttpSettings,
    private readonly pacer: ProviderCallPacer,
    private readonly timing: Timing = REAL_TIMING,
  ) {}

  /** Sends the request; answers only a 2xx response, throws `ProviderCallError` otherwise. */
  async send(request: ProviderRequest): Promise<ProviderResponse> {
    const idempotent = request.idempotent ?? (request.method !== 'POST' && request.method !== 'PATCH');
    for (let attempt = 1; ; attempt += 1) {
      await this.takeSlot(request.pacingKey);
      const result = await this.attempt(request);
      if (result.kind === 'response' && result.response.ok) {
        if (!result.parsedOk) throw this.error(request, 'malformed_response', result.response.status, attempt);
        return { status: result.response.status, body: result.body };
      }
      const status = result.kind === 'response' ? result.response.status : null;
      const failure = result.kind === 'response' ? classifyStatus(result.response.status) : result.failure;
      const retryable =
        failure === 'rate_limited' ||
        (result.kind === 'failure' && result.notSent) ||
        (idempotent && (failure === 'server_error' || failure === 'network' || failure === 'timeout'));
      if (!retryable || attempt >= this.settings.maxAttempts) throw this.error(request, failure, status, attempt);
      const retryAfter = result.kind === 'response' ? retryAfterOf(result.response, result.body, this.timing.now()) : null;
      if (retryAfter !== null && retryAfter > this.settings.maxRetryAfterMs) throw this.error(request, failure, status, attempt);
      const backoff = backoffDelayMs(attempt, this.settings.backoff, this.timing.random);
      await this.timing.sleep(retryAfter === null ? backoff : retryAfter + Math.round(this.timing.random() * this.settings.backoff.baseMs));
    }
  }

  /** Sends the request and validates the body; a body that does not fit is a malformed response. */
  async sendFor<S extends z.ZodType>(request: ProviderRequest, schema: S): Promise<z.output<S>> {
    const response = await this.send(request);
    return this.validate(request, response.body, schema, response.status);
  }

  /** Validates a body the adapter already holds (e.g. one list out of an envelope). */
  validate<S extends z.ZodType>(request: Pick<ProviderRequest, 'operation'>, body: unknown, schema: S, status = 200): z.output<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw this.error(request, 'malformed_response', status, 1);
    return parsed.data;
  }

  /** A `ProviderCallError` for this capability, for adapters that detect a failure in a 2xx body. */
  error(request: Pick<ProviderRequest, 'operation'>, kind: ProviderFailureKind, httpStatus: number | null, attempts: number): ProviderCallError {
    return new ProviderCallError({ capability: this.capability, kind, operation: request.operation, httpStatus, attempts });
  }

  /**
   * Waits for a paced slot. The slot cannot have started before the reservation was asked for, so
   * `now − (asked + wait)` bounds how late the call would leave; past the pacer's tolerance (a
   * starved event loop, a slow answer) the slot is given up and a new one reserved, since a late
   * call could crowd the window of the calls paced after it.
   */
  private async takeSlot(pacingKey: string): Promise<void> {
    for (let slot = 1; ; slot += 1) {
      const askedAt = this.timing.monotonic();
      const wait = await this.pacer.reserve(pacingKey, this.settings.pacing);
      if (wait > 0) await this.timing.sleep(wait);
      const lateness = this.timing.monotonic() - (askedAt + wait);
      if (lateness <= this.pacer.lateSlotToleranceMs || slot >= MAX_SLOTS_PER_ATTEMPT) return;
    }
  }

  private async attempt(request: ProviderRequest): Promise<AttemptResult> {
    const url = new URL(this.settings.baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      return { kind: 'failure', ...classifyThrown(error) };
    }
    return { kind: 'response', response, ...parseBody(response, text) };
  }
}

function classifyStatus(status: number): ProviderFailureKind {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status === 401 || status === 403) return 'auth_rejected';
  if (status === 404) return 'not_found';
  return 'request_rejected';
}

function classifyThrown(error: unknown): { failure: ProviderFailureKind; notSent: boolean } {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { failure: 'timeout', notSent: false };
  const code = ((error as { cause?: { code?: unknown } } | null)?.cause?.code ?? '') as string;
  return { failure: 'network', notSent: NOT_SENT_CODES.has(code) };
}

/** JSON when declared (or when it plainly is), text otherwise; JSON that does not parse is malformed. */
function parseBody(response: Response, text: string): { body: unknown; parsedOk: boolean } {
  const type = response.headers.get('content-type') ?? '';
  const looksJson = /[/+]json\b/i.test(type) || (!type && /^\s*[[{]/.test(text));
  if (!looksJson) return { body: text, parsedOk: true };
  if (text.trim() === '') return { body: null, parsedOk: true };
  try {
    return { body: JSON.parse(text) as unknown, parsedOk: true };
  } catch {
    return { body: text, parsedOk: false };
  }
}

/** `Retry-After`, or the `retry_after` seconds one provider puts in its 429 body. */
function retryAfterOf(response: Response, body: unknown, now: Date): number | null {
  const fromHeader = parseRetryAfterMs(response.headers.get('retry-after'), now);
  if (fromHeader !== null) return fromHeader;
  const nested = (body as { error?: { retry_after?: unknown } } | null)?.error?.retry_after;
  return typeof nested === 'number' && nested >= 0 ? nested * 1000 : null;
}
