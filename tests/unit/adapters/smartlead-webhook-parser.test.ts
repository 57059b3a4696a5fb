import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webhookParserFor } from '../../../adapters/providers/webhooks/webhook-parsers.js';
import type { ParsedWebhookEvent, WebhookDelivery } from '../../../application/webhooks/provider-webhook.port.js';
import { MalformedWebhookError } from '../../../domain/webhooks/malformed-webhook-error.js';

const SAMPLES = new URL('../../fixtures/webhook-samples/smartlead/', import.meta.url);
const SECRET_KEY = '3f1c9a2e-7b4d-4e8a-9c61-2d5f0b8e4a17';
const SIGNING_SECRET = 'whsec-test-signing';
const parser = webhookParserFor('smartlead');

function sample(name: string): Buffer {
  return readFileSync(new URL(name, SAMPLES));
}

function delivery(rawBody: Buffer | string, headers: Record<string, string> = {}): WebhookDelivery {
  return { rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody), headers };
}

function body(overrides: Record<string, unknown>, name = 'EMAIL_OPEN.json'): Buffer {
  return Buffer.from(JSON.stringify({ ...JSON.parse(sample(name).toString('utf8')), ...overrides }));
}

function sign(rawBody: Buffer, secret = SIGNING_SECRET): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

type Expected = Partial<Omit<ParsedWebhookEvent, 'eventKey' | 'occurredAt' | 'message'>> & {
  occurredAt?: string | null;
  message?: Partial<NonNullable<ParsedWebhookEvent['message']>> | null;
};

const EXPECTED: Readonly<Record<string, Expected>> = {
  'EMAIL_SENT.json': {
    canonicalType: 'message_sent',
    occurredAt: '2025-11-18T14:02:07.000Z',
    campaignExternalId: '1874523',
    clientId: '31204',
    lead: { email: 'dana.reyes@northwind.io', externalId: '2758494567', profileUrl: null },
    message: {
      externalId: '<a91f3c0e-5d2b-4b7e-8f11-0c6e2a7d9b44@mail.acme-outbound.com>',
      direction: 'outbound',
      subject: "Northwind's month-end close",
      body: "Hi Dana,\n\nQuick question about Northwind's close process...",
      stepNumber: 1,
    },
  },
  'FIRST_EMAIL_SENT.json': { canonicalType: 'message_sent', lead: { email: 'dana.reyes@northwind.io', externalId: '2758494567', profileUrl: null }, message: { direction: 'outbound', stepNumber: 1 } },
  'EMAIL_OPEN.json': { canonicalType: 'opened', occurredAt: '2025-11-18T16:40:51.618Z', campaignExternalId: '1874523', lead: { email: 'dana.reyes@northwind.io', externalId: '2758494567', profileUrl: null }, message: { direction: 'outbound', stepNumber: 1 } },
  'EMAIL_LINK_CLICK.json': { canonicalType: 'clicked', occurredAt: '2025-11-18T16:42:03.118Z', lead: { email: 'dana.reyes@northwind.io', externalId: '2758494567', profileUrl: null } },
  'EMAIL_REPLY.json': {
    canonicalType: 'replied',
    occurredAt: '2025-11-19T09:15:33.000Z',
    campaignExternalId: '1874523',
    lead: { email: 'dana.reyes@northwind.io', externalId: '2758494567', profileUrl: null },
    message: {
      externalId: '<CAJZgRaR8x2Lq@mail.gmail.com>',
      direction: 'inbound',
      subject: "Re: Northwind's month-end close",
      body: 'Thanks Sam - we are mid-migration but happy to talk in January. Can you send times?',
      stepNumber: 1,
    },
    category: null,
  },
  'EMAIL_BOUNCE.json': { canonicalType: 'bounced', hardBounce: true, lead: { email: 'old.contact@northwind.io', externalId: '2758494612', profileUrl: null }, message: { direction: 'outbound' } },
  'LEAD_UNSUBSCRIBED.json': { canonicalType: 'unsubscribed', occurredAt: '2025-11-20T11:16:24.671Z', campaignExternalId: '1874523', lead: { email: 'jordan.miles@contoso.com', externalId: null, profileUrl: null }, message: null, hardBounce: false },
  'CAMPAIGN_STATUS_CHANGED.json': { canonicalType: 'campaign_status_changed', campaignStatus: 'ACTIVE', campaignExternalId: '1874523', clientId: '31204', lead: null, occurredAt: null },
  'MANUAL_STEP_REACHED.json': { canonicalType: 'unknown', campaignExternalId: '1874523', lead: { email: 'dana.reyes@northwind.io', externalId: '2758494567', profileUrl: null }, message: null },
  'UNTRACKED_REPLIES.json': {
    canonicalType: 'replied',
    campaignExternalId: null,
    lead: null,
    clientId: null,
    message: { externalId: '<CAJZgRaRf=B4WEPmv4gujBNmJE46XpNb@mail.gmail.com>', direction: 'inbound', subject: 'Re: quick question', body: 'Please remove me from your list.\n' },
  },
  'EMAIL_ACCOUNT_DISCONNECTED.json': {
    canonicalType: 'account_error',
    occurredAt: '2025-11-22T03:10:00.000Z',
    campaignExternalId: null,
    lead: null,
    clientId: '31204',
    senderAccount: { channel: 'email', externalId: '90211', email: 'sam@acme-outbound.com', error: 'Invalid login: 535-5.7.8 Username and Password not accepted' },
  },
};

