import { createHmac, randomUUID } from 'node:crypto';
import { SimulatorServer, type SimRequest, type SimulatorOptions } from '../kit/simulator-server.js';
import type { SlidingWindowRule } from '../kit/sliding-window-limiter.js';
import { deliverWebhook } from '../kit/webhook-delivery.js';
import { smartleadApiRoutes, SMARTLEAD_API_PREFIX } from './smartlead-api-routes.js';
import { smartleadControlRoutes, type SmartleadControlTarget, type SmartleadProgressAction, type SmartleadWebhookSent } from './smartlead-control-routes.js';
import { SmartleadSimulatorState, type SimMessage, type SmartleadSeedClient, type SmartleadSeedEmailAccount } from './smartlead-simulator-state.js';
import { SmartleadWebhookPayloads, type SmartleadWebhookDetails, type SmartleadWebhookEvent } from './smartlead-webhook-payloads.js';

export type { SmartleadProgressAction, SmartleadWebhookSent } from './smartlead-control-routes.js';

export const DEFAULT_SMARTLEAD_API_KEY = 'sim-smartlead-api-key';

/** SL-DOCS' standard plan: 60 requests per minute per API key, all endpoints together. */
export const SMARTLEAD_DEFAULT_RATE_LIMIT: SlidingWindowRule = { limit: 60, windowMs: 60_000 };

export interface SmartleadSimulatorOptions {
  /** The valid API keys, one Smartlead user each (default: DEFAULT_SMARTLEAD_API_KEY). */
  readonly apiKeys?: readonly string[];
  /** Agency clients; a client named by a seeded inbox is created on the fly. */
  readonly clients?: readonly SmartleadSeedClient[];
  /** Sending inboxes to start with (more via `state.addEmailAccount`). */
  readonly emailAccounts?: readonly SmartleadSeedEmailAccount[];
  /** Per API key; null: unlimited. Default SMARTLEAD_DEFAULT_RATE_LIMIT. Change later with `setRateLimit`. */
  readonly rateLimit?: SlidingWindowRule | null;
  /** Global block list: addresses or `@domain`s. */
  readonly blockList?: readonly string[];
  /** Community bounce list: addresses. */
  readonly bounceList?: readonly string[];
  /** Plan lead limit per user; default unlimited. */
  readonly leadLimit?: number | null;
  readonly webhook?: {
    readonly id?: number;
    readonly name?: string;
    /** The `secret_key` in every webhook body. */
    readonly secretKey?: string;
    /** When set, deliveries also carry `X-Smartlead-Signature: sha256=<HMAC-SHA256 hex of the body>` (the newer docs' scheme). */
    readonly signingSecret?: string | null;
  };
  readonly now?: () => Date;
}

/**
 * Smartlead as the tests and the sandbox see it: the kit's server (auth, rate limit, faults,
 * journal) around the API routes, plus the state, a way to make campaigns progress, and webhook
 * emission. `apiUrl` is what the adapter takes as its base URL.
 */
export class SmartleadSimulator extends SimulatorServer implements SmartleadControlTarget {
  readonly webhookDeliveries: SmartleadWebhookSent[] = [];

  constructor(
    readonly state: SmartleadSimulatorState,
    serverOptions: SimulatorOptions,
    private readonly payloads: SmartleadWebhookPayloads,
    private readonly signingSecret: string | null,
  ) {
    super(serverOptions);
  }

  /** The API root including `/api/v1`, as `SMARTLEAD_BASE_URL` would name the real one. */
  get apiUrl(): string {
    return `${this.url}${SMARTLEAD_API_PREFIX}`;
  }

