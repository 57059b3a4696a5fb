import { randomUUID } from 'node:crypto';
import { SimulatorServer, type SimRequest, type SimRoute } from '../kit/simulator-server.js';
import type { SlidingWindowRule } from '../kit/sliding-window-limiter.js';
import { deliverWebhook as postWebhook, type WebhookDeliveryResult } from '../kit/webhook-delivery.js';
import { bodyInteger, heyReachApiRoutes, HEYREACH_API_PREFIX, objectBody, refusalsAnswered } from './heyreach-api-routes.js';
import { isHeyReachWebhookEvent, playWebhookEvent, type HeyReachWebhookEvent, type WebhookDetails } from './heyreach-webhook-events.js';
import { HeyReachRefusal, HeyReachWorkspace, type HeyReachCampaignStatus, type SenderAccountSeed } from './heyreach-workspace.js';

/** The key the simulator accepts when no `apiKeys` are given. */
export const HEYREACH_SIMULATOR_DEFAULT_KEY = 'heyreach-simulator-key';

/** 300 requests per minute per key: HeyReach's documented limit (providers.md §3.1). */
export const HEYREACH_DOCUMENTED_RATE_LIMIT: SlidingWindowRule = Object.freeze({ limit: 300, windowMs: 60_000 });

/**
 * Control routes sit beside the kit's own control API: no key needed (simulators only listen on
 * loopback), and never journaled, rate limited or faulted.
 */
export const HEYREACH_CONTROL_PREFIX = '/__sim/heyreach';

const DEFAULT_SENDER_ACCOUNTS: readonly SenderAccountSeed[] = [
  { firstName: 'Sam', lastName: 'Ortiz', emailAddress: 'sam.ortiz@acme.example', profileUrl: 'https://www.linkedin.com/in/sam-ortiz-acme' },
  { firstName: 'Priya', lastName: 'Nair', emailAddress: 'priya.nair@acme.example', profileUrl: 'https://www.linkedin.com/in/priya-nair-acme' },
];

const CAMPAIGN_STATUSES: readonly HeyReachCampaignStatus[] = ['DRAFT', 'IN_PROGRESS', 'PAUSED', 'FINISHED', 'CANCELED', 'FAILED', 'STARTING', 'SCHEDULED'];

export interface HeyReachSimulatorOptions {
  /** Keys that authenticate (header `X-API-KEY`); all act on the one workspace. Default: the default key. */
  readonly apiKeys?: readonly string[];
  /** LinkedIn sender accounts present from the start. Default: two healthy accounts; `[]` for none. */
  readonly senderAccounts?: readonly SenderAccountSeed[];
  /** Per key; default HeyReach's 300/min; null for none. Changeable later with `server.setRateLimit`. */
  readonly rateLimit?: SlidingWindowRule | null;
  /** Time for creation times, messages, statistics and webhooks. Default: the system clock. */
  readonly clock?: () => Date;
}

export interface HeyReachWebhookDelivery {
  /** The body that was posted. */
  readonly payload: Record<string, unknown>;
  readonly result: WebhookDeliveryResult;
}

export interface HeyReachSimulator {
  readonly server: SimulatorServer;
  /** The simulated workspace, for tests to seed and inspect. */
  readonly workspace: HeyReachWorkspace;
  /** The base URL adapters are given (`<server>/api/public`); valid once listening. */
  apiBaseUrl(): string;
  /**
   * Plays an event on the workspace and posts HeyReach's payload for it to `url`, unsigned (HeyReach
   * signs nothing): JSON with no headers beyond the content type.
   */
  deliverWebhook(url: string, eventType: HeyReachWebhookEvent, details: WebhookDetails): Promise<HeyReachWebhookDelivery>;
}

/**
 * A stand-in for HeyReach's public API: the documented endpoints over one workspace with
 * realistic state (see docs/providers/heyreach.md, "Simulator"), plus HeyReach's auth failure,
 * rate limit, and the kit's fault injection and journal.
 */
export function createHeyReachSimulator(options: HeyReachSimulatorOptions = {}): HeyReachSimulator {
  const clock = options.clock ?? (() => new Date());
  const apiKeys = new Set(options.apiKeys ?? [HEYREACH_SIMULATOR_DEFAULT_KEY]);
  const workspace = new HeyReachWorkspace(clock);
  for (const seed of options.senderAccounts ?? DEFAULT_SENDER_ACCOUNTS) workspace.addSenderAccount(seed);

  const deliver = async (url: string, eventType: HeyReachWebhookEvent, details: WebhookDetails): Promise<HeyReachWebhookDelivery> => {
    const payload = playWebhookEvent(workspace, eventType, details, clock(), randomUUID());
    return { payload, result: await postWebhook({ url, body: payload }) };
  };

  const server = new SimulatorServer({
    name: 'heyreach',
    routes: heyReachApiRoutes(workspace),
    controlRoutes: controlRoutes(workspace, deliver),
    authenticate: (request) => authenticate(request, apiKeys),
    unauthorized: { status: 401, body: { errorMessage: 'Unauthorized. The X-API-KEY header is missing or the key is invalid.' } },
    notFound: { status: 404 },
    rateLimit: options.rateLimit === undefined ? HEYREACH_DOCUMENTED_RATE_LIMIT : (options.rateLimit ?? undefined),
    rateLimitedBody: (retryAfterSeconds) => ({ errorMessage: `Too many requests. Retry in ${retryAfterSeconds} seconds.` }),
  });

  return {
    server,
    workspace,
    apiBaseUrl: () => server.url + HEYREACH_API_PREFIX,
    deliverWebhook: deliver,
  };
}