describe('Smartlead webhook parsing: every sample', () => {
  it('has an expectation for every sample file, and a sample for every expectation', () => {
    const files = readdirSync(SAMPLES).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const event = parser.parse(delivery(sample(file)));
    expect(event.providerEventType).toBe(file.replace(/\.json$/, ''));
    const { occurredAt, message, ...rest } = expected;
    expect(event).toMatchObject(rest);
    if (occurredAt !== undefined) expect(event.occurredAt?.toISOString() ?? null).toBe(occurredAt);
    if (message === null) expect(event.message).toBeNull();
    else if (message !== undefined) expect(event.message).toMatchObject(message);
    expect(event.eventKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never takes the lead of a reply from from/to: sl_lead_email wins, then leadCorrespondence', () => {
    const swapped = parser.parse(delivery(body({ from_email: 'sam@acme-outbound.com', to_email: 'someone@else.io' }, 'EMAIL_REPLY.json')));
    expect(swapped.lead?.email).toBe('dana.reyes@northwind.io');

    const fallback = parser.parse(delivery(body({ sl_lead_email: null }, 'EMAIL_REPLY.json')));
    expect(fallback.lead?.email).toBe('dana.reyes@northwind.io');

    const neither = parser.parse(delivery(body({ sl_lead_email: null, leadCorrespondence: null }, 'EMAIL_REPLY.json')));
    expect(neither.lead).toEqual({ email: null, externalId: '2758494567', profileUrl: null });
  });

  it('reads LEAD_CATEGORY_UPDATED as category_changed with the new category name', () => {
    const event = parser.parse(
      delivery(
        JSON.stringify({
          event_type: 'LEAD_CATEGORY_UPDATED',
          event_timestamp: '2025-11-19T09:20:00.000Z',
          campaign_id: 1874523,
          lead_id: 2758494567,
          lead_category: { old_id: null, old_name: null, new_id: 1, new_name: 'Interested' },
          lead_data: { email: 'dana.reyes@northwind.io', first_name: 'Dana' },
          secret_key: SECRET_KEY,
        }),
      ),
    );
    expect(event).toMatchObject({
      canonicalType: 'category_changed',
      category: 'Interested',
      campaignExternalId: '1874523',
      lead: { email: 'dana.reyes@northwind.io', externalId: '2758494567', profileUrl: null },
    });
  });

  it.each([
    ['PAUSED', 'PAUSED'],
    ['STOPPED', 'STOPPED'],
    ['COMPLETED', 'COMPLETED'],
    ['ARCHIVED', 'STOPPED'],
    ['DRAFTED', null],
    ['SOMETHING_NEW', null],
  ])('maps a campaign status change to %s as %s', (status, expected) => {
    const event = parser.parse(delivery(body({ current_status: status, campaign_status: status }, 'CAMPAIGN_STATUS_CHANGED.json')));
    expect(event.canonicalType).toBe('campaign_status_changed');
    expect(event.campaignStatus).toBe(expected);
  });

  it('treats a bounce as soft when the provider says it did not bounce or the reason is a 4xx', () => {
    const transient = '452 4.2.2 Mailbox full, try again later';
    expect(parser.parse(delivery(body({ bounce_message: { text: transient } }, 'EMAIL_BOUNCE.json'))).hardBounce).toBe(false);
    expect(parser.parse(delivery(body({ is_bounced: false }, 'EMAIL_BOUNCE.json'))).hardBounce).toBe(false);
    expect(parser.parse(delivery(body({ bounce_message: null, bounce_reply_email_preview: null }, 'EMAIL_BOUNCE.json'))).hardBounce).toBe(true);
  });

  it('accepts the doc-page spellings and an `event` key', () => {
    expect(parser.parse(delivery(body({ event_type: undefined, event: 'EMAIL_OPENED' }))).canonicalType).toBe('opened');
    expect(parser.parse(delivery(body({ event_type: 'email_reply' }, 'EMAIL_REPLY.json'))).canonicalType).toBe('replied');
  });

  it('calls an event type it does not know unknown, and one without any type unknown with an empty spelling', () => {
    const unknown = parser.parse(delivery(body({ event_type: 'LEAD_TELEPORTED' })));
    expect(unknown).toMatchObject({ canonicalType: 'unknown', providerEventType: 'LEAD_TELEPORTED' });
    const untyped = parser.parse(delivery(body({ event_type: undefined })));
    expect(untyped).toMatchObject({ canonicalType: 'unknown', providerEventType: '' });
  });

  it('reads fields of an unexpected type as absent instead of failing the delivery', () => {
    const event = parser.parse(delivery(body({ campaign_id: { nested: true }, sequence_number: 'two', event_timestamp: 'not a date', sent_message: 'x' })));
    expect(event).toMatchObject({ canonicalType: 'opened', campaignExternalId: null, occurredAt: null });
    expect(event.message).toBeNull();
  });

  it.each([
    ['invalid JSON', '{"event_type": "EMAIL_OPEN",'],
    ['an array', '[{"event_type":"EMAIL_OPEN"}]'],
    ['a string', '"EMAIL_OPEN"'],
    ['null', 'null'],
    ['empty', ''],
  ])('rejects a body that is %s as malformed (400, code malformed_webhook)', (_label, raw) => {
    const attempt = () => parser.parse(delivery(raw));
    expect(attempt).toThrow(MalformedWebhookError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: 'malformed_webhook', kind: 'rule_violation' });
    }
  });
});

