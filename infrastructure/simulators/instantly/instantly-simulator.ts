import { SimulatorServer, type SimRequest, type SimResponse, type SimRoute } from '../kit/simulator-server.js';
import { SlidingWindowLimiter, type SlidingWindowRule } from '../kit/sliding-window-limiter.js';
import { deliverWebhook, type WebhookDeliveryResult } from '../kit/webhook-delivery.js';
import { isRecord } from './instantly-request-checks.js';
import { InstantlySimulatorState, type AccountSeed } from './instantly-simulator-state.js';
import { campaignJson, instantlyApiRoutes, instantlyError, type EndpointLimiters } from './instantly-simulator-routes.js';
import { instantlyWebhookPayload, type InstantlyWebhookDetails } from './instantly-webhook-payloads.js';

/** The key of the workspace a simulator gets when no workspaces are given. */
export const INSTANTLY_SIM_API_KEY = 'instantly-sim-key';

/**
 * Control routes of this simulator, beside the kit's own control API: no key needed (simulators
 * listen on loopback only), and never journaled, rate limited or faulted.
 */
export const INSTANTLY_SIM_CONTROL_PREFIX = '/__sim/instantly';

export interface InstantlyWorkspaceSeed {
  /** A UUID is generated when absent. */
  readonly id?: string;
  /** Every key of the workspace; they share its rate limits, as on Instantly. */
  readonly apiKeys: readonly string[];
  /** False makes every call answer 402 Payment Required. Default true. */
  readonly paidPlan?: boolean;
  /** Sending accounts (email inboxes) connected to the workspace. */
  readonly accounts?: readonly AccountSeed[];
}

export interface InstantlySimulatorOptions {
  /** Default: one paid workspace with the key INSTANTLY_SIM_API_KEY and no accounts. */
  readonly workspaces?: readonly InstantlyWorkspaceSeed[];
  /**
   * The per-minute limit per workspace (kit limiter, 429 + Retry-After). Default 6,000 per 60 s.
   * Null disables it.
   */
  readonly rateLimit?: SlidingWindowRule | null;
  /** The per-second limit per workspace. Default 100 per 1 s. Null disables it. */
  readonly perSecondLimit?: SlidingWindowRule | null;
  /** The separate limit of `GET /api/v2/emails` per workspace. Default 20 per 60 s. Null disables it. */
  readonly emailsRateLimit?: SlidingWindowRule | null;
}

export const INSTANTLY_DEFAULT_LIMITS = {
  perMinute: { limit: 6_000, windowMs: 60_000 },
  perSecond: { limit: 100, windowMs: 1_000 },
  emails: { limit: 20, windowMs: 60_000 },
} as const satisfies Record<string, SlidingWindowRule>;

export interface InstantlyWebhookOutcome extends WebhookDeliveryResult {
  /** The body that was posted. */
  readonly payload: Record<string, unknown>;
}

/**
 * Instantly API v2 as the engine uses it, over real HTTP: a SimulatorServer (journal, faults,
 * per-minute limit) plus Instantly's state, its other limits, and webhook emission.
 */
export class InstantlySimulator extends SimulatorServer {
  readonly state: InstantlySimulatorState;
  private readonly limiters: { perSecond: SlidingWindowLimiter | null; emails: SlidingWindowLimiter | null };

  constructor(options: InstantlySimulatorOptions = {}) {
    const state = new InstantlySimulatorState();
    const limiters = {
      perSecond: limiterFor(options.perSecondLimit, INSTANTLY_DEFAULT_LIMITS.perSecond),
      emails: limiterFor(options.emailsRateLimit, INSTANTLY_DEFAULT_LIMITS.emails),
    };
    const endpointLimiters = (): EndpointLimiters => limiters;
    const control = controlRoutes(state, (url, eventType, details) => emit(state, url, eventType, details));
    super({
      name: 'instantly',
      routes: instantlyApiRoutes(state, endpointLimiters),
      controlRoutes: control,
      authenticate: (request) => authenticate(state, request),
      unauthorized: instantlyError(401, 'Unauthorized', 'Invalid or missing API key in the Authorization header'),
      notFound: instantlyError(404, 'Not Found', 'Route not found'),
      rateLimit: options.rateLimit === null ? undefined : (options.rateLimit ?? INSTANTLY_DEFAULT_LIMITS.perMinute),
      rateLimitedBody: () => ({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' }),
    });
    this.state = state;
    this.limiters = limiters;
    for (const seed of options.workspaces ?? [{ apiKeys: [INSTANTLY_SIM_API_KEY] }]) {
      const workspace = state.addWorkspace(seed);
      for (const account of seed.accounts ?? []) state.addAccount(workspace.id, account);
    }
  }

  setPerSecondLimit(rule: SlidingWindowRule | null): void {
    this.limiters.perSecond = rule ? new SlidingWindowLimiter(rule) : null;
  }

  setEmailsRateLimit(rule: SlidingWindowRule | null): void {
    this.limiters.emails = rule ? new SlidingWindowLimiter(rule) : null;
  }

  /**
   * Posts one webhook as Instantly would: `eventType` is the payload's `event_type` (e.g.
   * `reply_received`, `link_clicked`, or a custom label), the body is built from the state, and
   * `details.headers` are the subscription's custom headers — Instantly adds no signature.
   */
  deliverWebhook(url: string, eventType: string, details: InstantlyWebhookDetails): Promise<InstantlyWebhookOutcome> {
    return emit(this.state, url, eventType, details);
  }
}

export function createInstantlySimulator(options: InstantlySimulatorOptions = {}): InstantlySimulator {
  return new InstantlySimulator(options);
}

function limiterFor(rule: SlidingWindowRule | null | undefined, fallback: SlidingWindowRule): SlidingWindowLimiter | null {
  if (rule === null) return null;
  return new SlidingWindowLimiter(rule ?? fallback);
}

/** `Authorization: Bearer <key>` only; a key in the query string or another header is ignored. */
function authenticate(state: InstantlySimulatorState, request: SimRequest): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers['authorization'] ?? '');
  return match ? state.workspaceIdForKey(match[1]!) : null;
}

