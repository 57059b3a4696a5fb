/** The background queue stored webhook events are projected on, and what a job carries (an id). */
export const WEBHOOK_PROJECTION_QUEUE = 'webhook-projection';

export type WebhookProjectionJobPayload = {
  readonly eventId: string;
};