describe('Smartlead webhook event keys', () => {
  it('uses the X-Request-Id delivery id when a signed delivery carries one', () => {
    const raw = sample('EMAIL_OPEN.json');
    const event = parser.parse(delivery(raw, { 'x-request-id': 'req-7f2c-0001', 'x-smartlead-signature': `sha256=${sign(raw)}` }));
    expect(event.eventKey).toBe('req-7f2c-0001');
  });

  it('ignores an X-Request-Id without a signature (a proxy may stamp one per request) and hashes instead', () => {
    const hashed = parser.parse(delivery(sample('EMAIL_OPEN.json'))).eventKey;
    const retried = parser.parse(delivery(sample('EMAIL_OPEN.json'), { 'x-request-id': 'proxy-assigned-42' })).eventKey;
    expect(retried).toBe(hashed);
    expect(retried).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable across re-parse and across formatting of the same body', () => {
    const first = parser.parse(delivery(sample('EMAIL_REPLY.json'))).eventKey;
    const again = parser.parse(delivery(sample('EMAIL_REPLY.json'))).eventKey;
    const reformatted = parser.parse(delivery(JSON.stringify(JSON.parse(sample('EMAIL_REPLY.json').toString('utf8'))))).eventKey;
    expect(again).toBe(first);
    expect(reformatted).toBe(first);
  });

  it('hashes campaign, stats id, event type and timestamp: a change of any is another event', () => {
    const base = parser.parse(delivery(sample('EMAIL_OPEN.json'))).eventKey;
    expect(parser.parse(delivery(body({ event_timestamp: '2025-11-18T17:00:00.000Z' }))).eventKey).not.toBe(base);
    expect(parser.parse(delivery(body({ stats_id: 'another-stats-id' }))).eventKey).not.toBe(base);
    expect(parser.parse(delivery(body({ campaign_id: 99 }))).eventKey).not.toBe(base);
    expect(parser.parse(delivery(body({ event_type: 'EMAIL_LINK_CLICK' }))).eventKey).not.toBe(base);
    // Fields outside the identity (e.g. a description) do not make a new event.
    expect(parser.parse(delivery(body({ description: 'reworded' }))).eventKey).toBe(base);
  });

  it('falls back to sl_email_lead_map_id when there is no stats id', () => {
    const a = parser.parse(delivery(body({ stats_id: null }))).eventKey;
    const b = parser.parse(delivery(body({ stats_id: null, sl_email_lead_map_id: 1 }))).eventKey;
    expect(a).not.toBe(b);
  });

  it('gives every sample its own key', () => {
    const keys = readdirSync(SAMPLES).map((file) => parser.parse(delivery(sample(file))).eventKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('without a timestamp, hashes the whole body: a redelivery dedupes, another status change does not', () => {
    const first = parser.parse(delivery(sample('CAMPAIGN_STATUS_CHANGED.json'))).eventKey;
    expect(parser.parse(delivery(sample('CAMPAIGN_STATUS_CHANGED.json'))).eventKey).toBe(first);
    const paused = parser.parse(delivery(body({ previous_status: 'ACTIVE', current_status: 'PAUSED' }, 'CAMPAIGN_STATUS_CHANGED.json'))).eventKey;
    expect(paused).not.toBe(first);
  });
});

describe('Smartlead webhook authentication', () => {
  const raw = sample('EMAIL_OPEN.json');
  const both = { signingSecret: SIGNING_SECRET, sharedSecret: SECRET_KEY };

  it('accepts a correct signature over the raw body, with or without the sha256= prefix', () => {
    expect(parser.authenticate(delivery(raw, { 'x-smartlead-signature': `sha256=${sign(raw)}` }), both)).toEqual({ ok: true, method: 'signature' });
    expect(parser.authenticate(delivery(raw, { 'x-smartlead-signature': sign(raw).toUpperCase() }), both)).toEqual({ ok: true, method: 'signature' });
  });

  it('rejects a signature made with another secret', () => {
    const result = parser.authenticate(delivery(raw, { 'x-smartlead-signature': `sha256=${sign(raw, 'not-the-secret')}` }), both);
    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a tampered body even though its secret_key is right', () => {
    const tampered = body({ to_email: 'attacker@evil.io' });
    const result = parser.authenticate(delivery(tampered, { 'x-smartlead-signature': `sha256=${sign(raw)}` }), both);
    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('verifies the bytes received, not re-serialised JSON', () => {
    const pretty = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8')), null, 4));
    const result = parser.authenticate(delivery(pretty, { 'x-smartlead-signature': sign(raw) }), both);
    expect(result).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects garbage in the signature header', () => {
    expect(parser.authenticate(delivery(raw, { 'x-smartlead-signature': 'sha256=' }), both)).toEqual({ ok: false, reason: 'mismatch' });
    expect(parser.authenticate(delivery(raw, { 'x-smartlead-signature': 'zz' }), both)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('without a signature header, checks the payload secret_key', () => {
    expect(parser.authenticate(delivery(raw), both)).toEqual({ ok: true, method: 'payload_secret' });
    expect(parser.authenticate(delivery(raw), { signingSecret: null, sharedSecret: 'another-key' })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('falls back to the payload secret when a signature arrives but no signing secret is configured', () => {
    const result = parser.authenticate(delivery(raw, { 'x-smartlead-signature': 'sha256=whatever' }), { signingSecret: null, sharedSecret: SECRET_KEY });
    expect(result).toEqual({ ok: true, method: 'payload_secret' });
  });

  it('reports missing when nothing is configured, or the body carries no secret_key', () => {
    expect(parser.authenticate(delivery(raw), { signingSecret: null, sharedSecret: null })).toEqual({ ok: false, reason: 'missing' });
    expect(parser.authenticate(delivery(raw, { 'x-smartlead-signature': sign(raw) }), { signingSecret: null, sharedSecret: null })).toEqual({ ok: false, reason: 'missing' });
    expect(parser.authenticate(delivery(raw), { signingSecret: SIGNING_SECRET, sharedSecret: null })).toEqual({ ok: false, reason: 'missing' });
    expect(parser.authenticate(delivery(body({ secret_key: undefined })), both)).toEqual({ ok: false, reason: 'missing' });
    expect(parser.authenticate(delivery('not json'), both)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('Smartlead webhook parsing: account errors', () => {
  it('names the failing account only on an account error, with the IMAP failure when SMTP is fine', () => {
    const imapOnly = parser.parse(delivery(body({ smtp_failure_error: null, imap_failure_error: 'IMAP timeout' }, 'EMAIL_ACCOUNT_DISCONNECTED.json')));
    expect(imapOnly.senderAccount).toEqual({ channel: 'email', externalId: '90211', email: 'sam@acme-outbound.com', error: 'IMAP timeout' });
    const linkedIn = parser.parse(delivery(body({ event_type: 'LINKEDIN_DISCONNECTED' }, 'EMAIL_ACCOUNT_DISCONNECTED.json')));
    expect(linkedIn).toMatchObject({ canonicalType: 'account_error', senderAccount: { channel: 'linkedin' } });
    const anonymous = parser.parse(delivery(body({ email_account_id: null, from_email: null }, 'EMAIL_ACCOUNT_DISCONNECTED.json')));
    expect(anonymous.senderAccount).toBeNull();
    expect(parser.parse(delivery(sample('EMAIL_REPLY.json'))).senderAccount).toBeNull();
    // The text becomes a tenant-facing reason: one naming the provider is not passed on.
    const named = parser.parse(delivery(body({ smtp_failure_error: 'SmartLead relay refused the login' }, 'EMAIL_ACCOUNT_DISCONNECTED.json')));
    expect(named.senderAccount).toMatchObject({ externalId: '90211', error: null });
  });
});
