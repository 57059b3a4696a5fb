import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { BackgroundJobs } from '../shared/background-jobs.port.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { ReplayedWebhookEvent, WebhookEventQueries, WebhookReplaySelector } from './webhook-event.queries.js';
import { WEBHOOK_PROJECTION_QUEUE, type WebhookProjectionJobPayload } from './webhook-projection-queue.js';

export interface WebhookReplayResult {
  readonly eventKey: string;
  readonly status: 'replayed' | 'not_found';
  readonly eventType: string | null;
}

export interface WebhookReplayOutcome {
  /** Events the selector matched and put back in the projection queue. */
  readonly replayed: readonly ReplayedWebhookEvent[];
  /** Per requested key (for key selectors), in request order; per event for a query. */
  readonly results: readonly WebhookReplayResult[];
}

/**
 * A super-admin replays stored events: one, several by key, the dead letters, or a query. Each is
 * put back to `received` and its projection job enqueued in the same transaction. Replaying is
 * idempotent: projection upserts messages by provider id, never moves a lead backwards, and
 * suppresses an address once, so a second replay changes nothing more than the first.
 */
export class ReplayWebhookEvents {
  constructor(
    private readonly events: WebhookEventQueries,
    private readonly jobs: BackgroundJobs,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  execute(command: { readonly context: RequestContext; readonly selector: WebhookReplaySelector }): Promise<WebhookReplayOutcome> {
    return this.audited.run(
      { context: command.context, action: 'webhook.replay', targetType: 'webhook_event', targetId: null, orgId: null },
      async () => {
        const replayed = await this.events.markForReplay(command.selector, this.clock.now());
        for (const event of replayed) {
          const payload: WebhookProjectionJobPayload = { eventId: event.id };
          await this.jobs.enqueue(WEBHOOK_PROJECTION_QUEUE, payload);
        }
        return { replayed, results: resultsOf(command.selector, replayed) };
      },
      ({ replayed }) => ({ selector: command.selector.kind, replayed: replayed.length }),
    );
  }
}

function resultsOf(selector: WebhookReplaySelector, replayed: readonly ReplayedWebhookEvent[]): WebhookReplayResult[] {
  if (selector.kind === 'query') return replayed.map((event) => ({ eventKey: event.eventKey, status: 'replayed', eventType: event.providerEventType }));
  const byKey = new Map(replayed.map((event) => [event.eventKey, event]));
  return [...new Set(selector.eventKeys)].map((eventKey) => {
    const found = byKey.get(eventKey);
    return found ? { eventKey, status: 'replayed', eventType: found.providerEventType } : { eventKey, status: 'not_found', eventType: null };
  });
}
