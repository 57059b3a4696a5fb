import type { AddCampaignLeads } from '../../../application/outreach/leads/add-campaign-leads.js';
import type { ChangeLeadState } from '../../../application/outreach/leads/change-lead-state.js';
import type { GetLeadImport } from '../../../application/outreach/leads/get-lead-import.js';
import type { ListCampaignLeads } from '../../../application/outreach/leads/list-campaign-leads.js';
import type { LeadControl } from '../../../domain/outreach/lead-controls.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { campaignCallerOf } from './campaign-caller-of.js';
import { CampaignIdParams } from './campaign.schemas.js';
import {
  CampaignLeadList,
  CampaignLeadListQuery,
  CampaignLeadMutationResponse,
  CampaignLeadParams,
  CampaignLeadsAddRequest,
  LeadImportParams,
  LeadImportResponse,
  toCampaignLeadResponse,
  toImportMutationResponse,
  toLeadImportResponse,
  toLeadMutationResponse,
  toNewLead,
} from './lead.schemas.js';
import { campaignNotFound, capabilityErrors } from './outreach-error-responses.js';

export interface LeadUseCases {
  readonly addCampaignLeads: AddCampaignLeads;
  readonly listCampaignLeads: ListCampaignLeads;
  readonly getLeadImport: GetLeadImport;
  readonly changeLeadState: ChangeLeadState;
}

const TAGS = ['campaign leads'];
const leadNotFound = { description: 'No campaign you may see has this id, or the lead is not one of its leads.', schema: ErrorEnvelopeSchema };

const CONTROL_SUMMARIES: Readonly<Record<LeadControl, string>> = {
  pause: 'Pause one lead: no more steps are sent to it until it is resumed.',
  resume: 'Resume a paused lead.',
  unsubscribe: "Unsubscribe one lead; its address joins the company's suppression list.",
};

function leadControlRoute(control: LeadControl, useCases: LeadUseCases): AnyRoute {
  return defineRoute({
    method: 'post',
    path: `/api/campaigns/{campaign_id}/leads/{lead_id}/${control}`,
    operationId: `${control}_campaign_lead`,
    summary: CONTROL_SUMMARIES[control],
    description: 'The capability is told first; asking again for the state the lead is in changes nothing (affected 0).',
    tags: TAGS,
    auth: 'tenant',
    permission: 'campaigns.write',
    params: CampaignLeadParams,
    responses: {
      200: { description: 'The lead in its new state.', schema: CampaignLeadMutationResponse },
      404: leadNotFound,
      409: {
        description:
          'The lead cannot move so from its status (`illegal_lead_transition`), has not reached the capability yet (`lead_not_synced`), ' +
          'or the capability has no such per-lead action (`operation_not_supported`).',
        schema: ErrorEnvelopeSchema,
      },
      ...capabilityErrors,
    },
    handle: async ({ params, principal, requestId }) => {
      const result = await useCases.changeLeadState.execute({
        context: requestContextOf(principal, requestId),
        caller: campaignCallerOf(principal),
        campaignId: params.campaign_id,
        leadId: params.lead_id,
        control,
      });
      return { status: 200, body: toLeadMutationResponse(params.campaign_id, result) };
    },
  });
}

export function leadRoutes(useCases: LeadUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/campaigns/{campaign_id}/leads',
      operationId: 'add_campaign_leads',
      summary: 'Add up to 10,000 leads to a campaign.',
      description:
        'Repeated addresses, addresses already in the campaign and suppressed addresses are counted and skipped. Every other lead is stored ' +
        'before the answer. Small imports are handed to the capability within the request (200); larger ones by a background job (202) ' +
        'whose progress GET …/lead-imports/{job_id} reports. If the capability fails (502/503) the leads stay stored as pending, and the ' +
        'next import of the campaign — for instance the same request again — hands them over.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.write',
      params: CampaignIdParams,
      body: CampaignLeadsAddRequest,
      responses: {
        200: { description: 'Stored and handed to the capability.', schema: CampaignLeadMutationResponse },
        202: { description: 'Stored; a background job hands them to the capability (see import.id).', schema: CampaignLeadMutationResponse },
        404: campaignNotFound,
        409: {
          description: 'The campaign is STOPPED or COMPLETED, the organization is not active, or the capability is not connected.',
          schema: ErrorEnvelopeSchema,
        },
        422: { description: 'A lead is invalid (its index is in the error location), or more than 10,000 leads.', schema: ErrorEnvelopeSchema },
        ...capabilityErrors,
      },
      handle: async ({ params, body, principal, requestId }) => {
        const result = await useCases.addCampaignLeads.execute({
          context: requestContextOf(principal, requestId),
          caller: campaignCallerOf(principal),
          campaignId: params.campaign_id,
          leads: body.leads.map(toNewLead),
        });
        const location = `/api/campaigns/${params.campaign_id}/lead-imports/${result.import.id}`;
        return { status: result.mode === 'queued' ? 202 : 200, body: toImportMutationResponse(result.import), headers: { Location: location } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/leads',
      operationId: 'list_campaign_leads',
      summary: "A campaign's leads, oldest first.",
      description: 'Served locally; keyset-paginated through X-Next-Cursor.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      params: CampaignIdParams,
      query: CampaignLeadListQuery,
      responses: { 200: pagedResponseSpec('One page of leads.', CampaignLeadList), 404: campaignNotFound },
      handle: async ({ params, query, principal }) =>
        pagedResult(
          await useCases.listCampaignLeads.execute({
            caller: campaignCallerOf(principal),
            campaignId: params.campaign_id,
            status: query.status,
            limit: query.limit,
            after: query.after,
          }),
          toCampaignLeadResponse,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/lead-imports/{job_id}',
      operationId: 'get_lead_import',
      summary: 'Progress and per-reason counts of one lead import.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      params: LeadImportParams,
      responses: {
        200: { description: 'The import.', schema: LeadImportResponse },
        404: { description: 'No campaign you may see has this id, or the import is not one of its imports.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, principal }) => ({
        status: 200,
        body: toLeadImportResponse(
          await useCases.getLeadImport.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id, importId: params.job_id }),
        ),
      }),
    }),
    leadControlRoute('pause', useCases),
    leadControlRoute('resume', useCases),
    leadControlRoute('unsubscribe', useCases),
  ];
}
