import { createHash } from 'node:crypto';
import type { ProviderLinkedInMessage } from '../../../application/outreach/linkedin-outreach-provider.port.js';
import type { HeyReachChatroomMessage } from './heyreach.schemas.js';

/**
 * HeyReach messages have no id. The engine upserts messages by `externalId`, so one is derived
 * from what identifies a message and never changes on a later read: the conversation, the
 * instant (normalised to ISO so formatting differences do not matter), the sender side and the
 * text. Two reads of one thread therefore give the same ids; the fields are joined with a
 * separator that cannot occur in the ISO instant or the side, so no two messages collide by
 * shifting text between fields.
 */
export function heyReachMessageId(conversationId: string, message: HeyReachChatroomMessage): string {
  const digest = createHash('sha256')
    .update([conversationId, message.createdAt.toISOString(), message.sender, message.body].join('\u0000'), 'utf8')
    .digest('hex');
  return `hr-msg-${digest}`;
}

export function messageFromChatroom(conversationId: string, message: HeyReachChatroomMessage): ProviderLinkedInMessage {
  return {
    externalId: heyReachMessageId(conversationId, message),
    direction: message.sender === 'ME' ? 'outbound' : 'inbound',
    sentAt: message.createdAt,
    body: message.body,
    isInMail: message.isInMail,
  };
}

/** One thread per lead, oldest first; a message seen in two conversations' reads counts once. */
export function threadOf(messages: readonly ProviderLinkedInMessage[]): ProviderLinkedInMessage[] {
  const unique = new Map<string, ProviderLinkedInMessage>();
  for (const message of messages) if (!unique.has(message.externalId)) unique.set(message.externalId, message);
  return [...unique.values()].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || a.externalId.localeCompare(b.externalId));
}
