import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webhookParserFor } from '../../../adapters/providers/webhooks/webhook-parsers.js';
import type { CanonicalWebhookEventType, WebhookDelivery } from '../../../application/webhooks/provider-webhook.port.js';
import { MalformedWebhookError } from '../../../domain/webhooks/malformed-webhook-error.js';

const SAMPLES = new URL('../../fixtures/webhook-samples/heyreach/', import.meta.url);
const parser = webhookParserFor('heyreach');
const LEAD = { email: 'dana.reyes@northwind.io', externalId: '918418165', profileUrl: 'https://www.linkedin.com/in/dana-reyes-4b1a2c' };
const CONVERSATION = '2-OTE3NWQ0ZjItZjVmYS00ZDk2LWE3YjEtMDBlNGM5ZjE2YTJiXzAxMw==';

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

const EXPECTED: Readonly<Record<string, { type: CanonicalWebhookEventType; correlationId: string }>> = {
  'CONNECTION_REQUEST_SENT.json': { type: 'connection_sent', correlationId: '7b1e4c2a-0f9d-4e63-b8a1-5c2d7e9f0a14' },
  'CONNECTION_REQUEST_ACCEPTED.json': { type: 'connection_accepted', correlationId: 'c4d8e2f1-3a7b-4c5e-9d10-6f2a8b1e3c77' },
  'MESSAGE_SENT.json': { type: 'message_sent', correlationId: 'e9a2b7c4-5d1f-4e3a-8b60-0c7d2f9e1a55' },
  'INMAIL_SENT.json': { type: 'message_sent', correlationId: '1f6c3e8a-9b2d-4a7f-b5e0-3d8c1a6f2e90' },
  'MESSAGE_REPLY_RECEIVED.json': { type: 'replied', correlationId: '5e2a9c70-1b3d-4f8e-a6c2-7d0b9e4f1a23' },
  'EVERY_MESSAGE_REPLY_RECEIVED.json': { type: 'replied', correlationId: '0d6b3c1e-8f2a-4b7d-9e55-3a1c7f2e9b80' },
  'FOLLOW_SENT.json': { type: 'unknown', correlationId: '2c7e9a1d-4f3b-4e8c-a0d2-9b6f1e3c5a08' },
  'LIKED_POST.json': { type: 'unknown', correlationId: '8a3d1f6e-2c9b-4d7a-b1e5-0f4c8e2a6d39' },
  'VIEWED_PROFILE.json': { type: 'unknown', correlationId: '4e9b2c7a-1d6f-4a3e-8c05-7b2e9f1d4a62' },
  'CAMPAIGN_COMPLETED.json': { type: 'campaign_status_changed', correlationId: '6d1a8e3c-7b4f-4c2e-9a06-1e5b3d8f2c94' },
  'LEAD_TAG_UPDATED.json': { type: 'category_changed', correlationId: '9c4e7a2b-3f8d-4b1e-a6c0-5d2f9e7b1a83' },
};

