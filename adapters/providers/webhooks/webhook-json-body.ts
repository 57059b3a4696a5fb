import { MalformedWebhookError } from '../../../domain/webhooks/malformed-webhook-error.js';

export type WebhookPayload = Readonly<Record<string, unknown>>;

/** The body as a JSON object; anything else (invalid JSON, an array, a scalar) is malformed. */
export function webhookJsonObject(rawBody: Buffer): WebhookPayload {
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new MalformedWebhookError('it is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MalformedWebhookError(Array.isArray(value) ? 'it is an array' : `it is ${value === null ? 'null' : typeof value}`);
  }
  return value as WebhookPayload;
}

/** Like webhookJsonObject, but null instead of a throw: authentication must not fail on a bad body first. */
export function webhookJsonObjectOrNull(rawBody: Buffer): WebhookPayload | null {
  try {
    return webhookJsonObject(rawBody);
  } catch {
    return null;
  }
}
