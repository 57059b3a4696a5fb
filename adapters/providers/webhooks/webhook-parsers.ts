import type { ProviderWebhookParser } from '../../../application/webhooks/provider-webhook.port.js';
import { HeyReachWebhookParser } from '../heyreach/heyreach-webhook-parser.js';
import { InstantlyWebhookParser } from '../instantly/instantly-webhook-parser.js';
import { SmartleadWebhookParser } from '../smartlead/smartlead-webhook-parser.js';

export type WebhookProviderSlug = 'smartlead' | 'instantly' | 'heyreach';

/** Parsers hold no state, so one instance per provider serves every delivery. */
const PARSERS: Readonly<Record<WebhookProviderSlug, ProviderWebhookParser>> = {
  smartlead: new SmartleadWebhookParser(),
  instantly: new InstantlyWebhookParser(),
  heyreach: new HeyReachWebhookParser(),
};

export function webhookParserFor(providerSlug: WebhookProviderSlug): ProviderWebhookParser {
  return PARSERS[providerSlug];
}
