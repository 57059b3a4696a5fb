import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webhookParserFor } from '../../../adapters/providers/webhooks/webhook-parsers.js';
import type { CanonicalWebhookEventType, WebhookDelivery } from '../../../application/webhooks/provider-webhook.port.js';
import { MalformedWebhookError } from '../../../domain/webhooks/malformed-webhook-error.js';

const SAMPLES = new URL('../../fixtures/webhook-samples/instantly/', import.meta.url);
const CAMPAIGN = '019a1c30-2b6e-7a18-8c4f-1d9e5b7a2c05';
const parser = webhookParserFor('instantly');

function sample(name: string): Buffer {
  return readFileSync(new URL(name, SAMPLES));
}

function sampleObject(name: string): Record<string, unknown> {
  return JSON.parse(sample(name).toString('utf8')) as Record<string, unknown>;
}

function delivery(rawBody: Buffer | string | object, headers: Record<string, string> = {}): WebhookDelivery {
  const bytes = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody));
  return { rawBody: bytes, headers };
}

interface Expected {
  readonly type: CanonicalWebhookEventType;
  readonly leadEmail: string | null;
  readonly category?: string;
}

const EXPECTED: Readonly<Record<string, Expected>> = {
  'email_sent.json': { type: 'message_sent', leadEmail: 'dana.reyes@northwind.io' },
  'email_opened.json': { type: 'opened', leadEmail: 'dana.reyes@northwind.io' },
  'link_clicked.json': { type: 'clicked', leadEmail: 'dana.reyes@northwind.io' },
  'reply_received.json': { type: 'replied', leadEmail: 'dana.reyes@northwind.io' },
  'email_bounced.json': { type: 'bounced', leadEmail: 'old.contact@northwind.io' },
  'lead_unsubscribed.json': { type: 'unsubscribed', leadEmail: 'jordan.miles@contoso.com' },
  'campaign_completed.json': { type: 'campaign_status_changed', leadEmail: null },
  'account_error.json': { type: 'account_error', leadEmail: null },
  'lead_interested.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'Interested' },
  'lead_not_interested.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'Not Interested' },
  'lead_neutral.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'Neutral' },
  'lead_meeting_completed.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'Meeting Completed' },
  'lead_closed.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'Closed' },
  'lead_out_of_office.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'Out Of Office' },
  'lead_wrong_person.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'Wrong Person' },
  'lead_no_show.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'No Show' },
  'custom_label_example.json': { type: 'category_changed', leadEmail: 'dana.reyes@northwind.io', category: 'Asked to circle back' },
};

describe('Instantly webhook parsing: every sample', () => {
  it('has an expectation for every sample file, and a sample for every expectation', () => {
    const files = readdirSync(SAMPLES).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const payload = sampleObject(file);
    const event = parser.parse(delivery(sample(file)));
    expect(event.canonicalType).toBe(expected.type);
    expect(event.providerEventType).toBe(payload['event_type']);
    expect(event.campaignExternalId).toBe(CAMPAIGN);
    expect(event.occurredAt).toEqual(new Date(payload['timestamp'] as string));
    expect(event.lead).toEqual(expected.leadEmail === null ? null : { email: expected.leadEmail, externalId: null, profileUrl: null });
    expect(event.category).toBe(expected.category ?? null);
    expect(event.campaignStatus).toBe(expected.type === 'campaign_status_changed' ? 'COMPLETED' : null);
    expect(event.hardBounce).toBe(expected.type === 'bounced');
    expect(event.clientId).toBeNull();
    expect(event.senderAccount).toEqual(
      expected.type === 'account_error' ? { channel: 'email', externalId: payload['email_account'], email: payload['email_account'], error: null } : null,
    );
  });

  it('reads the sent email as an outbound message with its id, subject, body and step', () => {
    expect(parser.parse(delivery(sample('email_sent.json'))).message).toEqual({
      externalId: '019a3f10-6c2d-7e55-a1b3-8f0d4c2e9a71',
      direction: 'outbound',
      subject: "Northwind's month-end close",
      body: "Hi Dana,\n\nQuick question about Northwind's close process...",
      stepNumber: 1,
      sentAt: new Date('2025-11-18T14:02:07.412Z'),
    });
  });

  it('reads the reply as an inbound message', () => {
    expect(parser.parse(delivery(sample('reply_received.json'))).message).toMatchObject({
      externalId: '019a4422-91fe-7b10-b6d2-3e7a0c5f8d14',
      direction: 'inbound',
      subject: "Re: Northwind's month-end close",
      stepNumber: 1,
    });
  });

  it('ties opens, clicks and bounces to their step only, and other events to no message', () => {
    expect(parser.parse(delivery(sample('email_opened.json'))).message).toEqual({
      externalId: null,
      direction: 'outbound',
      subject: null,
      body: null,
      stepNumber: 1,
      sentAt: null,
    });
    expect(parser.parse(delivery(sample('lead_unsubscribed.json'))).message).toBeNull();
    expect(parser.parse(delivery(sample('lead_interested.json'))).message).toBeNull();
  });

  it.each([
    ['auto_reply_received', 'replied'],
    ['email_link_clicked', 'clicked'],
    ['lead_meeting_booked', 'category_changed'],
  ])('also knows %s (→ %s)', (eventType, canonical) => {
    const body = { ...sampleObject('email_opened.json'), event_type: eventType };
    expect(parser.parse(delivery(body)).canonicalType).toBe(canonical);
  });

  it('calls an unknown system event (snake_case) unknown rather than a label', () => {
    const body = { ...sampleObject('email_opened.json'), event_type: 'supersearch_enrichment_completed' };
    expect(parser.parse(delivery(body))).toMatchObject({ canonicalType: 'unknown', category: null, providerEventType: 'supersearch_enrichment_completed' });
  });

  it('does not take a label-like event type without a lead for a label change', () => {
    const { lead_email: _dropped, ...body } = sampleObject('custom_label_example.json');
    expect(parser.parse(delivery(body))).toMatchObject({ canonicalType: 'unknown', lead: null });
  });

  it('calls a delivery without an event type unknown', () => {
    const { event_type: _dropped, ...body } = sampleObject('email_opened.json');
    expect(parser.parse(delivery(body))).toMatchObject({ canonicalType: 'unknown', providerEventType: '' });
  });

  it.each([
    ['invalid JSON', '{'],
    ['an array', '[1,2]'],
    ['true', 'true'],
  ])('rejects a body that is %s as malformed', (_label, raw) => {
    expect(() => parser.parse(delivery(raw))).toThrow(MalformedWebhookError);
  });
});