describe('HeyReach webhook parsing: every sample', () => {
  it('has an expectation for every sample file, and a sample for every expectation', () => {
    const files = readdirSync(SAMPLES).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const event = parser.parse(delivery(sample(file)));
    expect(event.canonicalType).toBe(expected.type);
    expect(event.providerEventType).toBe(file.replace(/\.json$/, '').toLowerCase());
    expect(event.eventKey).toBe(expected.correlationId);
    expect(event.lead).toEqual(LEAD);
    expect(event.occurredAt).toEqual(new Date(sampleObject(file)['timestamp'] as string));
    expect(event.campaignExternalId).toBe(file === 'LEAD_TAG_UPDATED.json' ? null : '572444');
    expect(event.hardBounce).toBe(false);
    expect(event.clientId).toBeNull();
    if (expected.type !== 'replied' && expected.type !== 'message_sent') expect(event.message).toBeNull();
    if (expected.type !== 'category_changed') expect(event.category).toBeNull();
    if (expected.type !== 'campaign_status_changed') expect(event.campaignStatus).toBeNull();
  });

  it('takes the latest reply of the thread as the inbound message, with an id derived from conversation and time', () => {
    const event = parser.parse(delivery(sample('EVERY_MESSAGE_REPLY_RECEIVED.json')));
    expect(event.message).toEqual({
      externalId: `${CONVERSATION}@2025-11-19T08:47:03.377Z`,
      direction: 'inbound',
      subject: null,
      body: "Hey Sam, we're mid ERP migration. Ping me in January?",
      stepNumber: null,
      sentAt: new Date('2025-11-19T08:47:03.377Z'),
    });
  });

  it('gives the first-reply and every-reply deliveries of one reply the same message id', () => {
    const first = parser.parse(delivery(sample('MESSAGE_REPLY_RECEIVED.json')));
    const every = parser.parse(delivery(sample('EVERY_MESSAGE_REPLY_RECEIVED.json')));
    expect(first.message?.externalId).toBe(every.message?.externalId);
    expect(first.eventKey).not.toBe(every.eventKey);
  });

  it('takes our latest message as the outbound message of a send', () => {
    const event = parser.parse(delivery(sample('MESSAGE_SENT.json')));
    expect(event.message).toMatchObject({
      externalId: `${CONVERSATION}@2025-11-18T10:02:11.512Z`,
      direction: 'outbound',
      body: 'Thanks for connecting, Dana - curious how Northwind handles month-end close today?',
    });
  });

  it('reads CAMPAIGN_COMPLETED as the campaign becoming COMPLETED', () => {
    expect(parser.parse(delivery(sample('CAMPAIGN_COMPLETED.json'))).campaignStatus).toBe('COMPLETED');
  });

  it("reads LEAD_TAG_UPDATED's tags as the lead's category, and no tags as none", () => {
    expect(parser.parse(delivery(sample('LEAD_TAG_UPDATED.json'))).category).toBe('Interested, Follow up Jan');
    const untagged = sampleObject('LEAD_TAG_UPDATED.json');
    untagged['lead'] = { ...(untagged['lead'] as object), tags: [] };
    expect(parser.parse(delivery(untagged))).toMatchObject({ canonicalType: 'category_changed', category: null });
  });

  it.each(['EVERY_MESSAGE_REPLY_RECEIVED', 'Every_Message_Reply_Received', 'every_message_reply_received'])('matches the event type %s case-insensitively', (spelling) => {
    const body = { ...sampleObject('EVERY_MESSAGE_REPLY_RECEIVED.json'), event_type: spelling };
    expect(parser.parse(delivery(body))).toMatchObject({ canonicalType: 'replied', providerEventType: spelling });
  });

  it('accepts the camelCase eventType key', () => {
    const { event_type: _dropped, ...rest } = sampleObject('CONNECTION_REQUEST_ACCEPTED.json');
    expect(parser.parse(delivery({ ...rest, eventType: 'CONNECTION_REQUEST_ACCEPTED' })).canonicalType).toBe('connection_accepted');
  });

  it('infers a reply from the thread when the delivery names no event type', () => {
    const { event_type: _dropped, ...rest } = sampleObject('EVERY_MESSAGE_REPLY_RECEIVED.json');
    const event = parser.parse(delivery(rest));
    expect(event).toMatchObject({ canonicalType: 'replied', providerEventType: '', message: { direction: 'inbound' } });
  });

  it('does not guess when there is neither an event type nor a reply in the thread', () => {
    const { event_type: _dropped, ...rest } = sampleObject('MESSAGE_SENT.json');
    expect(parser.parse(delivery(rest))).toMatchObject({ canonicalType: 'unknown', providerEventType: '' });
  });

  it('calls an event type it does not know unknown', () => {
    const body = { ...sampleObject('FOLLOW_SENT.json'), event_type: 'endorsed_skill' };
    expect(parser.parse(delivery(body))).toMatchObject({ canonicalType: 'unknown', providerEventType: 'endorsed_skill' });
  });

  it.each([
    ['invalid JSON', '{"event_type":'],
    ['an array', '[]'],
    ['a number', '42'],
  ])('rejects a body that is %s as malformed', (_label, raw) => {
    expect(() => parser.parse(delivery(raw))).toThrow(MalformedWebhookError);
  });
});

