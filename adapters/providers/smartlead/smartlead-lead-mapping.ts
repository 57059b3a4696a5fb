import type { AddLeadsOutcome, EmailLeadInput, ProviderEmailLead } from '../../../application/outreach/email-outreach-provider.port.js';
import type { SmartleadAddLeadsResult, SmartleadCampaignLeadPage } from './smartlead.schemas.js';
import { leadStatusFromSmartlead } from './smartlead-status-mapping.js';

/** One entry of `lead_list`; absent fields are left out rather than sent as null. */
export interface SmartleadLeadWrite {
  readonly email: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly company_name?: string;
  readonly phone_number?: string;
  readonly website?: string;
  readonly linkedin_profile?: string;
  readonly custom_fields?: Readonly<Record<string, string>>;
}

/**
 * The flags of `settings` on every upload, all false: Smartlead then honours its global block
 * list, its unsubscribe list and its community bounce list, and skips a lead another campaign of
 * the account is already working (so one person is not sequenced twice at once). The engine never
 * overrides those protections on a tenant's behalf.
 */
export const SMARTLEAD_UPLOAD_SETTINGS = Object.freeze({
  ignore_global_block_list: false,
  ignore_unsubscribe_list: false,
  ignore_community_bounce_list: false,
  ignore_duplicate_leads_in_other_campaign: false,
});

export interface SmartleadAddLeadsWrite {
  readonly lead_list: readonly SmartleadLeadWrite[];
  readonly settings: typeof SMARTLEAD_UPLOAD_SETTINGS;
}

function present(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value.trim() !== '';
}

/**
 * Smartlead has no job-title field, so a title travels as the custom field `title` (usable in
 * templates as {{title}}), unless the caller set a custom field of that name itself.
 */
export function leadToSmartlead(lead: EmailLeadInput): SmartleadLeadWrite {
  const customFields: Record<string, string> = {};
  if (present(lead.title)) customFields['title'] = lead.title;
  Object.assign(customFields, lead.customFields ?? {});
  return {
    email: lead.email,
    ...(present(lead.firstName) ? { first_name: lead.firstName } : {}),
    ...(present(lead.lastName) ? { last_name: lead.lastName } : {}),
    ...(present(lead.companyName) ? { company_name: lead.companyName } : {}),
    ...(present(lead.phone) ? { phone_number: lead.phone } : {}),
    ...(present(lead.website) ? { website: lead.website } : {}),
    ...(present(lead.linkedinUrl) ? { linkedin_profile: lead.linkedinUrl } : {}),
    ...(Object.keys(customFields).length > 0 ? { custom_fields: customFields } : {}),
  };
}

export function addLeadsBody(leads: readonly EmailLeadInput[]): SmartleadAddLeadsWrite {
  return { lead_list: leads.map(leadToSmartlead), settings: SMARTLEAD_UPLOAD_SETTINGS };
}

/**
 * Counts of one upload. Live users report that `total_leads` is what this call actually added
 * (`upload_count` only counts rows processed). Refused are the invalid, block-listed, unsubscribed,
 * bounced and plan-limited leads, plus `duplicate_count` — leads another campaign already has,
 * which the upload settings tell Smartlead to skip. Smartlead answers no lead ids on upload.
 */
export function addLeadsOutcomeOf(result: SmartleadAddLeadsResult, submitted: number): AddLeadsOutcome {
  const unsubscribed = Array.isArray(result.unsubscribed_leads) ? result.unsubscribed_leads.length : (result.unsubscribed_leads ?? 0);
  return {
    submitted,
    added: result.total_leads,
    alreadyPresent: result.already_added_to_campaign,
    rejected:
      result.invalid_email_count +
      unsubscribed +
      result.block_count +
      result.bounce_count +
      result.lead_import_stopped_count +
      result.duplicate_count,
    created: [],
  };
}

type CampaignLeadItem = SmartleadCampaignLeadPage['data'][number];

/**
 * A campaign lead, keyed on `lead.id` — the id every per-lead path takes — and not on
 * `campaign_lead_map_id`, which only the master inbox uses. An unsubscribe is read from the global
 * flag or, for an agency client, from the client's entry in `unsubscribed_client_id_map`.
 * Null for a lead status the engine does not know.
 */
export function leadFromSmartlead(item: CampaignLeadItem, clientId: string | null): ProviderEmailLead | null {
  const lead = item.lead;
  const unsubscribed = lead.is_unsubscribed === true || (clientId !== null && lead.unsubscribed_client_id_map?.[clientId] === true);
  const status = leadStatusFromSmartlead(item.status, unsubscribed);
  if (status === null) return null;
  return {
    externalId: lead.id,
    email: lead.email,
    firstName: lead.first_name,
    lastName: lead.last_name,
    companyName: lead.company_name,
    status,
  };
}
