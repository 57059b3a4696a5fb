import type { LinkedInLeadInput } from '../../../application/outreach/linkedin-outreach-provider.port.js';

/** The `lead` object of an `accountLeadPairs` entry of `AddLeadsToCampaignV2`. */
export interface HeyReachLeadPayload {
  readonly profileUrl: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly companyName?: string;
  readonly position?: string;
  readonly emailAddress?: string;
  readonly customUserFields: readonly { readonly name: string; readonly value: string }[];
}

/** HeyReach accepts custom field names of letters, digits and underscores only. */
const CUSTOM_FIELD_NAME = /^[A-Za-z0-9_]+$/;

/** Custom field names HeyReach would refuse, so the adapter can refuse before sending any batch. */
export function invalidCustomFieldNames(leads: readonly LinkedInLeadInput[]): string[] {
  const invalid = new Set<string>();
  for (const lead of leads) for (const name of Object.keys(lead.customFields ?? {})) if (!CUSTOM_FIELD_NAME.test(name)) invalid.add(name);
  return [...invalid];
}

/**
 * No `linkedInAccountId`: the engine does not pin a lead to a sender, so HeyReach spreads leads
 * over the campaign's accounts. `customUserFields` sits inside `lead` — next to it HeyReach drops
 * it silently (providers.md §3.2). Absent fields are left out rather than sent as null, so a
 * re-add never blanks data HeyReach already holds.
 */
export function accountLeadPairOf(lead: LinkedInLeadInput): { readonly lead: HeyReachLeadPayload } {
  return {
    lead: {
      profileUrl: lead.profileUrl,
      ...present('firstName', lead.firstName),
      ...present('lastName', lead.lastName),
      ...present('companyName', lead.companyName),
      ...present('position', lead.position),
      ...present('emailAddress', lead.email),
      customUserFields: Object.entries(lead.customFields ?? {}).map(([name, value]) => ({ name, value })),
    },
  };
}

function present<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value === null || value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}