describe('HeyReach webhook event keys', () => {
  function withoutCorrelation(file: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const { correlation_id: _dropped, ...rest } = sampleObject(file);
    return { ...rest, ...overrides };
  }

  it('uses correlation_id when present, so a re-parse gives the same key', () => {
    const first = parser.parse(delivery(sample('CONNECTION_REQUEST_SENT.json'))).eventKey;
    expect(parser.parse(delivery(sample('CONNECTION_REQUEST_SENT.json'))).eventKey).toBe(first);
  });

  it('without one, hashes conversation + last message time + type, whatever the casing of the type', () => {
    const key = parser.parse(delivery(withoutCorrelation('EVERY_MESSAGE_REPLY_RECEIVED.json'))).eventKey;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(parser.parse(delivery(withoutCorrelation('EVERY_MESSAGE_REPLY_RECEIVED.json', { timestamp: '2025-11-19T09:00:00.000Z' }))).eventKey).toBe(key);
    expect(parser.parse(delivery(withoutCorrelation('EVERY_MESSAGE_REPLY_RECEIVED.json', { event_type: 'EVERY_MESSAGE_REPLY_RECEIVED' }))).eventKey).toBe(key);
    // The inferred type is the same event as the spelled one.
    const { event_type: _t, ...untyped } = withoutCorrelation('EVERY_MESSAGE_REPLY_RECEIVED.json');
    expect(parser.parse(delivery(untyped)).eventKey).toBe(key);

    const laterReply = withoutCorrelation('EVERY_MESSAGE_REPLY_RECEIVED.json');
    laterReply['recent_messages'] = [...(laterReply['recent_messages'] as object[]), { creation_time: '2025-11-20T08:00:00.000Z', message: 'Also…', is_reply: true }];
    expect(parser.parse(delivery(laterReply)).eventKey).not.toBe(key);
    expect(parser.parse(delivery(withoutCorrelation('MESSAGE_REPLY_RECEIVED.json'))).eventKey).not.toBe(key);
  });

  it('without a thread, hashes campaign, lead and timestamp', () => {
    const key = parser.parse(delivery(withoutCorrelation('CONNECTION_REQUEST_ACCEPTED.json'))).eventKey;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(parser.parse(delivery(withoutCorrelation('CONNECTION_REQUEST_ACCEPTED.json'))).eventKey).toBe(key);
    expect(parser.parse(delivery(withoutCorrelation('CONNECTION_REQUEST_ACCEPTED.json', { timestamp: '2025-11-18T00:00:00.000Z' }))).eventKey).not.toBe(key);
    expect(parser.parse(delivery(withoutCorrelation('CONNECTION_REQUEST_SENT.json', { timestamp: '2025-11-17T18:02:40.000Z' }))).eventKey).not.toBe(key);
  });

  it('gives every sample its own key', () => {
    const keys = readdirSync(SAMPLES).map((file) => parser.parse(delivery(sample(file))).eventKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('HeyReach webhook authentication (unsigned: shared header)', () => {
  const raw = sample('MESSAGE_SENT.json');
  const secrets = { signingSecret: null, sharedSecret: 'hr-shared-secret' };

  it('accepts the configured secret in x-webhook-secret or x-shared-secret', () => {
    expect(parser.authenticate(delivery(raw, { 'x-webhook-secret': 'hr-shared-secret' }), secrets)).toEqual({ ok: true, method: 'shared_header' });
    expect(parser.authenticate(delivery(raw, { 'x-shared-secret': 'hr-shared-secret' }), secrets)).toEqual({ ok: true, method: 'shared_header' });
  });

  it('rejects a wrong secret, including a prefix of the right one', () => {
    expect(parser.authenticate(delivery(raw, { 'x-webhook-secret': 'wrong' }), secrets)).toEqual({ ok: false, reason: 'mismatch' });
    expect(parser.authenticate(delivery(raw, { 'x-webhook-secret': 'hr-shared' }), secrets)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('reports missing without the header, or without a configured secret', () => {
    expect(parser.authenticate(delivery(raw), secrets)).toEqual({ ok: false, reason: 'missing' });
    expect(parser.authenticate(delivery(raw, { 'x-webhook-secret': 'hr-shared-secret' }), { signingSecret: null, sharedSecret: null })).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it('ignores a signature header: HeyReach signs nothing', () => {
    const result = parser.authenticate(delivery(raw, { 'x-smartlead-signature': 'sha256=abc' }), { signingSecret: 'k', sharedSecret: 'hr-shared-secret' });
    expect(result).toEqual({ ok: false, reason: 'missing' });
  });
});
