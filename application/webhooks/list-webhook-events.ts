import { WebhookEventNotFoundError } from '../../domain/webhooks/webhook-errors.js';
import type { OffsetPage, WebhookEventDetail, WebhookEventFilter, WebhookEventQueries, WebhookEventSummary } from './webhook-event.queries.js';

/** Stored webhook events across organizations, newest first, for super-admins; never payloads. */
export class ListWebhookEvents {
  constructor(private readonly events: WebhookEventQueries) {}

  execute(query: { readonly filter: WebhookEventFilter; readonly page: OffsetPage }): Promise<WebhookEventSummary[]> {
    return this.events.list(query.filter, query.page);
  }
}

/** One dead letter with its payload, for deciding whether to replay it. */
export class GetDeadLetter {
  constructor(private readonly events: WebhookEventQueries) {}

  async execute(query: { readonly eventKey: string; readonly providerSlug?: string | undefined }): Promise<WebhookEventDetail> {
    const found = await this.events.findDeadLetter(query.eventKey, query.providerSlug);
    if (!found) throw new WebhookEventNotFoundError();
    return found;
  }
}
