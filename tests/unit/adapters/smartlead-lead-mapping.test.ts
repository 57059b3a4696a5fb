import { describe, expect, it } from 'vitest';
import { SmartleadAddLeadsResult, SmartleadCampaignLeadPage } from '../../../adapters/providers/smartlead/smartlead.schemas.js';
import { decodeLeadCursor, encodeLeadCursor } from '../../../adapters/providers/smartlead/smartlead-lead-cursor.js';
import {
  addLeadsBody,
  addLeadsOutcomeOf,
  leadFromSmartlead,
  leadToSmartlead,
} from '../../../adapters/providers/smartlead/smartlead-lead-mapping.js';
import { batchesOf, sumAddLeadsOutcomes } from '../../../adapters/providers/lead-batches.js';
import { SMARTLEAD_LEADS_PER_CALL } from '../../../adapters/providers/smartlead/smartlead-limits.js';

describe('leadToSmartlead', () => {
  it("uses Smartlead's field names: company_name, phone_number, linkedin_profile, custom_fields", () => {
    expect(
      leadToSmartlead({
        email: 'dana@northwind.example',
        firstName: 'Dana',
        lastName: 'Reyes',
        companyName: 'Northwind',
        phone: '+1 415 555 0100',
        website: 'northwind.example',
        linkedinUrl: 'https://www.linkedin.com/in/dana',
        customFields: { industry: 'SaaS' },
      }),
    ).toEqual({
      email: 'dana@northwind.example',
      first_name: 'Dana',
      last_name: 'Reyes',
      company_name: 'Northwind',
      phone_number: '+1 415 555 0100',
      website: 'northwind.example',
      linkedin_profile: 'https://www.linkedin.com/in/dana',
      custom_fields: { industry: 'SaaS' },
    });
  });

  it('leaves out empty fields instead of sending null', () => {
    expect(leadToSmartlead({ email: 'a@b.example', firstName: null, lastName: '  ', companyName: undefined, customFields: {} })).toEqual({ email: 'a@b.example' });
  });

  it('carries the title as the custom field title, unless the caller set one', () => {
    expect(leadToSmartlead({ email: 'a@b.example', title: 'CFO' }).custom_fields).toEqual({ title: 'CFO' });
    expect(leadToSmartlead({ email: 'a@b.example', title: 'CFO', customFields: { title: 'Chief Financial Officer' } }).custom_fields).toEqual({ title: 'Chief Financial Officer' });
  });

  it('wraps a batch as lead_list with every protective list check left on', () => {
    expect(addLeadsBody([{ email: 'a@b.example' }])).toEqual({
      lead_list: [{ email: 'a@b.example' }],
      settings: { ignore_global_block_list: false, ignore_unsubscribe_list: false, ignore_community_bounce_list: false, ignore_duplicate_leads_in_other_campaign: false },
    });
  });
});

describe('batchesOf', () => {
  it('cuts 250 leads into 100, 100 and 50 at the Smartlead limit', () => {
    const items = Array.from({ length: 250 }, (_, index) => index);
    expect(batchesOf(items, SMARTLEAD_LEADS_PER_CALL).map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(batchesOf(items, SMARTLEAD_LEADS_PER_CALL).flat()).toEqual(items);
    expect(batchesOf([], 100)).toEqual([]);
  });
});

describe('addLeadsOutcomeOf', () => {
  it('reads counts sent as strings, the unsubscribed list by its length, and reports no ids', () => {
    const result = SmartleadAddLeadsResult.parse({
      ok: true,
      upload_count: '10',
      total_leads: '4',
      already_added_to_campaign: 2,
      duplicate_count: '1',
      invalid_email_count: 1,
      invalid_emails: ['nope'],
      unsubscribed_leads: ['u1@x.example'],
      block_count: '1',
      bounce_count: null,
      is_lead_limit_exhausted: false,
      lead_import_stopped_count: 0,
    });
    expect(addLeadsOutcomeOf(result, 10)).toEqual({ submitted: 10, added: 4, alreadyPresent: 2, rejected: 4, created: [] });
  });

  it('accepts unsubscribed_leads as a count and counts plan-limited leads as refused', () => {
    const result = SmartleadAddLeadsResult.parse({ total_leads: 1, unsubscribed_leads: 2, lead_import_stopped_count: '3' });
    expect(addLeadsOutcomeOf(result, 6)).toMatchObject({ added: 1, rejected: 5 });
  });

  it('sums batches', () => {
    expect(
      sumAddLeadsOutcomes([
        { submitted: 100, added: 98, alreadyPresent: 1, rejected: 1, created: [] },
        { submitted: 50, added: 50, alreadyPresent: 0, rejected: 0, created: [] },
      ]),
    ).toEqual({ submitted: 150, added: 148, alreadyPresent: 1, rejected: 1, created: [] });
  });
});

describe('leadFromSmartlead', () => {
  const page = SmartleadCampaignLeadPage.parse({
    total_leads: '2',
    offset: 0,
    limit: 100,
    data: [
      {
        campaign_lead_map_id: 3312098841,
        status: 'INPROGRESS',
        lead: { id: 2758494567, email: 'dana@northwind.example', first_name: 'Dana', last_name: '', company_name: 'Northwind', is_unsubscribed: false, unsubscribed_client_id_map: { '31204': true } },
      },
      { campaign_lead_map_id: 3312098842, status: 'BLOCKED', lead: { id: 2758494568, email: 'lee@northwind.example', is_unsubscribed: null } },
    ],
  });

  it('keys the lead on lead.id, not campaign_lead_map_id', () => {
    expect(leadFromSmartlead(page.data[0]!, null)).toEqual({
      externalId: '2758494567',
      email: 'dana@northwind.example',
      firstName: 'Dana',
      lastName: null,
      companyName: 'Northwind',
      status: 'active',
    });
    expect(leadFromSmartlead(page.data[1]!, null)!.status).toBe('skipped');
  });

  it("reads a client-level unsubscribe only for that client's connection", () => {
    expect(leadFromSmartlead(page.data[0]!, '31204')!.status).toBe('unsubscribed');
    expect(leadFromSmartlead(page.data[0]!, '31205')!.status).toBe('active');
  });

  it('answers null for a status the engine does not know', () => {
    expect(leadFromSmartlead({ ...page.data[1]!, status: 'QUEUED' }, null)).toBeNull();
  });
});

describe('lead cursor', () => {
  it('round-trips an offset through an opaque cursor', () => {
    for (const offset of [0, 100, 12_345]) {
      const cursor = encodeLeadCursor(offset);
      expect(cursor).not.toMatch(/^\d+$/);
      expect(decodeLeadCursor(cursor)).toBe(offset);
    }
  });

  it('starts at offset 0 without a cursor and refuses cursors it did not issue', () => {
    expect(decodeLeadCursor(null)).toBe(0);
    expect(decodeLeadCursor('100')).toBeNull();
    expect(decodeLeadCursor(Buffer.from('sl-offset:-5').toString('base64url'))).toBeNull();
    expect(decodeLeadCursor(Buffer.from('other:100').toString('base64url'))).toBeNull();
  });
});