describe('Instantly webhook event keys', () => {
  it('uses email_id + event type when the event carries an email id', () => {
    expect(parser.parse(delivery(sample('email_sent.json'))).eventKey).toBe('019a3f10-6c2d-7e55-a1b3-8f0d4c2e9a71:email_sent');
    expect(parser.parse(delivery(sample('reply_received.json'))).eventKey).toBe('019a4422-91fe-7b10-b6d2-3e7a0c5f8d14:reply_received');
  });

  it('otherwise hashes timestamp, event type, lead and campaign: stable, and different when any differs', () => {
    const key = parser.parse(delivery(sample('email_opened.json'))).eventKey;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(parser.parse(delivery(sample('email_opened.json'))).eventKey).toBe(key);
    const opened = sampleObject('email_opened.json');
    expect(parser.parse(delivery({ ...opened, firstName: 'Danielle' })).eventKey).toBe(key);
    expect(parser.parse(delivery({ ...opened, timestamp: '2025-11-18T16:41:00.000Z' })).eventKey).not.toBe(key);
    expect(parser.parse(delivery({ ...opened, lead_email: 'someone@northwind.io' })).eventKey).not.toBe(key);
    expect(parser.parse(delivery({ ...opened, campaign_id: 'another-campaign' })).eventKey).not.toBe(key);
    expect(parser.parse(delivery({ ...opened, event_type: 'link_clicked' })).eventKey).not.toBe(key);
  });

  it('gives every sample its own key', () => {
    const keys = readdirSync(SAMPLES).map((file) => parser.parse(delivery(sample(file))).eventKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('Instantly webhook authentication (unsigned: shared header)', () => {
  const raw = sample('email_sent.json');
  const secrets = { signingSecret: null, sharedSecret: 'in-shared-secret' };

  it('accepts the configured secret in the custom header', () => {
    expect(parser.authenticate(delivery(raw, { 'x-shared-secret': 'in-shared-secret' }), secrets)).toEqual({ ok: true, method: 'shared_header' });
    expect(parser.authenticate(delivery(raw, { 'x-webhook-secret': 'in-shared-secret' }), secrets)).toEqual({ ok: true, method: 'shared_header' });
  });

  it('rejects a wrong secret', () => {
    expect(parser.authenticate(delivery(raw, { 'x-shared-secret': 'in-shared-secret-but-longer' }), secrets)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('reports missing without the header, or without a configured secret', () => {
    expect(parser.authenticate(delivery(raw), secrets)).toEqual({ ok: false, reason: 'missing' });
    expect(parser.authenticate(delivery(raw, { 'x-shared-secret': 'in-shared-secret' }), { signingSecret: 'x', sharedSecret: null })).toEqual({ ok: false, reason: 'missing' });
  });

  it('trusts no signature header: Instantly has none', () => {
    expect(parser.authenticate(delivery(raw, { 'x-instantly-signature': 'sha256=abc' }), secrets)).toEqual({ ok: false, reason: 'missing' });
  });
});
