import type { ProviderEmailMessage } from '../../../application/outreach/email-outreach-provider.port.js';
import type { InstantlyEmail } from './instantly.schemas.js';

/** `ue_type` values of an Instantly email (providers.md §4.2). */
const SENT_FROM_CAMPAIGN = 1;
const RECEIVED = 2;
const SENT_MANUALLY = 3;
const SCHEDULED = 4;

/**
 * An Instantly email as a message of the lead's thread, or null for one that was not sent yet
 * (`ue_type` 4, scheduled).
 *
 * - externalId is the email's `id`, not the SMTP `message_id`: webhooks carry the same `id` as
 *   `email_id`, so a message first seen by webhook and later by a refresh is one row.
 * - direction: `ue_type` 2 is inbound; 1 and 3 are outbound; an email without a known `ue_type`
 *   is inbound when it came from the lead's address.
 * - stepNumber: only campaign sends (`ue_type` 1) have one. Instantly types `step` as a string; a
 *   plain positive number is read as the 1-based step (as webhooks number it), anything else as
 *   unknown.
 * - body: the plain-text version when Instantly has one, else the HTML, else the preview.
 */
export function messageFromInstantly(email: InstantlyEmail, leadEmail: string): ProviderEmailMessage | null {
  if (email.ue_type === SCHEDULED) return null;
  return {
    externalId: email.id,
    direction: directionOf(email, leadEmail),
    sentAt: new Date(email.timestamp_email ?? email.timestamp_created ?? ''),
    subject: email.subject,
    body: email.body?.text ?? email.body?.html ?? email.content_preview,
    fromAddress: email.from_address_email,
    toAddress: email.to_address_email_list,
    stepNumber: email.ue_type === SENT_FROM_CAMPAIGN ? stepNumberOf(email.step) : null,
  };
}

function directionOf(email: InstantlyEmail, leadEmail: string): 'inbound' | 'outbound' {
  if (email.ue_type === RECEIVED) return 'inbound';
  if (email.ue_type === SENT_FROM_CAMPAIGN || email.ue_type === SENT_MANUALLY) return 'outbound';
  return email.from_address_email?.toLowerCase() === leadEmail.toLowerCase() ? 'inbound' : 'outbound';
}

function stepNumberOf(step: string | number | null | undefined): number | null {
  if (step === null || step === undefined) return null;
  const text = String(step).trim();
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= 1 ? value : null;
}

/** Oldest first; equal dates keep a stable order by id. */
export function compareMessages(a: ProviderEmailMessage, b: ProviderEmailMessage): number {
  return a.sentAt.getTime() - b.sentAt.getTime() || a.externalId.localeCompare(b.externalId);
}
