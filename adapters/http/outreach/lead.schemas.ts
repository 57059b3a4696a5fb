import { z } from 'zod';
import type { NewLead } from '../../../application/outreach/leads/campaign-lead.repository.js';
import { MAX_LEADS_PER_REQUEST } from '../../../application/outreach/leads/add-campaign-leads.js';
import type { ChangeLeadStateResult } from '../../../application/outreach/leads/change-lead-state.js';
import { LEAD_STATUSES, type CampaignLead } from '../../../domain/outreach/campaign-lead.js';
import type { LeadImport } from '../../../domain/outreach/lead-import.js';
import { LEAD_IMPORT_STATUSES } from '../../../domain/outreach/lead-import.js';
import { pageQueryFields } from '../routing/paged-response.js';

const MAX_CUSTOM_FIELDS = 50;
const Text = (max: number) => z.string().trim().max(max).nullish();

export const LeadCreateInput = z
  .strictObject({
    email: z.email().max(320),
    first_name: Text(200),
    last_name: Text(200),
    company: Text(300),
    title: Text(300),
    phone: Text(50),
    linkedin_url: Text(500),
    custom_fields: z
      .record(z.string().min(1).max(100), z.string().max(2000))
      .refine((fields) => Object.keys(fields).length <= MAX_CUSTOM_FIELDS, `at most ${MAX_CUSTOM_FIELDS} custom fields`)
      .nullish()
      .describe('Merge variables for the sequence, by name.'),
  })
  .meta({ id: 'LeadCreateInput' });

export const CampaignLeadsAddRequest = z
  .strictObject({ leads: z.array(LeadCreateInput).min(1).max(MAX_LEADS_PER_REQUEST) })
  .meta({ id: 'CampaignLeadsAddRequest' });

export const CampaignLeadParams = z.strictObject({ campaign_id: z.uuid(), lead_id: z.uuid() });
export const LeadImportParams = z.strictObject({ campaign_id: z.uuid(), job_id: z.uuid() });

export const CampaignLeadListQuery = z.strictObject({ status: z.enum(LEAD_STATUSES).optional(), ...pageQueryFields });

const importCounts = {
  submitted: z.number().int().describe('Leads in the request.'),
  added: z.number().int().describe('Stored as new leads of the campaign.'),
  duplicates_in_request: z.number().int().describe('Repeated addresses within the request (the first one counts).'),
  already_in_campaign: z.number().int().describe('Addresses the campaign already had: left as they were.'),
  suppressed: z.number().int().describe("On the company's suppression list (unsubscribed or hard-bounced before): skipped."),
  pushed: z.number().int().describe('Handed to the capability so far.'),
  rejected_by_provider: z.number().int().describe('Refused by the capability (invalid, blocked or over a limit).'),
};

export const LeadImportResponse = z
  .object({
    id: z.uuid(),
    campaign_id: z.uuid(),
    status: z.enum(LEAD_IMPORT_STATUSES),
    ...importCounts,
    progress_percent: z.number().int().min(0).max(100).describe('Share of the added leads handed to the capability.'),
    attempts_failed: z.number().int(),
    last_error: z.string().nullable().describe('Why the last attempt failed; leads stay stored and the next import or a retry hands them over.'),
    created_at: z.iso.datetime(),
    started_at: z.iso.datetime().nullable(),
    finished_at: z.iso.datetime().nullable(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'LeadImportResponse' });

export const CampaignLeadMutationResponse = z
  .object({
    campaign_id: z.uuid(),
    affected: z.number().int().describe('Leads changed: added by an import, or 1/0 for a lead action (0: it already was so).'),
    status: z.enum(['added', 'paused', 'active', 'unsubscribed', 'pending', 'contacted', 'connected', 'not_interested', 'bounced', 'unknown']),
    import: LeadImportResponse.optional().describe('For lead additions: the import and its per-reason counts.'),
    lead_id: z.uuid().optional(),
  })
  .meta({ id: 'CampaignLeadMutationResponse' });

export const CampaignLeadResponse = z
  .object({
    id: z.uuid(),
    company_campaign_id: z.uuid(),
    external_lead_id: z.string().describe("The lead's id at the capability; empty until it has been handed over."),
    email: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    company_name: z.string().nullable(),
    title: z.string().nullable(),
    phone: z.string().nullable(),
    linkedin_url: z.string().nullable(),
    custom_fields: z.record(z.string(), z.string()),
    status: z.enum(LEAD_STATUSES),
    category: z.string().nullable(),
    sync_state: z.enum(['pending', 'synced', 'rejected']).describe('pending: stored, not yet handed to the capability.'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'CampaignLeadResponse' });

export const CampaignLeadList = z.array(CampaignLeadResponse).meta({ id: 'CampaignLeadList' });

export function toNewLead(input: z.output<typeof LeadCreateInput>): NewLead {
  return {
    email: input.email,
    firstName: input.first_name ?? null,
    lastName: input.last_name ?? null,
    companyName: input.company ?? null,
    title: input.title ?? null,
    phone: input.phone ?? null,
    linkedinUrl: input.linkedin_url ?? null,
    customFields: input.custom_fields ?? {},
  };
}

export function toLeadImportResponse(job: LeadImport): z.output<typeof LeadImportResponse> {
  return {
    id: job.id,
    campaign_id: job.campaignId,
    status: job.status,
    submitted: job.submitted,
    added: job.added,
    duplicates_in_request: job.duplicatesInRequest,
    already_in_campaign: job.alreadyInCampaign,
    suppressed: job.suppressed,
    pushed: job.pushed,
    rejected_by_provider: job.rejectedByProvider,
    progress_percent: job.added === 0 ? 100 : Math.min(100, Math.floor((job.pushed * 100) / job.added)),
    attempts_failed: job.attempts,
    last_error: job.lastError,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
    updated_at: job.updatedAt.toISOString(),
  };
}

export function toImportMutationResponse(job: LeadImport): z.output<typeof CampaignLeadMutationResponse> {
  return { campaign_id: job.campaignId, affected: job.added, status: job.status === 'completed' ? 'added' : 'pending', import: toLeadImportResponse(job) };
}

export function toLeadMutationResponse(campaignId: string, result: ChangeLeadStateResult): z.output<typeof CampaignLeadMutationResponse> {
  const status = result.status === 'replied' ? 'unknown' : result.status;
  return { campaign_id: campaignId, affected: result.affected, status, lead_id: result.lead.id };
}

export function toCampaignLeadResponse(lead: CampaignLead): z.output<typeof CampaignLeadResponse> {
  return {
    id: lead.id,
    company_campaign_id: lead.campaignId,
    external_lead_id: lead.externalLeadId ?? '',
    email: lead.email,
    first_name: lead.firstName,
    last_name: lead.lastName,
    company_name: lead.companyName,
    title: lead.title,
    phone: lead.phone,
    linkedin_url: lead.linkedinUrl,
    custom_fields: { ...lead.customFields },
    status: lead.status,
    category: lead.category,
    sync_state: lead.syncState,
    created_at: lead.createdAt.toISOString(),
    updated_at: lead.updatedAt.toISOString(),
  };
}
