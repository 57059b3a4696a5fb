import type { HeyReachWorkspace, SimCampaign, SimCampaignLead, SimConversation, SimLeadProfile, StatCounter } from './heyreach-workspace.js';
import { HeyReachRefusal } from './heyreach-workspace.js';

/** The twelve event types a HeyReach webhook subscribes to (providers.md §3.3). */
export const HEYREACH_WEBHOOK_EVENTS = [
  'CONNECTION_REQUEST_SENT',
  'CONNECTION_REQUEST_ACCEPTED',
  'MESSAGE_SENT',
  'MESSAGE_REPLY_RECEIVED',
  'INMAIL_SENT',
  'INMAIL_REPLY_RECEIVED',
  'EVERY_MESSAGE_REPLY_RECEIVED',
  'FOLLOW_SENT',
  'LIKED_POST',
  'VIEWED_PROFILE',
  'CAMPAIGN_COMPLETED',
  'LEAD_TAG_UPDATED',
] as const;
export type HeyReachWebhookEvent = (typeof HEYREACH_WEBHOOK_EVENTS)[number];

export function isHeyReachWebhookEvent(value: string): value is HeyReachWebhookEvent {
  return (HEYREACH_WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** What happened, to whom: the rest of the payload comes from the workspace. */
export interface WebhookDetails {
  readonly campaignId: number;
  /** The lead's `linkedin_id`, or its profile URL. */
  readonly lead: string;
  /** Text of the message sent or received (message events); a plausible default otherwise. */
  readonly message?: string;
  /** For EVERY_MESSAGE_REPLY_RECEIVED: whether the reply came by InMail. */
  readonly isInMail?: boolean;
  /** For LEAD_TAG_UPDATED. */
  readonly tags?: readonly string[];
  /** For LIKED_POST. */
  readonly postUrl?: string;
}

const SENT_MESSAGE_EVENTS: ReadonlySet<HeyReachWebhookEvent> = new Set(['MESSAGE_SENT', 'INMAIL_SENT']);
const REPLY_EVENTS: ReadonlySet<HeyReachWebhookEvent> = new Set(['MESSAGE_REPLY_RECEIVED', 'INMAIL_REPLY_RECEIVED', 'EVERY_MESSAGE_REPLY_RECEIVED']);
const COUNTED_ACTIONS: Partial<Record<HeyReachWebhookEvent, StatCounter>> = {
  CONNECTION_REQUEST_SENT: 'connectionsSent',
  CONNECTION_REQUEST_ACCEPTED: 'connectionsAccepted',
  VIEWED_PROFILE: 'profileViews',
  FOLLOW_SENT: 'follows',
  LIKED_POST: 'postLikes',
};

/** Webhook bodies carry the tail of the thread, not all of it. */
const RECENT_MESSAGES = 10;

/**
 * Plays the event on the workspace (a sent or received message joins the conversation, actions
 * count in the statistics, a completed campaign finishes its leads) and builds the body HeyReach
 * posts for it: snake_case, `campaign{id,name}`, `sender{…}`, `lead{…}` and, for message events,
 * `is_inmail`, `conversation_id` and `recent_messages` — the shape of
 * reference/webhook-samples/heyreach/<EVENT>.json, keys in the same order. `event_type` is
 * lowercase as in the one evidenced fixture.
 */
export function playWebhookEvent(
  workspace: HeyReachWorkspace,
  eventType: HeyReachWebhookEvent,
  details: WebhookDetails,
  at: Date,
  correlationId: string,
): Record<string, unknown> {
  const campaign = workspace.campaign(details.campaignId);
  const profile = workspace.profileById(details.lead) ?? workspace.profileByUrl(details.lead);
  if (!profile) throw new HeyReachRefusal(404, 'The lead is not present in the campaign (lead is not present).');
  const row = workspace.campaignLead(campaign.id, { leadMemberId: profile.linkedinId });
  const envelope = { timestamp: at.toISOString(), event_type: eventType.toLowerCase(), correlation_id: correlationId };
  const people = { sender: senderOf(workspace, row), lead: leadOf(profile) };

  const counter = COUNTED_ACTIONS[eventType];
  if (counter) {
    workspace.count(campaign.id, row.senderAccountId, at, counter);
    row.lastActionTime = at.toISOString();
    if (row.status === 'Pending') row.status = 'InProgress';
  }

  if (SENT_MESSAGE_EVENTS.has(eventType) || REPLY_EVENTS.has(eventType)) {
    const isReply = REPLY_EVENTS.has(eventType);
    const isInMail = eventType.startsWith('INMAIL') || (eventType === 'EVERY_MESSAGE_REPLY_RECEIVED' && details.isInMail === true);
    const { conversation } = workspace.recordMessage({
      campaignId: campaign.id,
      leadLinkedinId: profile.linkedinId,
      sender: isReply ? 'THEM' : 'ME',
      body: details.message ?? defaultMessage(isReply, profile),
      isInMail,
      createdAt: at,
    });
    const thread = { is_inmail: isInMail, conversation_id: conversation.id, recent_messages: recentMessages(conversation) };
    if (isReply) {
      return { is_inmail: thread.is_inmail, recent_messages: thread.recent_messages, conversation_id: thread.conversation_id, campaign: campaignOf(campaign), ...people, ...envelope };
    }
    return { ...envelope, campaign: campaignOf(campaign), ...people, ...thread };
  }

  if (eventType === 'LEAD_TAG_UPDATED') return { ...envelope, sender: people.sender, lead: { ...people.lead, tags: [...(details.tags ?? [])] } };

  if (eventType === 'CAMPAIGN_COMPLETED') {
    campaign.status = 'FINISHED';
    for (const lead of campaign.leads) if (lead.status === 'Pending' || lead.status === 'InProgress') lead.status = 'Finished';
  }

  const base = { ...envelope, campaign: campaignOf(campaign), ...people };
  if (eventType === 'LIKED_POST') return { ...base, post_url: details.postUrl ?? 'https://www.linkedin.com/feed/update/urn:li:activity:7262345678901234567/' };
  return base;
}

function campaignOf(campaign: SimCampaign): Record<string, unknown> {
  return { id: campaign.id, name: campaign.name };
}

function senderOf(workspace: HeyReachWorkspace, row: SimCampaignLead): Record<string, unknown> {
  const account = workspace.senderAccount(row.senderAccountId);
  return {
    id: account.id,
    first_name: account.firstName,
    last_name: account.lastName,
    full_name: `${account.firstName} ${account.lastName}`.trim(),
    profile_url: account.profileUrl,
  };
}

function leadOf(profile: SimLeadProfile): Record<string, unknown> {
  return {
    id: profile.linkedinId,
    profile_url: profile.profileUrl,
    first_name: profile.firstName,
    last_name: profile.lastName,
    full_name: [profile.firstName, profile.lastName].filter(Boolean).join(' '),
    company_name: profile.companyName,
    position: profile.position,
    email_address: profile.emailAddress,
  };
}

function recentMessages(conversation: SimConversation): Record<string, unknown>[] {
  return conversation.messages.slice(-RECENT_MESSAGES).map((message) => ({
    creation_time: message.createdAt,
    message: message.body,
    is_reply: message.sender === 'THEM',
  }));
}

function defaultMessage(isReply: boolean, profile: SimLeadProfile): string {
  return isReply ? 'Thanks for reaching out - happy to chat next week.' : `Thanks for connecting, ${profile.firstName ?? 'there'}!`;
}
