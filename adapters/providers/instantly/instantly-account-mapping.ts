import type { SendingAccount } from '../../../application/outreach/email-outreach-provider.port.js';
import type { InstantlyAccount } from './instantly.schemas.js';

/**
 * An Instantly email account as a sending account. Instantly keys accounts by their address (there
 * is no other id), so the address is the external id. Only `status` 1 can send; 2 Paused,
 * 3 maintenance and the negative error states cannot. `warmup_status` 1 is warm-up running; 0
 * paused and the negative ban/spam/suspension states are not; absent means unknown.
 */
export function sendingAccountFromInstantly(account: InstantlyAccount): SendingAccount {
  const displayName = [account.first_name, account.last_name].filter((part) => part !== null).join(' ');
  return {
    externalId: account.email,
    email: account.email,
    displayName: displayName === '' ? null : displayName,
    active: account.status === 1,
    warmupEnabled: account.warmup_status === null || account.warmup_status === undefined ? null : account.warmup_status === 1,
  };
}
