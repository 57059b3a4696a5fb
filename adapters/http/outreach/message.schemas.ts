import { z } from 'zod';
import { MESSAGE_DIRECTIONS, type CampaignMessage } from '../../../application/outreach/messages/campaign-message.repository.js';
import { pageQueryFields } from '../routing/paged-response.js';
import { queryFlag } from '../routing/query-flag.js';

export const LeadMessagesParams = z.strictObject({ campaign_id: z.uuid(), lead_id: z.uuid() });

export const CampaignRepliesQuery = z.strictObject({ ...pageQueryFields });

export const MessageFeedQuery = z.strictObject({
  company_id: z.uuid().optional().describe('Org admins: the company to read (or all_companies=true). Company users: their own company only.'),
  all_companies: queryFlag.optional().describe('Org admins: every company of the organization. Company users get 403.'),
  campaign_id: z.uuid().optional().describe('Only this campaign; one outside your scope answers 404.'),
  direction: z.enum(MESSAGE_DIRECTIONS).optional(),
  mine_only: queryFlag.optional().describe('Only messages of campaigns you created.'),
  ...pageQueryFields,
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Rows to skip, for older clients. Prefer `after`: its cost does not grow with depth. Never together with `after` (422).'),
});

const messageFields = {
  id: z.uuid(),
  company_campaign_id: z.uuid().describe('The campaign.'),
  company_campaign_lead_id: z.uuid().nullable().describe('The lead of the campaign; null when the message could not be tied to one.'),
  external_message_id: z.string().describe("The message's id at the capability: a message is stored once per campaign and id."),
  direction: z.enum(MESSAGE_DIRECTIONS),
  sequence_step_number: z.number().int().nullable().describe('The sequence step that sent it; null for replies and manual messages.'),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  sent_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
};

export const CampaignMessageResponse = z.object(messageFields).meta({ id: 'CampaignMessageResponse' });
export const CampaignMessageList = z.array(CampaignMessageResponse).meta({ id: 'CampaignMessageList' });

export const OrgCampaignMessageResponse = z.object({ ...messageFields, company_id: z.uuid() }).meta({ id: 'OrgCampaignMessageResponse' });
export const OrgCampaignMessageList = z.array(OrgCampaignMessageResponse).meta({ id: 'OrgCampaignMessageList' });

/** Whitelists what leaves the building: addresses stay inside, new fields never leak by accident. */
export function toCampaignMessageResponse(message: CampaignMessage): z.output<typeof CampaignMessageResponse> {
  return {
    id: message.id,
    company_campaign_id: message.campaignId,
    company_campaign_lead_id: message.leadId,
    external_message_id: message.externalId,
    direction: message.direction,
    sequence_step_number: message.stepNumber,
    subject: message.subject,
    body: message.body,
    sent_at: message.sentAt.toISOString(),
    updated_at: message.updatedAt.toISOString(),
  };
}

export function toOrgCampaignMessageResponse(message: CampaignMessage): z.output<typeof OrgCampaignMessageResponse> {
  return { ...toCampaignMessageResponse(message), company_id: message.companyId };
}
