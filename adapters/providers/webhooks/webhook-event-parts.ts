import type { WebhookLeadReference } from '../../../application/webhooks/provider-webhook.port.js';

/** A lead reference only when at least one identifier is known: null means "no lead in this event". */
export function leadReference(email: string | null, externalId: string | null, profileUrl: string | null): WebhookLeadReference | null {
  if (email === null && externalId === null && profileUrl === null) return null;
  return { email, externalId, profileUrl };
}
