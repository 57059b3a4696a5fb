import type { ProviderEmailMessage } from '../../../application/outreach/email-outreach-provider.port.js';
import type { SmartleadHistoryMessage } from './smartlead.schemas.js';

const DIRECTIONS: Readonly<Record<string, ProviderEmailMessage['direction']>> = {
  SENT: 'outbound',
  REPLY: 'inbound',
};

export type MessageMapping =
  | { readonly kind: 'message'; readonly message: ProviderEmailMessage }
  /** A history entry of a kind the engine does not track (neither SENT nor REPLY). */
  | { readonly kind: 'ignored' }
  /** An entry that cannot be stored: no usable id or time. */
  | { readonly kind: 'unusable' };

/**
 * One entry of a lead's message history. Messages are upserted by `externalId`, so it must be
 * stable: the RFC `message_id`, else Smartlead's `stats_id` (one per sent email). Only sequence
 * sends carry a step number; a manual reply from the inbox shows as SENT with a null
 * `email_seq_number`, and a lead's reply has none.
 */
export function messageFromSmartlead(entry: SmartleadHistoryMessage): MessageMapping {
  const direction = DIRECTIONS[entry.type.trim().toUpperCase()];
  if (!direction) return { kind: 'ignored' };
  const externalId = entry.message_id ?? entry.stats_id;
  const sentAt = new Date(entry.time);
  if (externalId === null || Number.isNaN(sentAt.getTime())) return { kind: 'unusable' };
  return {
    kind: 'message',
    message: {
      externalId,
      direction,
      sentAt,
      subject: entry.subject,
      body: entry.email_body,
      fromAddress: entry.from,
      toAddress: entry.to,
      stepNumber: direction === 'outbound' ? entry.email_seq_number : null,
    },
  };
}

/** Oldest first, as the port promises; Smartlead's order is not documented. */
export function oldestFirst(messages: readonly ProviderEmailMessage[]): ProviderEmailMessage[] {
  return [...messages].sort((left, right) => left.sentAt.getTime() - right.sentAt.getTime());
}