async function emit(state: InstantlySimulatorState, url: string, eventType: string, details: InstantlyWebhookDetails): Promise<InstantlyWebhookOutcome> {
  const payload = instantlyWebhookPayload(state, eventType, details);
  const result = await deliverWebhook({ url, body: payload, ...(details.headers ? { headers: details.headers } : {}) });
  return { ...result, payload };
}

type Emit = (url: string, eventType: string, details: InstantlyWebhookDetails) => Promise<InstantlyWebhookOutcome>;

function controlRoutes(state: InstantlySimulatorState, emitWebhook: Emit): SimRoute[] {
  const control =
    (handle: (body: Record<string, unknown>, params: Readonly<Record<string, string>>) => SimResponse | Promise<SimResponse>) =>
    async (request: SimRequest, params: Readonly<Record<string, string>>): Promise<SimResponse> => {
      try {
        return await handle(isRecord(request.body) ? request.body : {}, params);
      } catch (error) {
        return { status: 400, body: { message: (error as Error).message } };
      }
    };
  const text = (body: Record<string, unknown>, key: string): string | undefined => (typeof body[key] === 'string' ? body[key] : undefined);
  const number = (body: Record<string, unknown>, key: string): number | undefined => (typeof body[key] === 'number' ? body[key] : undefined);

  return [
    {
      // {url, event_type, campaign_id, lead_email?, email_id?, email_account?, step?, variant?, headers?}
      method: 'POST',
      pattern: `${INSTANTLY_SIM_CONTROL_PREFIX}/webhooks`,
      handle: control(async (body) => {
        const url = text(body, 'url');
        const eventType = text(body, 'event_type');
        const campaignId = text(body, 'campaign_id');
        if (!url || !eventType || !campaignId) throw new Error('url, event_type and campaign_id are required');
        const headers = isRecord(body['headers']) ? (body['headers'] as Record<string, string>) : undefined;
        const outcome = await emitWebhook(url, eventType, {
          campaignId,
          leadEmail: text(body, 'lead_email'),
          emailId: text(body, 'email_id'),
          emailAccount: text(body, 'email_account'),
          step: number(body, 'step'),
          variant: number(body, 'variant'),
          headers,
        });
        return { status: 200, body: outcome };
      }),
    },
    {
      // {email, first_name?, last_name?, status?, warmup_status?, workspace_id?}
      method: 'POST',
      pattern: `${INSTANTLY_SIM_CONTROL_PREFIX}/accounts`,
      handle: control((body) => {
        const email = text(body, 'email');
        if (!email) throw new Error('email is required');
        const workspaceId = text(body, 'workspace_id') ?? state.defaultWorkspace.id;
        return { status: 200, body: state.addAccount(workspaceId, { ...(body as Partial<AccountSeed>), email }) };
      }),
    },
    {
      // {campaign_id, lead_email, ue_type (1 sent, 2 received, 3 manual, 4 scheduled), subject?, html?, step?, eaccount?, at?}
      method: 'POST',
      pattern: `${INSTANTLY_SIM_CONTROL_PREFIX}/emails`,
      handle: control((body) => {
        const campaignId = text(body, 'campaign_id');
        const leadEmail = text(body, 'lead_email');
        const ueType = number(body, 'ue_type');
        if (!campaignId || !leadEmail || (ueType !== 1 && ueType !== 2 && ueType !== 3 && ueType !== 4)) {
          throw new Error('campaign_id, lead_email and ue_type (1–4) are required');
        }
        const at = text(body, 'at');
        return {
          status: 200,
          body: state.recordEmail(campaignId, leadEmail, {
            ueType,
            subject: text(body, 'subject'),
            html: text(body, 'html'),
            step: number(body, 'step'),
            eaccount: text(body, 'eaccount'),
            ...(at ? { at: new Date(at) } : {}),
          }),
        };
      }),
    },
    {
      // {status}: any Instantly campaign status, including those only Instantly itself sets (-1, -2, -99, 3, 4).
      method: 'POST',
      pattern: `${INSTANTLY_SIM_CONTROL_PREFIX}/campaigns/:id/status`,
      handle: control((body, params) => {
        const status = number(body, 'status');
        if (status === undefined) throw new Error('status is required');
        return { status: 200, body: campaignJson(state.setCampaignStatus(params['id'] ?? '', status)) };
      }),
    },
  ];
}
