import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan, type Fault } from './fault-plan.js';
import type { JournalEntry, SimRequest, SimResponse, SimRoute } from './sim-types.js';
import { SlidingWindowLimiter, type SlidingWindowRule } from './sliding-window-limiter.js';

export type { JournalEntry, SimHandler, SimOutcome, SimRequest, SimResponse, SimRoute } from './sim-types.js';

export interface SimulatorOptions {
  /** Shown in logs and the control API. */
  readonly name: string;
  readonly routes: readonly SimRoute[];
  /**
   * The provider account a request authenticates as (the key, or whatever the provider scopes its
   * limits by), or null to answer it with `unauthorized`.
   */
  readonly authenticate: (request: SimRequest) => string | null;
  readonly unauthorized: SimResponse;
  /** Answer for a path no route matches. */
  readonly notFound?: SimResponse;
  /** Past this rate per account the simulator answers 429 with Retry-After, like the real API. */
  readonly rateLimit?: SlidingWindowRule;
  /** The 429 body the provider sends; Retry-After is added as a header. */
  readonly rateLimitedBody?: (retryAfterSeconds: number) => unknown;
  /**
   * Provider-specific control routes under `/__sim/…` (seeding, webhook emission). Like the kit's
   * own control API they skip authentication, the rate limit, faults and the journal.
   */
  readonly controlRoutes?: readonly SimRoute[];
}

interface CompiledRoute extends SimRoute {
  readonly regex: RegExp;
  readonly names: readonly string[];
}

/**
 * A small HTTP server that plays one provider: routes with realistic state live in the provider's
 * simulator; this kit adds what every provider does alike — authentication, a rate limit per
 * account, injected faults, and a journal of every request for contract tests.
 *
 * A control API under `/__sim/` (unauthenticated; simulators only ever listen on loopback) lets a
 * sandbox or another process read the journal and inject faults.
 */
export class SimulatorServer {
  readonly journal: JournalEntry[] = [];
  readonly faults = new FaultPlan();
  private readonly routes: readonly CompiledRoute[];
  private readonly controlRoutes: readonly CompiledRoute[];
  private limiter: SlidingWindowLimiter | null;
  private server: Server | null = null;
  private baseUrl = '';

  constructor(private readonly options: SimulatorOptions) {
    this.routes = options.routes.map(compile);
    this.controlRoutes = (options.controlRoutes ?? []).map(compile);
    this.limiter = options.rateLimit ? new SlidingWindowLimiter(options.rateLimit) : null;
  }

  get url(): string {
    if (!this.server) throw new Error(`${this.options.name} simulator is not listening`);
    return this.baseUrl;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.dispatch(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${address.port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Replaces the rate limit (null: none), e.g. to provoke 429s in one test. */
  setRateLimit(rule: SlidingWindowRule | null): void {
    this.limiter = rule ? new SlidingWindowLimiter(rule) : null;
  }

  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  /** Requests that reached the provider logic (authenticated, within the limit, no fault). */
  served(): JournalEntry[] {
    return this.journal.filter((entry) => entry.outcome === 'served');
  }

  clearJournal(): void {
    this.journal.length = 0;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Stamped before the body is read: as close to the request's arrival as this process can tell.
    const receivedAt = Date.now();
    try {
      const request = await readRequest(req, receivedAt);
      if (request.path.startsWith('/__sim/')) {
        send(res, await this.control(request));
        return;
      }
      const entry: JournalEntry = { ...request, outcome: 'served', status: 200 };
      this.journal.push(entry);
      const response = await this.answer(request, entry);
      entry.status = response.status;
      if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
      send(res, response);
    } catch (error) {
      send(res, { status: 500, body: { message: `simulator failure: ${(error as Error).message}` } });
    }
  }

  private async answer(request: SimRequest, entry: JournalEntry): Promise<SimResponse & { delayMs?: number }> {
    const account = this.options.authenticate(request);
    if (account === null) {
      entry.outcome = 'unauthorized';
      return this.options.unauthorized;
    }
    if (this.limiter) {
      const retryAfterMs = this.limiter.hit(account, request.receivedAt);
      if (retryAfterMs !== null) {
        entry.outcome = 'rate_limited';
        const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
        return {
          status: 429,
          body: this.options.rateLimitedBody?.(seconds) ?? { message: 'Too many requests' },
          headers: { 'retry-after': String(seconds) },
        };
      }
    }
    const fault = this.faults.take(request);
    if (fault?.kind === 'status' || fault?.kind === 'malformed') {
      entry.outcome = 'fault';
      return fault.response;
    }
    const delayMs = fault?.kind === 'delay' ? fault.delayMs : 0;
    const routed = await this.route(this.routes, request, account);
    if (routed) return { ...routed, delayMs };
    entry.outcome = 'not_found';
    return this.options.notFound ?? { status: 404, body: { message: 'Not Found' } };
  }

  private async route(routes: readonly CompiledRoute[], request: SimRequest, account: string): Promise<SimResponse | null> {
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const match = route.regex.exec(request.path);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
      return route.handle(request, params, account);
    }
    return null;
  }

  private async control(request: SimRequest): Promise<SimResponse> {
    if (request.method === 'GET' && request.path === '/__sim/requests') {
      return { status: 200, body: this.journal.map(({ query, ...entry }) => ({ ...entry, query: Object.fromEntries(query) })) };
    }
    if (request.method === 'DELETE' && request.path === '/__sim/requests') {
      this.clearJournal();
      return { status: 204 };
    }
    if (request.method === 'POST' && request.path === '/__sim/faults') {
      this.faults.add(request.body as Fault);
      return { status: 204 };
    }
    if (request.method === 'DELETE' && request.path === '/__sim/faults') {
      this.faults.clear();
      return { status: 204 };
    }
    if (request.method === 'GET' && request.path === '/__sim/health') return { status: 200, body: { simulator: this.options.name } };
    return (await this.route(this.controlRoutes, request, 'control')) ?? { status: 404, body: { message: 'unknown control route' } };
  }
}

function compile(route: SimRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

async function readRequest(req: IncomingMessage, receivedAt: number): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://simulator');
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && /json/i.test(req.headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
  return { method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.searchParams, headers, body, receivedAt };
}

function send(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.text !== undefined) {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    payload = response.text;
  } else if (response.body !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    payload = JSON.stringify(response.body);
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}
