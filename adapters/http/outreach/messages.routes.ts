import type { GetLeadThread } from '../../../application/outreach/messages/get-lead-thread.js';
import type { ListCampaignReplies } from '../../../application/outreach/messages/list-campaign-replies.js';
import type { ListMessageFeed } from '../../../application/outreach/messages/list-message-feed.js';
import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { campaignCallerOf } from './campaign-caller-of.js';
import { CampaignIdParams } from './campaign.schemas.js';
import {
  CampaignMessageList,
  CampaignRepliesQuery,
  LeadMessagesParams,
  MessageFeedQuery,
  OrgCampaignMessageList,
  toCampaignMessageResponse,
  toOrgCampaignMessageResponse,
} from './message.schemas.js';
import { campaignNotFound } from './outreach-error-responses.js';

export interface MessageUseCases {
  readonly listMessageFeed: ListMessageFeed;
  readonly listCampaignReplies: ListCampaignReplies;
  readonly getLeadThread: GetLeadThread;
}

/** Whether a thread was refreshed from the capability just now (`provider`) or served as stored (`local`). */
export const DATA_SOURCE_HEADER = 'X-Data-Source';
/** With `local`: why the capability was not consulted, as a stable code. */
export const DATA_SOURCE_REASON_HEADER = 'X-Data-Source-Reason';

const TAGS = ['campaigns'];

/**
 * Must be mounted before the campaign routes: `GET /api/campaigns/{campaign_id}` would otherwise
 * take `/api/campaigns/messages` and refuse "messages" as a campaign id.
 */
export function messageRoutes(useCases: MessageUseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/campaigns/messages',
      operationId: 'list_messages_feed',
      summary: 'The unified inbox: messages of every campaign you may see, newest first.',
      description:
        'Served locally. Org admins pass company_id or all_companies=true; company users see their company. ' +
        'Page with `after` (the X-Next-Cursor of the previous page: constant cost at any depth) or, for older clients, `offset` — not both (422).',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      query: MessageFeedQuery,
      responses: {
        200: pagedResponseSpec('One page of messages, newest first.', OrgCampaignMessageList),
        400: { description: 'An org admin named neither company_id nor all_companies=true (`company_scope_required`), or both.', schema: ErrorEnvelopeSchema },
        403: { description: 'all_companies=true from a company user.', schema: ErrorEnvelopeSchema },
        404: { description: 'company_id names no company you may see, or campaign_id no campaign within the scope.', schema: ErrorEnvelopeSchema },
        422: { description: 'A query parameter is invalid, or `after` and `offset` were both given (`paging_conflict`).', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ query, principal }) =>
        pagedResult(
          await useCases.listMessageFeed.execute({
            caller: campaignCallerOf(principal),
            companyId: query.company_id,
            allCompanies: query.all_companies,
            campaignId: query.campaign_id,
            direction: query.direction,
            mineOnly: query.mine_only,
            limit: query.limit,
            after: query.after,
            offset: query.offset,
          }),
          toOrgCampaignMessageResponse,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/replies',
      operationId: 'list_campaign_replies',
      summary: "A campaign's replies (inbound messages), newest first.",
      description: 'Served locally from what thread refreshes and webhooks stored; keyset-paginated through X-Next-Cursor.',
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      params: CampaignIdParams,
      query: CampaignRepliesQuery,
      responses: { 200: pagedResponseSpec('One page of replies, newest first.', CampaignMessageList), 404: campaignNotFound },
      handle: async ({ params, query, principal }) =>
        pagedResult(
          await useCases.listCampaignReplies.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id, limit: query.limit, after: query.after }),
          toCampaignMessageResponse,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{campaign_id}/leads/{lead_id}/messages',
      operationId: 'list_campaign_lead_messages',
      summary: 'The thread with one lead, oldest first.',
      description:
        'Refreshed from the capability when it can answer (campaign and lead created there, capability connected), then served as stored. ' +
        `When it cannot — or fails — the stored thread is served instead: ${DATA_SOURCE_HEADER} says \`provider\` or \`local\`, ` +
        `and ${DATA_SOURCE_REASON_HEADER} why with \`local\`. A refreshed reply moves the lead to \`replied\` unless it unsubscribed or bounced.`,
      tags: TAGS,
      auth: 'tenant',
      permission: 'campaigns.read',
      params: LeadMessagesParams,
      responses: {
        200: {
          description: 'The thread, oldest first.',
          schema: CampaignMessageList,
          headers: {
            [DATA_SOURCE_HEADER]: { description: '`provider`: refreshed just now; `local`: as stored.' },
            [DATA_SOURCE_REASON_HEADER]: {
              description:
                'With `local`: campaign_not_synced, lead_not_synced, capability_not_entitled, capability_not_connected, operation_not_supported, ' +
                'capability_unavailable, capability_credentials_rejected or capability_failed.',
            },
          },
        },
        404: { description: 'No campaign you may see has this id (`campaign_not_found`), or no lead of it this one (`lead_not_found`).', schema: ErrorEnvelopeSchema },
      },
      handle: async ({ params, principal }) => {
        const thread = await useCases.getLeadThread.execute({ caller: campaignCallerOf(principal), campaignId: params.campaign_id, leadId: params.lead_id });
        const headers: Record<string, string> =
          thread.source.kind === 'provider'
            ? { [DATA_SOURCE_HEADER]: 'provider' }
            : { [DATA_SOURCE_HEADER]: 'local', [DATA_SOURCE_REASON_HEADER]: thread.source.reason };
        return { status: 200, body: thread.messages.map(toCampaignMessageResponse), headers };
      },
    }),
  ];
}