/** Only `X-API-KEY` counts: a Bearer token (the old system's habit) authenticates nothing. */
function authenticate(request: SimRequest, apiKeys: ReadonlySet<string>): string | null {
  const key = request.headers['x-api-key'];
  return key !== undefined && apiKeys.has(key) ? key : null;
}

/**
 * For sandboxes and other processes: emit a webhook, record a message, force a campaign state,
 * add a sender account. Bodies are snake_case like HeyReach's webhooks.
 */
function controlRoutes(
  workspace: HeyReachWorkspace,
  deliver: (url: string, eventType: HeyReachWebhookEvent, details: WebhookDetails) => Promise<HeyReachWebhookDelivery>,
): SimRoute[] {
  return [
    {
      method: 'POST',
      pattern: `${HEYREACH_CONTROL_PREFIX}/webhooks`,
      handle: async (request) => {
        const body = objectBodyOrEmpty(request);
        const eventType = String(body['event_type'] ?? '').toUpperCase();
        if (typeof body['url'] !== 'string' || !isHeyReachWebhookEvent(eventType)) {
          return { status: 400, body: { errorMessage: 'url and a known event_type are required' } };
        }
        try {
          const delivery = await deliver(body['url'], eventType, detailsOf(body));
          return { status: 200, body: delivery };
        } catch (error) {
          if (error instanceof HeyReachRefusal) return { status: error.status, body: { errorMessage: error.message } };
          throw error;
        }
      },
    },
    {
      method: 'POST',
      pattern: `${HEYREACH_CONTROL_PREFIX}/messages`,
      handle: refusalsAnswered((request) => {
        const body = objectBody(request);
        const lead = String(body['lead'] ?? '');
        const profile = workspace.profileById(lead) ?? workspace.profileByUrl(lead);
        if (!profile) throw new HeyReachRefusal(404, 'Lead was not found.');
        const createdAt = typeof body['created_at'] === 'string' ? new Date(body['created_at']) : undefined;
        const { conversation, message } = workspace.recordMessage({
          campaignId: bodyInteger(body, 'campaign_id'),
          leadLinkedinId: profile.linkedinId,
          sender: body['sender'] === 'THEM' ? 'THEM' : 'ME',
          body: String(body['body'] ?? ''),
          isInMail: body['is_inmail'] === true,
          ...(createdAt && !Number.isNaN(createdAt.getTime()) ? { createdAt } : {}),
        });
        return { status: 201, body: { conversation_id: conversation.id, account_id: conversation.accountId, message } };
      }),
    },
    {
      method: 'POST',
      pattern: `${HEYREACH_CONTROL_PREFIX}/campaigns/:campaignId/status`,
      handle: refusalsAnswered((request, params) => {
        const status = objectBody(request)['status'];
        if (!CAMPAIGN_STATUSES.includes(status as HeyReachCampaignStatus)) return { status: 400, body: { errorMessage: `status must be one of ${CAMPAIGN_STATUSES.join(', ')}` } };
        workspace.campaign(Number(params['campaignId'])).status = status as HeyReachCampaignStatus;
        return { status: 204 };
      }),
    },
    {
      method: 'POST',
      pattern: `${HEYREACH_CONTROL_PREFIX}/sender-accounts`,
      handle: refusalsAnswered((request) => {
        const body = objectBody(request);
        const account = workspace.addSenderAccount({
          firstName: String(body['first_name'] ?? 'Sender'),
          lastName: String(body['last_name'] ?? String(workspace.senderAccounts.length + 1)),
          ...(typeof body['email_address'] === 'string' ? { emailAddress: body['email_address'] } : {}),
          ...(typeof body['profile_url'] === 'string' ? { profileUrl: body['profile_url'] } : {}),
          ...(typeof body['is_active'] === 'boolean' ? { isActive: body['is_active'] } : {}),
          ...(typeof body['auth_is_valid'] === 'boolean' ? { authIsValid: body['auth_is_valid'] } : {}),
        });
        return { status: 201, body: account };
      }),
    },
  ];
}

function objectBodyOrEmpty(request: SimRequest): Record<string, unknown> {
  return request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as Record<string, unknown>) : {};
}

function detailsOf(body: Record<string, unknown>): WebhookDetails {
  return {
    campaignId: Number(body['campaign_id']),
    lead: String(body['lead'] ?? ''),
    ...(typeof body['message'] === 'string' ? { message: body['message'] } : {}),
    ...(typeof body['is_inmail'] === 'boolean' ? { isInMail: body['is_inmail'] } : {}),
    ...(Array.isArray(body['tags']) ? { tags: body['tags'].map(String) } : {}),
    ...(typeof body['post_url'] === 'string' ? { postUrl: body['post_url'] } : {}),
  };
}
