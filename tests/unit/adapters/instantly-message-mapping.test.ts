import { describe, expect, it } from 'vitest';
import { compareMessages, messageFromInstantly } from '../../../adapters/providers/instantly/instantly-message-mapping.js';
import { statisticsFromInstantly } from '../../../adapters/providers/instantly/instantly-statistics-mapping.js';
import { instantlyCampaignAnalyticsSchema, instantlyEmailSchema, type InstantlyEmail } from '../../../adapters/providers/instantly/instantly.schemas.js';

const LEAD = 'dana@northwind.io';

function email(overrides: Record<string, unknown>): InstantlyEmail {
  return instantlyEmailSchema.parse({
    id: '019a3f10-6c2d-7e55-a1b3-8f0d4c2e9a71',
    message_id: '<abc@mail.gmail.com>',
    timestamp_email: '2025-11-18T14:02:07.412Z',
    timestamp_created: '2025-11-18T14:02:09.000Z',
    subject: 'Quick question',
    from_address_email: 'sam@acme.io',
    to_address_email_list: LEAD,
    body: { text: 'Hi Dana', html: '<div>Hi Dana</div>' },
    ue_type: 1,
    step: '1',
    ...overrides,
  });
}

describe('an Instantly email as a thread message', () => {
  it('maps a campaign send, keyed by the email id (the webhook email_id), not the SMTP message id', () => {
    expect(messageFromInstantly(email({}), LEAD)).toEqual({
      externalId: '019a3f10-6c2d-7e55-a1b3-8f0d4c2e9a71',
      direction: 'outbound',
      sentAt: new Date('2025-11-18T14:02:07.412Z'),
      subject: 'Quick question',
      body: 'Hi Dana',
      fromAddress: 'sam@acme.io',
      toAddress: LEAD,
      stepNumber: 1,
    });
  });

  it.each([
    [1, 'outbound'],
    [2, 'inbound'],
    [3, 'outbound'],
  ] as const)('reads ue_type %d as %s', (ueType, direction) => {
    expect(messageFromInstantly(email({ ue_type: ueType }), LEAD)?.direction).toBe(direction);
  });

  it('skips a scheduled email (ue_type 4): it was not sent', () => {
    expect(messageFromInstantly(email({ ue_type: 4 }), LEAD)).toBeNull();
  });

  it('reads an email without ue_type as inbound when it came from the lead', () => {
    expect(messageFromInstantly(email({ ue_type: null, from_address_email: 'Dana@Northwind.io' }), LEAD)?.direction).toBe('inbound');
    expect(messageFromInstantly(email({ ue_type: null }), LEAD)?.direction).toBe('outbound');
  });

  it('gives a step number only to campaign sends, and only when the step reads as one', () => {
    expect(messageFromInstantly(email({ step: 3 }), LEAD)?.stepNumber).toBe(3);
    expect(messageFromInstantly(email({ step: 'step-123' }), LEAD)?.stepNumber).toBeNull();
    expect(messageFromInstantly(email({ step: '0' }), LEAD)?.stepNumber).toBeNull();
    expect(messageFromInstantly(email({ ue_type: 2, step: '2' }), LEAD)?.stepNumber).toBeNull();
    expect(messageFromInstantly(email({ ue_type: 3, step: '2' }), LEAD)?.stepNumber).toBeNull();
  });

  it('prefers the text body, then the HTML, then the preview', () => {
    expect(messageFromInstantly(email({ body: { html: '<p>Only html</p>' } }), LEAD)?.body).toBe('<p>Only html</p>');
    expect(messageFromInstantly(email({ body: null, content_preview: 'Preview' }), LEAD)?.body).toBe('Preview');
  });

  it('dates an email by when it was sent, else when Instantly stored it', () => {
    expect(messageFromInstantly(email({ timestamp_email: null }), LEAD)?.sentAt).toEqual(new Date('2025-11-18T14:02:09.000Z'));
  });

  it('refuses an email without a readable date', () => {
    expect(instantlyEmailSchema.safeParse({ id: 'e', timestamp_email: 'yesterday', ue_type: 1 }).success).toBe(false);
    expect(instantlyEmailSchema.safeParse({ id: 'e', ue_type: 1 }).success).toBe(false);
  });

  it('orders oldest first, ties by id', () => {
    const later = messageFromInstantly(email({ id: 'a', timestamp_email: '2025-11-19T00:00:00Z' }), LEAD)!;
    const earlier = messageFromInstantly(email({ id: 'b', timestamp_email: '2025-11-18T00:00:00Z' }), LEAD)!;
    const tie = messageFromInstantly(email({ id: 'c', timestamp_email: '2025-11-18T00:00:00Z' }), LEAD)!;

    expect([later, tie, earlier].sort(compareMessages).map((message) => message.externalId)).toEqual(['b', 'c', 'a']);
  });
});

describe('Instantly campaign analytics as statistics', () => {
  it('counts leads, not events: unique opens, clicks and replies', () => {
    const row = instantlyCampaignAnalyticsSchema.parse({
      campaign_id: 'c',
      emails_sent_count: 120,
      open_count: 90,
      open_count_unique: 40,
      link_click_count: 12,
      link_click_count_unique: 7,
      reply_count: 9,
      reply_count_unique: 8,
      bounced_count: 3,
      unsubscribed_count: 2,
    });

    expect(statisticsFromInstantly(row)).toEqual({ sent: 120, opened: 40, clicked: 7, replied: 8, bounced: 3, unsubscribed: 2 });
  });

  it('falls back to totals where a unique count is missing, and reads numeric strings', () => {
    const row = instantlyCampaignAnalyticsSchema.parse({ emails_sent_count: '15', open_count: '6', link_click_count: 2, reply_count: '1' });

    expect(statisticsFromInstantly(row)).toEqual({ sent: 15, opened: 6, clicked: 2, replied: 1, bounced: 0, unsubscribed: 0 });
  });

  it('refuses a count that is not one', () => {
    expect(instantlyCampaignAnalyticsSchema.safeParse({ emails_sent_count: 'many' }).success).toBe(false);
    expect(instantlyCampaignAnalyticsSchema.safeParse({ open_count: -1 }).success).toBe(false);
  });
});
