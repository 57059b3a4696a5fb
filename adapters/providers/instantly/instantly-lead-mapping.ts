import type {
  AddLeadsOutcome,
  EmailLeadInput,
  ProviderEmailLead,
  ProviderLeadStatus,
} from '../../../application/outreach/email-outreach-provider.port.js';
import type { InstantlyAddLeadsResult, InstantlyLead } from './instantly.schemas.js';

/** One lead in a `POST /api/v2/leads/add` body. */
export interface InstantlyLeadBody {
  readonly email: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly company_name?: string;
  readonly job_title?: string;
  readonly phone?: string;
  readonly website?: string;
  readonly custom_variables?: Readonly<Record<string, string>>;
}

/**
 * Instantly has no LinkedIn field on a lead; the URL travels as a custom variable under this name
 * (camelCase like Instantly's own variables, usable as `{{linkedinUrl}}` in copy).
 */
export const LINKEDIN_URL_VARIABLE = 'linkedinUrl';

/** A lead as Instantly takes it: empty fields are left out rather than sent as null. */
export function leadToInstantly(lead: EmailLeadInput): InstantlyLeadBody {
  const customVariables: Record<string, string> = { ...lead.customFields };
  if (lead.linkedinUrl) customVariables[LINKEDIN_URL_VARIABLE] = lead.linkedinUrl;
  return {
    email: lead.email,
    ...(lead.firstName ? { first_name: lead.firstName } : {}),
    ...(lead.lastName ? { last_name: lead.lastName } : {}),
    ...(lead.companyName ? { company_name: lead.companyName } : {}),
    ...(lead.title ? { job_title: lead.title } : {}),
    ...(lead.phone ? { phone: lead.phone } : {}),
    ...(lead.website ? { website: lead.website } : {}),
    ...(Object.keys(customVariables).length > 0 ? { custom_variables: customVariables } : {}),
  };
}

export const EMPTY_ADD_LEADS_OUTCOME: AddLeadsOutcome = { submitted: 0, added: 0, alreadyPresent: 0, rejected: 0, created: [] };

/**
 * One batch's counts folded into the running outcome:
 * - added: `leads_uploaded`;
 * - alreadyPresent: `duplicated_leads` (already in the campaign), `skipped_count` (skipped by
 *   `skip_if_in_campaign`, i.e. also already there) and `duplicate_email_count` (repeats within the
 *   request, whose first copy was added);
 * - rejected: the rest of the batch — block list (`in_blocklist`), invalid or incomplete addresses,
 *   and whatever a plan limit kept out, which Instantly reports only as a smaller upload count.
 */
export function addBatchOutcome(outcome: AddLeadsOutcome, batchSize: number, result: InstantlyAddLeadsResult): AddLeadsOutcome {
  const alreadyPresent = result.duplicated_leads + result.skipped_count + result.duplicate_email_count;
  const rejected = Math.max(0, batchSize - result.leads_uploaded - alreadyPresent);
  return {
    submitted: outcome.submitted + batchSize,
    added: outcome.added + result.leads_uploaded,
    alreadyPresent: outcome.alreadyPresent + alreadyPresent,
    rejected: outcome.rejected + rejected,
    created: [...outcome.created, ...result.created_leads.map((lead) => ({ email: lead.email, externalId: lead.id }))],
  };
}

export function leadFromInstantly(lead: InstantlyLead, status: ProviderLeadStatus): ProviderEmailLead {
  return {
    externalId: lead.id,
    email: lead.email,
    firstName: lead.first_name,
    lastName: lead.last_name,
    companyName: lead.company_name,
    status,
  };
}
