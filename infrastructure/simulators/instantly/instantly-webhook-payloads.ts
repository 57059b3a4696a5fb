import type { InstantlySimulatorState, SimCampaign, SimEmail, SimLead } from './instantly-simulator-state.js';

/**
 * Webhook bodies shaped like Instantly's (providers.md §4.3 and the reference samples): the
 * envelope `timestamp, event_type, workspace, campaign_id, campaign_name`, then per event the lead,
 * the sending account, the step and variant (1-based), the email, and the lead's own data merged
 * in as extra top-level keys. Instantly signs nothing: a subscription can only carry custom
 * headers, which the caller passes along with the delivery.
 */
export interface InstantlyWebhookDetails {
  readonly campaignId: string;
  /** Required for every lead event (all but `account_error` and `campaign_completed`). */
  readonly leadEmail?: string;
  /** The email the event is about; defaults to the lead's latest one of the right kind, recorded if none exists. */
  readonly emailId?: string;
  /** Defaults to the sender of the lead's latest email, else the campaign's first sender. */
  readonly emailAccount?: string;
  /** 1-based; defaults to the step of the email the event is about. */
  readonly step?: number;
  /** 1-based (1 = variant A). */
  readonly variant?: number;
  /** The custom headers of the subscription, e.g. `{ 'x-shared-secret': '…' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timestamp?: Date;
}

/** Events about one sent email: they carry step, variant and is_first. */
const MESSAGE_EVENTS = new Set(['email_sent', 'email_opened', 'link_clicked', 'email_bounced', 'reply_received', 'auto_reply_received']);
const REPLY_EVENTS = new Set(['reply_received', 'auto_reply_received']);

/**
 * Builds the payload of one event from the simulator's state, applying the event to the state
 * as it would have happened (an open counts, a bounce marks the lead, a send or reply that was not
 * recorded yet is recorded).
 */
export function instantlyWebhookPayload(state: InstantlySimulatorState, eventType: string, details: InstantlyWebhookDetails): Record<string, unknown> {
  const campaign = state.campaign(details.campaignId);
  const envelope = {
    timestamp: (details.timestamp ?? new Date()).toISOString(),
    event_type: eventType,
    workspace: campaign.organization,
    campaign_id: campaign.id,
    campaign_name: campaign.name,
  };
  if (eventType === 'campaign_completed') return envelope;
  if (eventType === 'account_error') return { ...envelope, email_account: details.emailAccount ?? senderOf(state, campaign, []) };
  if (!details.leadEmail) throw new Error(`a ${eventType} webhook needs a lead`);
  const lead = state.lead(campaign.id, details.leadEmail);
  const thread = state.emailsOf(campaign.id, lead.email);
  const base = { ...envelope, lead_email: lead.email, email_account: details.emailAccount ?? senderOf(state, campaign, thread) };
  if (!MESSAGE_EVENTS.has(eventType)) {
    if (eventType === 'lead_unsubscribed') state.recordUnsubscribe(campaign.id, lead.email);
    return { ...base, ...leadData(lead) };
  }

  const sent = emailOfEvent(state, campaign, lead, details, 'sent', eventType);
  const step = details.step ?? Number(sent.step ?? 1);
  const position = { step, variant: details.variant ?? 1, is_first: step === 1 };
  if (eventType === 'email_opened') state.recordOpen(campaign.id, lead.email);
  if (eventType === 'link_clicked') state.recordClick(campaign.id, lead.email);
  if (eventType === 'email_bounced') state.recordBounce(campaign.id, lead.email);
  if (eventType === 'email_sent') {
    return {
      ...base,
      ...position,
      email_id: sent.id,
      email_subject: sent.subject,
      email_text: sent.body.text,
      email_html: sent.body.html,
      ...leadData(lead),
    };
  }
  if (REPLY_EVENTS.has(eventType)) {
    const reply = emailOfEvent(state, campaign, lead, details, 'received', eventType);
    return {
      ...base,
      unibox_url: `https://app.instantly.ai/app/unibox?thread_search=${encodeURIComponent(lead.email)}`,
      ...position,
      email_id: reply.id,
      reply_text_snippet: reply.content_preview,
      reply_subject: reply.subject,
      reply_text: reply.body.text,
      reply_html: reply.body.html,
      ...leadData(lead),
    };
  }
  return { ...base, ...position, ...leadData(lead) };
}

function senderOf(state: InstantlySimulatorState, campaign: SimCampaign, thread: readonly SimEmail[]): string {
  return thread.at(-1)?.eaccount ?? campaign.email_list[0] ?? state.accountsOf(campaign.organization)[0]?.email ?? 'sender@simulated-instantly.test';
}

/** The named email, else the lead's latest sent (or received) one, else a newly recorded one. */
function emailOfEvent(
  state: InstantlySimulatorState,
  campaign: SimCampaign,
  lead: SimLead,
  details: InstantlyWebhookDetails,
  kind: 'sent' | 'received',
  eventType: string,
): SimEmail {
  const ueType = kind === 'sent' ? 1 : 2;
  const thread = state.emailsOf(campaign.id, lead.email).filter((email) => email.ue_type === ueType);
  const named = details.emailId ? thread.find((email) => email.id === details.emailId) : undefined;
  if (named) return named;
  const latest = thread.at(-1);
  if (latest && !(eventType === 'email_sent' && details.step !== undefined && latest.step !== String(details.step))) return latest;
  return kind === 'sent'
    ? state.recordSentEmail(campaign.id, lead.email, details.step === undefined ? {} : { step: details.step })
    : state.recordReply(campaign.id, lead.email, { autoReply: eventType === 'auto_reply_received' });
}

/**
 * The lead's data as Instantly merges it into payloads: camelCase standard fields that are set,
 * then the custom variables under their own names.
 */
function leadData(lead: SimLead): Record<string, unknown> {
  const standard: Record<string, string | null> = {
    firstName: lead.first_name,
    lastName: lead.last_name,
    companyName: lead.company_name,
    jobTitle: lead.job_title,
    phone: lead.phone,
    website: lead.website,
    personalization: lead.personalization,
  };
  return {
    ...Object.fromEntries(Object.entries(standard).filter(([, value]) => value !== null && value !== '')),
    ...lead.payload,
  };
}
