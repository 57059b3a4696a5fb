import type { SimRequest, SimResponse, SimRoute } from '../kit/simulator-server.js';
import type { SlidingWindowRule } from '../kit/sliding-window-limiter.js';
import type { WebhookDeliveryResult } from '../kit/webhook-delivery.js';
import { emailAccountView } from './smartlead-api-routes.js';
import type { SimMessage, SmartleadSeedEmailAccount, SmartleadSimulatorState } from './smartlead-simulator-state.js';
import { isSmartleadWebhookEvent, type SmartleadWebhookDetails, type SmartleadWebhookEvent } from './smartlead-webhook-payloads.js';

/*
 * Smartlead's own control routes under `/__sim/` (unauthenticated, unjournaled, like the kit's),
 * for a sandbox or another process: emit a webhook, make a campaign progress, seed an inbox,
 * change the rate limit.
 */

export const SMARTLEAD_PROGRESS_ACTIONS = ['sent', 'reply', 'open', 'click', 'bounce'] as const;
export type SmartleadProgressAction = (typeof SMARTLEAD_PROGRESS_ACTIONS)[number];

export interface SmartleadWebhookSent {
  readonly url: string;
  readonly eventType: SmartleadWebhookEvent;
  readonly body: Record<string, unknown>;
  readonly headers: Readonly<Record<string, string>>;
  readonly result: WebhookDeliveryResult;
}

/** What the control routes act on; the simulator provides it once constructed. */
export interface SmartleadControlTarget {
  readonly state: SmartleadSimulatorState;
  readonly webhookDeliveries: readonly SmartleadWebhookSent[];
  deliverWebhook(url: string, eventType: SmartleadWebhookEvent, details: SmartleadWebhookDetails): Promise<SmartleadWebhookSent>;
  progress(action: SmartleadProgressAction, campaignId: number, leadId: number, options: { readonly seqNumber?: number; readonly body?: string; readonly link?: string }): SimMessage;
  setRateLimit(rule: SlidingWindowRule | null): void;
}

/** Control calls come from scripts and curl, not always typed as JSON: a text body is parsed too. */
function jsonBody(request: SimRequest): Record<string, unknown> {
  const body = typeof request.body === 'string' ? (JSON.parse(request.body) as unknown) : request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function badRequest(message: string): SimResponse {
  return { status: 400, body: { message } };
}

function webhookDetailsOf(body: Record<string, unknown>): SmartleadWebhookDetails {
  const number = (key: string) => (body[key] === undefined || body[key] === null ? undefined : Number(body[key]));
  const details: Record<string, unknown> = {
    campaignId: number('campaign_id'),
    leadId: number('lead_id'),
    statsId: typeof body['stats_id'] === 'string' ? body['stats_id'] : undefined,
    link: typeof body['link'] === 'string' ? body['link'] : undefined,
    emailAccountId: number('email_account_id'),
    categoryId: number('category_id'),
    untrackedReply: typeof body['untracked_reply'] === 'object' && body['untracked_reply'] !== null ? body['untracked_reply'] : undefined,
  };
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as SmartleadWebhookDetails;
}

/** Failures of a control call (unknown campaign, lead without sends…) answer 400 with the reason. */
function guarded(handle: (request: SimRequest) => SimResponse | Promise<SimResponse>): SimRoute['handle'] {
  return async (request) => {
    try {
      return await handle(request);
    } catch (failure) {
      return badRequest((failure as Error).message);
    }
  };
}

export function smartleadControlRoutes(target: () => SmartleadControlTarget): SimRoute[] {
  return [
    {
      method: 'POST',
      pattern: '/__sim/webhooks',
      handle: guarded(async (request) => {
        const body = jsonBody(request);
        if (typeof body['url'] !== 'string' || !isSmartleadWebhookEvent(body['event_type'])) return badRequest('url and a known event_type are required');
        const sent = await target().deliverWebhook(body['url'], body['event_type'], webhookDetailsOf(body));
        return { status: 200, body: { status: sent.result.status, error: sent.result.error, payload: sent.body, headers: sent.headers } };
      }),
    },
    {
      method: 'GET',
      pattern: '/__sim/smartlead/webhooks',
      handle: () => ({ status: 200, body: target().webhookDeliveries }),
    },
    {
      method: 'POST',
      pattern: '/__sim/smartlead/rate-limit',
      handle: guarded((request) => {
        const body = jsonBody(request);
        const limit = body['limit'];
        const windowMs = body['window_ms'] ?? 60_000;
        if (limit === null || limit === undefined) target().setRateLimit(null);
        else if (Number.isInteger(limit) && (limit as number) > 0 && Number.isInteger(windowMs)) target().setRateLimit({ limit: limit as number, windowMs: windowMs as number });
        else return badRequest('limit (a positive integer, or null) and window_ms (an integer) expected');
        return { status: 204 };
      }),
    },
    {
      method: 'POST',
      pattern: '/__sim/smartlead/progress',
      handle: guarded((request) => {
        const body = jsonBody(request);
        const action = body['action'] as SmartleadProgressAction;
        if (!SMARTLEAD_PROGRESS_ACTIONS.includes(action)) return badRequest(`action must be one of ${SMARTLEAD_PROGRESS_ACTIONS.join(', ')}`);
        const message = target().progress(action, Number(body['campaign_id']), Number(body['lead_id']), {
          ...(body['seq_number'] === undefined ? {} : { seqNumber: Number(body['seq_number']) }),
          ...(typeof body['body'] === 'string' ? { body: body['body'] } : {}),
          ...(typeof body['link'] === 'string' ? { link: body['link'] } : {}),
        });
        return { status: 200, body: { type: message.type, message_id: message.messageId, stats_id: message.statsId, time: message.time.toISOString() } };
      }),
    },
    {
      method: 'POST',
      pattern: '/__sim/smartlead/email-accounts',
      handle: guarded((request) => {
        const seed = jsonBody(request);
        if (typeof seed['fromEmail'] !== 'string') return badRequest('fromEmail is required');
        return { status: 200, body: emailAccountView(target().state.addEmailAccount(seed as unknown as SmartleadSeedEmailAccount)) };
      }),
    },
  ];
}