  /** Builds the event's payload from the current state and posts it to `url`, signed when configured. */
  async deliverWebhook(url: string, eventType: SmartleadWebhookEvent, details: SmartleadWebhookDetails = {}): Promise<SmartleadWebhookSent> {
    const body = this.payloads.build(url, eventType, details);
    if (eventType === 'LEAD_CATEGORY_UPDATED' && details.campaignId !== undefined && details.leadId !== undefined) {
      this.state.requireCampaignLead(this.state.campaign(details.campaignId), details.leadId).categoryId = details.categoryId ?? null;
    }
    const headers: Record<string, string> = {};
    if (this.signingSecret !== null) {
      // The kit serialises with JSON.stringify too, so this is the exact body the receiver reads.
      headers['x-smartlead-signature'] = `sha256=${createHmac('sha256', this.signingSecret).update(JSON.stringify(body), 'utf8').digest('hex')}`;
      headers['x-request-id'] = randomUUID();
      headers['x-webhook-level'] = eventType === 'EMAIL_ACCOUNT_DISCONNECTED' || eventType === 'UNTRACKED_REPLIES' ? 'user' : 'campaign';
    }
    const result = await deliverWebhook({ url, body, headers });
    const sent: SmartleadWebhookSent = { url, eventType, body, headers, result };
    this.webhookDeliveries.push(sent);
    return sent;
  }

  /** What the platform does over days — send, get a reply, an open, a click, a bounce — now. */
  progress(action: SmartleadProgressAction, campaignId: number, leadId: number, options: { readonly seqNumber?: number; readonly body?: string; readonly link?: string } = {}): SimMessage {
    switch (action) {
      case 'sent':
        return this.state.recordSent(campaignId, leadId, options.seqNumber === undefined ? {} : { seqNumber: options.seqNumber });
      case 'reply':
        return this.state.recordReply(campaignId, leadId, options.body === undefined ? {} : { body: options.body });
      case 'open':
        return this.state.recordOpen(campaignId, leadId);
      case 'click':
        return this.state.recordClick(campaignId, leadId, options.link);
      case 'bounce':
        return this.state.recordBounce(campaignId, leadId);
    }
  }
}

/** Smartlead authenticates by the `api_key` query parameter only; a key in a header is not a key. */
function apiKeyOf(keys: ReadonlySet<string>): (request: SimRequest) => string | null {
  return (request) => {
    const key = request.query.get('api_key');
    return key !== null && keys.has(key) ? key : null;
  };
}

export function createSmartleadSimulator(options: SmartleadSimulatorOptions = {}): SmartleadSimulator {
  const apiKeys = options.apiKeys ?? [DEFAULT_SMARTLEAD_API_KEY];
  const state = new SmartleadSimulatorState({
    apiKeys,
    clients: options.clients ?? [],
    emailAccounts: options.emailAccounts ?? [],
    blockList: options.blockList ?? [],
    bounceList: options.bounceList ?? [],
    leadLimit: options.leadLimit ?? null,
    now: options.now ?? (() => new Date()),
  });
  const rateLimit = options.rateLimit === undefined ? SMARTLEAD_DEFAULT_RATE_LIMIT : options.rateLimit;
  // The control routes act on the simulator they are part of, which exists only once constructed.
  let simulator: SmartleadSimulator | null = null;
  const serverOptions: SimulatorOptions = {
    name: 'smartlead',
    routes: smartleadApiRoutes(state),
    authenticate: apiKeyOf(new Set(apiKeys)),
    unauthorized: { status: 401, body: { message: 'Invalid API Key' } },
    notFound: { status: 404, body: { error: 'Not Found' } },
    ...(rateLimit === null ? {} : { rateLimit }),
    rateLimitedBody: (retryAfterSeconds) => ({
      error: { code: 'RATE_LIMIT_EXCEEDED', message: `Rate limit exceeded. Please retry after ${retryAfterSeconds} seconds.`, retry_after: retryAfterSeconds },
    }),
    controlRoutes: smartleadControlRoutes(() => {
      if (!simulator) throw new Error('the Smartlead simulator is still being constructed');
      return simulator;
    }),
  };
  const payloads = new SmartleadWebhookPayloads(state, {
    id: options.webhook?.id ?? 4821,
    name: options.webhook?.name ?? 'engine-sim-campaign-hook',
    secretKey: options.webhook?.secretKey ?? randomUUID(),
    createdAt: state.now(),
  });
  simulator = new SmartleadSimulator(state, serverOptions, payloads, options.webhook?.signingSecret ?? null);
  return simulator;
}
