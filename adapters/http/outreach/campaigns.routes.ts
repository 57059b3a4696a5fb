import type { ChangeCampaignStatus } from '../../../application/outreach/campaigns/change-campaign-status.js';
import type { CreateCampaign } from '../../../application/outreach/campaigns/create-campaign.js';
import type { GetCampaign } from '../../../application/outreach/campaigns/get-campaign.js';
import type { ListCampaigns } from '../../../application/outreach/campaigns/list-campaigns.js';
import { requestContextOf } from '../auth/request-context-of.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { campaignCallerOf } from './campaign-caller-of.js';
import {
  CampaignCreateRequest,
  CampaignIdParams,
  CampaignList,
  CampaignListQuery,
  CampaignResponse,
  CampaignStatusUpdateRequest,
  toCampaignResponse,
} from './campaign.schemas.js';
import { campaignNotFound, capabilityErrors } from './outreach-error-responses.js';

export interface CampaignUseCases {
  readonly createCampaign: CreateCampaign;
  readonly listCampaigns: ListCampaigns;
  readonly getCampaign: GetCampaign;
  readonly changeCampaignStatus: ChangeCampaignStatus;
}

const TAGS = ['campaigns'];

export function campaignRoutes(useCases: CampaignUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/campaigns/',
      operationId: 'create_campaign',
      summary: 'Create an email campaign for a company.',
      description:
        'The campaign is stored first, then created at the capability. If that step fails (502/503) the campaign stays listed with ' +
        'sync_state `failed` and its id in the Location header; any later status change, sequence save or lead import completes the creation.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.write',
      body: CampaignCreateRequest,
      responses: {
        201: { description: 'Created here and at the capability.', schema: CampaignResponse },
        400: { description: 'An org admin named no company_id (`company_scope_required`).', schema: ErrorEnvelopeSchema },
        404: { description: 'company_id names no live company you may see.', schema: ErrorEnvelopeSchema },
        409: {
          description: 'The organization is not active, or the company\'s email outreach capability is not entitled/connected.',
          schema: ErrorEnvelopeSchema,
        },
        ...capabilityErrors,
      },
      handle: async ({ body, principal, requestId, ctx }) => {
        const { campaign, failure } = await useCases.createCampaign.execute({
          context: requestContextOf(principal, requestId),
          caller: campaignCallerOf(principal),
          name: body.name,
          companyId: body.company_id ?? undefined,
        });
        const location = `/api/campaigns/${campaign.id}`;
        if (failure) {
          // The stored draft is where a retry goes: the failure answer still points at it.
          ctx.set('Location', location);
          throw failure;
        }
        return { status: 201, body: toCampaignResponse(campaign), headers: { Location: location } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/',
      operationId: 'list_campaigns',
      summary: 'List the campaigns of companies you may see, oldest first.',
      description: 'Served locally; keyset-paginated through X-Next-Cursor. Org admins pass company_id or all_companies=true.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      query: CampaignListQuery,
      responses: {
        200: pagedResponseSpec('One page of campaigns.', CampaignList),
        400: { description: 'An org admin named neither company_id nor all_companies=true, or both.', schema: ErrorEnvelopeSchema },
        403: { description: 'all_companies=true from a company user.', schema: ErrorEnvelopeSchema },
        404: { description: 'company_id names no live company you may see.', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ query, principal }) =>
        pagedResult(
          await useCases.listCampaigns.execute({
            caller: campaignCallerOf(principal),
            companyId: query.company_id,
            allCompanies: query.all_companies,
            mineOnly: query.mine_only,
            status: query.status,
            limit: query.limit,
            after: query.after,
          }),
          toCampaignResponse,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}',
      operationId: 'get_campaign',
      summary: 'One campaign.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      params: CampaignIdParams,
      responses: { 200: { description: 'The campaign.', schema: CampaignResponse }, 404: campaignNotFound },
      handle: async ({ params, principal }) => ({
        status: 200,
        body: toCampaignResponse(await useCases.getCampaign.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id })),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/campaigns/{campaign_id}/status',
      operationId: 'update_campaign_status',
      summary: 'Launch, pause, resume or stop a campaign.',
      description:
        'DRAFTED → ACTIVE | STOPPED; ACTIVE → PAUSED | STOPPED; PAUSED → ACTIVE | STOPPED. STOPPED and COMPLETED are final. ' +
        'Asking for the current status changes nothing. The capability is told first; the status changes only once it agreed.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.write',
      params: CampaignIdParams,
      body: CampaignStatusUpdateRequest,
      responses: {
        200: { description: 'The campaign in its new status.', schema: CampaignResponse },
        404: campaignNotFound,
        409: {
          description:
            'Illegal transition (`illegal_campaign_transition`, names the current status), organization not active, capability not connected, or the operation is not available (`operation_not_supported`).',
          schema: ErrorEnvelopeSchema,
        },
        ...capabilityErrors,
      },
      handle: async ({ params, body, principal, requestId }) => {
        const campaign = await useCases.changeCampaignStatus.execute({
          context: requestContextOf(principal, requestId),
          caller: campaignCallerOf(principal),
          campaignId: params.campaign_id,
          status: body.status,
        });
        return { status: 200, body: toCampaignResponse(campaign) };
      },
    }),
  ];
}
