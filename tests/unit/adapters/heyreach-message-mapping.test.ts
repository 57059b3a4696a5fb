import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { heyReachMessageId, messageFromChatroom, threadOf } from '../../../adapters/providers/heyreach/heyreach-message-mapping.js';
import { chatroomMessageSchema, type HeyReachChatroomMessage } from '../../../adapters/providers/heyreach/heyreach.schemas.js';

const CONVERSATION = '2-OTE3NWQ0ZjItZjVmYS00ZDk2LWE3YjEtMDBlNGM5ZjE2YTJiXzAxMw==';

function message(overrides: Partial<{ createdAt: string; body: string | null; isInMail: boolean | null; sender: string }> = {}): HeyReachChatroomMessage {
  return chatroomMessageSchema.parse({ createdAt: '2025-11-19T08:47:03.377Z', body: 'Ping me in January?', isInMail: false, sender: 'THEM', ...overrides });
}

describe('HeyReach chatroom message → engine message', () => {
  it('maps direction, time, text and channel', () => {
    expect(messageFromChatroom(CONVERSATION, message({ sender: 'ME', isInMail: true, body: 'Hi Dana' }))).toEqual({
      externalId: expect.stringMatching(/^hr-msg-[0-9a-f]{64}$/),
      direction: 'outbound',
      sentAt: new Date('2025-11-19T08:47:03.377Z'),
      body: 'Hi Dana',
      isInMail: true,
    });
    expect(messageFromChatroom(CONVERSATION, message()).direction).toBe('inbound');
  });

  it('reads an instant without zone as UTC, a missing body as empty and a missing InMail flag as false', () => {
    const parsed = message({ createdAt: '2025-11-19T08:47:03.377', body: null, isInMail: null, sender: 'me' });

    expect(parsed).toEqual({ createdAt: new Date('2025-11-19T08:47:03.377Z'), body: '', isInMail: false, sender: 'ME' });
  });

  it.each([
    ['an unknown sender', { sender: 'BOT' }],
    ['a time that is no instant', { createdAt: 'yesterday' }],
  ])('refuses %s', (_label, overrides) => {
    expect(chatroomMessageSchema.safeParse({ createdAt: '2025-11-19T08:47:03.377Z', body: 'x', isInMail: false, sender: 'ME', ...overrides }).success).toBe(false);
  });

  it('derives the same id for the same message however its instant is written', () => {
    expect(heyReachMessageId(CONVERSATION, message({ createdAt: '2025-11-19T09:47:03.377+01:00' }))).toBe(heyReachMessageId(CONVERSATION, message()));
  });

  it('derives different ids when conversation, time, side or text differ', () => {
    const base = heyReachMessageId(CONVERSATION, message());
    const variants = [
      heyReachMessageId(`${CONVERSATION}x`, message()),
      heyReachMessageId(CONVERSATION, message({ createdAt: '2025-11-19T08:47:03.378Z' })),
      heyReachMessageId(CONVERSATION, message({ sender: 'ME' })),
      heyReachMessageId(CONVERSATION, message({ body: 'Ping me in February?' })),
    ];
    expect(new Set([base, ...variants]).size).toBe(5);
  });

  it('never collides by moving text from the conversation id into the body', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 1 }), (conversation, body, moved) => {
        expect(heyReachMessageId(conversation, message({ body: `${moved}${body}` }))).not.toBe(heyReachMessageId(`${conversation}${moved}`, message({ body })));
      }),
    );
  });

  it('orders a thread oldest first and keeps one copy of a message read twice', () => {
    const later = messageFromChatroom(CONVERSATION, message({ createdAt: '2025-11-19T09:00:00Z', sender: 'ME', body: 'Will do' }));
    const earlier = messageFromChatroom(CONVERSATION, message());

    expect(threadOf([later, earlier, later])).toEqual([earlier, later]);
  });
});
