import { boundedReason } from '../shared/bounded-reason.js';
import type { SenderAccountStatus } from './sender-account.js';

/** Why a sync left an account inactive: the provider no longer lists it for the company. */
export const NOT_LISTED_REASON = 'no longer listed for this company at the last sync';

/** Why a sync stored a listed account as inactive: it cannot send (connection, pause, suspension). */
export const UNABLE_TO_SEND_REASON = 'reported unable to send at the last sync';

/** The reason a provider-reported account error leaves, with its own words when it gave any. */
export function accountErrorReason(error: string | null): string {
  const detail = error?.trim();
  return boundedReason(detail ? `connection error reported: ${detail}` : 'connection error reported');
}

/**
 * Whether an error reported at `reportedAt` says something newer than what is known of the
 * account. A sync reads the account's whole state; an error it already post-dates is either
 * fixed or already seen, and must not turn a healthy account inactive again. An error without a
 * time of its own counts from its arrival.
 */
export function reportedErrorIsNewer(account: { readonly statusObservedAt: Date }, reportedAt: Date): boolean {
  return reportedAt.getTime() > account.statusObservedAt.getTime();
}

/**
 * The reason a sync leaves on an account it lists: none once active. An account that was already
 * inactive for a reported error keeps that error's words, which say more than a sync can; one
 * that just turned inactive, or was inactive only for not being listed, takes the sync's.
 */
export function reasonAfterSync(
  previous: { readonly status: SenderAccountStatus; readonly statusReason: string | null } | undefined,
  listed: { readonly status: SenderAccountStatus; readonly reason: string | null },
): string | null {
  if (listed.status === 'active') return null;
  if (previous?.status === 'inactive' && previous.statusReason !== null && previous.statusReason !== NOT_LISTED_REASON) return previous.statusReason;
  return listed.reason;
}

/** What a sync stores for an account it lists: active when it can send, else inactive and why. */
export function statusOfListedAccount(active: boolean): { status: SenderAccountStatus; reason: string | null } {
  return active ? { status: 'active', reason: null } : { status: 'inactive', reason: UNABLE_TO_SEND_REASON };
}
