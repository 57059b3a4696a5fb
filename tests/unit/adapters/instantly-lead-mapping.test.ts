import { describe, expect, it } from 'vitest';
import {
  addBatchOutcome,
  EMPTY_ADD_LEADS_OUTCOME,
  leadToInstantly,
} from '../../../adapters/providers/instantly/instantly-lead-mapping.js';
import type { InstantlyAddLeadsResult } from '../../../adapters/providers/instantly/instantly.schemas.js';

function result(overrides: Partial<InstantlyAddLeadsResult>): InstantlyAddLeadsResult {
  return {
    leads_uploaded: 0,
    in_blocklist: 0,
    duplicated_leads: 0,
    skipped_count: 0,
    invalid_email_count: 0,
    incomplete_count: 0,
    duplicate_email_count: 0,
    created_leads: [],
    ...overrides,
  };
}

describe('a lead as Instantly takes it', () => {
  it('uses Instantly field names and carries the LinkedIn URL as a custom variable', () => {
    expect(
      leadToInstantly({
        email: 'dana@northwind.io',
        firstName: 'Dana',
        lastName: 'Reyes',
        companyName: 'Northwind',
        title: 'VP Finance',
        phone: '+1 555 0100',
        website: 'northwind.io',
        linkedinUrl: 'https://www.linkedin.com/in/danareyes',
        customFields: { icebreaker: 'Saw the ERP post' },
      }),
    ).toEqual({
      email: 'dana@northwind.io',
      first_name: 'Dana',
      last_name: 'Reyes',
      company_name: 'Northwind',
      job_title: 'VP Finance',
      phone: '+1 555 0100',
      website: 'northwind.io',
      custom_variables: { icebreaker: 'Saw the ERP post', linkedinUrl: 'https://www.linkedin.com/in/danareyes' },
    });
  });

  it('leaves out empty fields instead of sending nulls, and custom_variables when there are none', () => {
    expect(leadToInstantly({ email: 'x@y.io', firstName: null, lastName: '', companyName: undefined, customFields: {} })).toEqual({ email: 'x@y.io' });
  });

  it('lets the LinkedIn field win over a custom field of the same name', () => {
    expect(leadToInstantly({ email: 'x@y.io', linkedinUrl: 'https://l.in/a', customFields: { linkedinUrl: 'stale' } }).custom_variables).toEqual({
      linkedinUrl: 'https://l.in/a',
    });
  });
});

describe('add-leads counts', () => {
  it('reads uploads as added, campaign and in-request duplicates as present, the rest as rejected', () => {
    const outcome = addBatchOutcome(
      EMPTY_ADD_LEADS_OUTCOME,
      20,
      result({
        leads_uploaded: 10,
        duplicated_leads: 2,
        skipped_count: 3,
        duplicate_email_count: 1,
        in_blocklist: 2,
        invalid_email_count: 1,
        incomplete_count: 1,
        created_leads: [{ id: 'l-1', email: 'a@x.io' }],
      }),
    );

    expect(outcome).toEqual({ submitted: 20, added: 10, alreadyPresent: 6, rejected: 4, created: [{ email: 'a@x.io', externalId: 'l-1' }] });
  });

  it('counts what a plan limit kept out as rejected, though Instantly reports it only as a smaller upload', () => {
    expect(addBatchOutcome(EMPTY_ADD_LEADS_OUTCOME, 100, result({ leads_uploaded: 60 })).rejected).toBe(40);
  });

  it('sums batches', () => {
    const first = addBatchOutcome(EMPTY_ADD_LEADS_OUTCOME, 1000, result({ leads_uploaded: 999, duplicated_leads: 1, created_leads: [{ id: '1', email: 'a@x.io' }] }));
    const both = addBatchOutcome(first, 5, result({ leads_uploaded: 4, in_blocklist: 1, created_leads: [{ id: '2', email: 'b@x.io' }] }));

    expect(both).toEqual({
      submitted: 1005,
      added: 1003,
      alreadyPresent: 1,
      rejected: 1,
      created: [
        { email: 'a@x.io', externalId: '1' },
        { email: 'b@x.io', externalId: '2' },
      ],
    });
  });
});
