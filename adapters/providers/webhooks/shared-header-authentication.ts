import type { WebhookAuthentication, WebhookDelivery, WebhookSecrets } from '../../../application/webhooks/provider-webhook.port.js';
import { constantTimeEquals } from './constant-time-equals.js';

/**
 * Headers that may carry the shared secret of an unsigned provider, in order of preference.
 * The provider adds them because we registered them as custom headers on the subscription
 * (Instantly's `headers` object); `x-shared-secret` is the name the provider's own docs use.
 */
export const SHARED_SECRET_HEADERS = ['x-webhook-secret', 'x-shared-secret'] as const;

/** For providers that sign nothing: the configured shared secret, echoed in a header. */
export function authenticateBySharedHeader(delivery: WebhookDelivery, secrets: WebhookSecrets): WebhookAuthentication {
  if (!secrets.sharedSecret) return { ok: false, reason: 'missing' };
  const presented = SHARED_SECRET_HEADERS.map((name) => delivery.headers[name]).find((value) => value !== undefined && value !== '');
  if (presented === undefined) return { ok: false, reason: 'missing' };
  return constantTimeEquals(presented.trim(), secrets.sharedSecret) ? { ok: true, method: 'shared_header' } : { ok: false, reason: 'mismatch' };
}
