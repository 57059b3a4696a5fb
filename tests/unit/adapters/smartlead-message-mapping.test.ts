import { describe, expect, it } from 'vitest';
import { SmartleadEmailAccount, SmartleadHistoryMessage } from '../../../adapters/providers/smartlead/smartlead.schemas.js';
import { belongsToClient, sendingAccountFromSmartlead } from '../../../adapters/providers/smartlead/smartlead-account-mapping.js';
import { messageFromSmartlead, oldestFirst } from '../../../adapters/providers/smartlead/smartlead-message-mapping.js';

function entry(fields: Record<string, unknown>) {
  return SmartleadHistoryMessage.parse({
    type: 'SENT',
    time: '2026-11-18T14:02:07.000Z',
    message_id: '<a91f@mail.acme.example>',
    stats_id: '8d0e0f3a-2b6c-4f51-9e2a-7c1d5b9e0a33',
    from: 'sam@acme.example',
    to: 'dana@northwind.example',
    subject: 'Close',
    email_body: '<p>Hi</p>',
    email_seq_number: '2',
    ...fields,
  });
}

describe('messageFromSmartlead', () => {
  it('reads a sequence send as outbound with its step number (sent as a string)', () => {
    expect(messageFromSmartlead(entry({}))).toEqual({
      kind: 'message',
      message: {
        externalId: '<a91f@mail.acme.example>',
        direction: 'outbound',
        sentAt: new Date('2026-11-18T14:02:07.000Z'),
        subject: 'Close',
        body: '<p>Hi</p>',
        fromAddress: 'sam@acme.example',
        toAddress: 'dana@northwind.example',
        stepNumber: 2,
      },
    });
  });

  it('reads a REPLY as inbound without a step, and a manual send (null step) as outbound without one', () => {
    const reply = messageFromSmartlead(entry({ type: 'REPLY', message_id: '<CAJZ@mail.gmail.com>', from: 'dana@northwind.example', to: 'sam@acme.example' }));
    expect(reply).toMatchObject({ kind: 'message', message: { direction: 'inbound', stepNumber: null, fromAddress: 'dana@northwind.example' } });
    expect(messageFromSmartlead(entry({ email_seq_number: null }))).toMatchObject({ message: { direction: 'outbound', stepNumber: null } });
  });

  it('falls back to stats_id when message_id is missing', () => {
    expect(messageFromSmartlead(entry({ message_id: null }))).toMatchObject({ message: { externalId: '8d0e0f3a-2b6c-4f51-9e2a-7c1d5b9e0a33' } });
  });

  it('ignores entry types it does not track and flags entries it cannot store', () => {
    expect(messageFromSmartlead(entry({ type: 'OPEN' }))).toEqual({ kind: 'ignored' });
    expect(messageFromSmartlead(entry({ message_id: '', stats_id: null }))).toEqual({ kind: 'unusable' });
    expect(messageFromSmartlead(entry({ time: 'yesterday' }))).toEqual({ kind: 'unusable' });
  });

  it('orders a thread oldest first', () => {
    const late = messageFromSmartlead(entry({ time: '2026-11-20T00:00:00Z', message_id: '<late>' }));
    const early = messageFromSmartlead(entry({ time: '2026-11-18T00:00:00Z', message_id: '<early>' }));
    if (late.kind !== 'message' || early.kind !== 'message') throw new Error('both entries map to messages');
    expect(oldestFirst([late.message, early.message]).map((message) => message.externalId)).toEqual(['<early>', '<late>']);
  });
});

describe('sendingAccountFromSmartlead', () => {
  const account = (fields: Record<string, unknown>) =>
    SmartleadEmailAccount.parse({ id: 90211, from_email: 'sam@acme.example', from_name: 'Sam', is_smtp_success: true, is_imap_success: true, client_id: 31204, warmup_details: { status: 'ACTIVE' }, ...fields });

  it('is active only when SMTP and IMAP both work', () => {
    expect(sendingAccountFromSmartlead(account({}))).toEqual({ externalId: '90211', email: 'sam@acme.example', displayName: 'Sam', active: true, warmupEnabled: true });
    expect(sendingAccountFromSmartlead(account({ is_imap_success: false })).active).toBe(false);
    expect(sendingAccountFromSmartlead(account({ is_smtp_success: null })).active).toBe(false);
  });

  it('reads warm-up from warmup_details.status, and null when Smartlead says nothing', () => {
    expect(sendingAccountFromSmartlead(account({ warmup_details: { status: 'INACTIVE' } })).warmupEnabled).toBe(false);
    expect(sendingAccountFromSmartlead(account({ warmup_details: null })).warmupEnabled).toBeNull();
    expect(sendingAccountFromSmartlead(account({ from_name: '' })).displayName).toBeNull();
  });

  it("keeps another client's inbox out even if the server ignored the client filter", () => {
    expect(belongsToClient(account({}), '31204')).toBe(true);
    expect(belongsToClient(account({ client_id: 31205 }), '31204')).toBe(false);
    expect(belongsToClient(account({ client_id: null }), '31204')).toBe(false);
    expect(belongsToClient(account({ client_id: undefined }), '31204')).toBe(true);
    expect(belongsToClient(account({ client_id: 31205 }), null)).toBe(true);
  });
});
