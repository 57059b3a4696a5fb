import { z } from 'zod';
import type { ProjectWebhookEvent } from '../../application/webhooks/project-webhook-event.js';
import { WEBHOOK_PROJECTION_QUEUE } from '../../application/webhooks/webhook-projection-queue.js';
import type { JobRegistration } from './job-registration.js';

/** An id only: the event itself is in `webhook_events`. */
const WebhookProjectionPayload = z.object({ eventId: z.uuid() });

/**
 * Projection retries with backoff; after the last attempt the event is dead-lettered with its
 * reason (on the event row, and a copy of the job in the dead-letter queue).
 */
export function webhookProjectionJob(
  projectWebhookEvent: ProjectWebhookEvent,
  settings: { readonly retryLimit: number; readonly retryDelaySeconds: number; readonly pollIntervalSeconds: number },
): JobRegistration {
  return {
    queue: WEBHOOK_PROJECTION_QUEUE,
    // Projections are short: a worker takes them 20 at a time and keeps fetching while they queue;
    // its own poll interval keeps an idle worker's pick-up (the bulk of ack → projection) short.
    options: { ...settings, retryBackoff: true, retryDelayMaxSeconds: 300, deadLetter: `${WEBHOOK_PROJECTION_QUEUE}-dead-letter`, batchSize: 20 },
    handler: async (payload, context) => {
      const { eventId } = WebhookProjectionPayload.parse(payload);
      await projectWebhookEvent.execute({ eventId, lastAttempt: context.lastAttempt });
    },
  };
}
