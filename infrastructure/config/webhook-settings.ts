import { z } from 'zod';
import type { WebhookSecrets } from '../../application/webhooks/provider-webhook.port.js';
import type { WebhookProviderSlug } from '../../application/webhooks/receive-webhook.js';

const secret = z.string().min(16, 'must be at least 16 characters').optional();

/**
 * Secrets of the providers' shared webhook URLs (`/api/webhooks/{provider}`). Unset, the shared
 * URL of that provider refuses every delivery (401); the per-organization token URLs need none.
 */
export const WebhookEnvironmentSchema = z.object({
  SMARTLEAD_WEBHOOK_SIGNING_SECRET: secret.describe('HMAC-SHA256 key of X-Smartlead-Signature.'),
  SMARTLEAD_WEBHOOK_SECRET_KEY: secret.describe('The secret_key Smartlead echoes in each payload.'),
  INSTANTLY_WEBHOOK_SECRET: secret.describe('Sent back by Instantly in the custom header configured on the webhook.'),
  HEYREACH_WEBHOOK_SECRET: secret.describe('Sent back by HeyReach in the custom header configured on the webhook.'),
});

export type WebhookEnvironment = z.infer<typeof WebhookEnvironmentSchema>;

export type WebhookSettings = Readonly<Record<WebhookProviderSlug, WebhookSecrets>>;

export function webhookSettingsFrom(env: WebhookEnvironment): WebhookSettings {
  return {
    smartlead: { signingSecret: env.SMARTLEAD_WEBHOOK_SIGNING_SECRET ?? null, sharedSecret: env.SMARTLEAD_WEBHOOK_SECRET_KEY ?? null },
    instantly: { signingSecret: null, sharedSecret: env.INSTANTLY_WEBHOOK_SECRET ?? null },
    heyreach: { signingSecret: null, sharedSecret: env.HEYREACH_WEBHOOK_SECRET ?? null },
  };
}
