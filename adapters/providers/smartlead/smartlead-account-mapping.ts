import type { SendingAccount } from '../../../application/outreach/email-outreach-provider.port.js';
import type { SmartleadEmailAccount } from './smartlead.schemas.js';

/**
 * A sending inbox is usable when Smartlead can both send (SMTP) and read replies (IMAP) through
 * it. Warm-up is on when its status is ACTIVE; an account without warm-up details says nothing.
 */
export function sendingAccountFromSmartlead(account: SmartleadEmailAccount): SendingAccount {
  const warmupStatus = account.warmup_details?.status;
  return {
    externalId: account.id,
    email: account.from_email,
    displayName: account.from_name,
    active: account.is_smtp_success === true && account.is_imap_success === true,
    warmupEnabled: warmupStatus === null || warmupStatus === undefined ? null : warmupStatus.trim().toUpperCase() === 'ACTIVE',
  };
}

/**
 * Whether an account (or a campaign) belongs to the connection's client. The request already
 * filters by `client_id`; this second look keeps another client's objects out should a response
 * ignore the filter. An object whose response omits `client_id` is left to the server-side filter.
 */
export function belongsToClient(item: { readonly client_id?: string | null | undefined }, clientId: string | null): boolean {
  if (clientId === null || item.client_id === undefined) return true;
  return item.client_id === clientId;
}
