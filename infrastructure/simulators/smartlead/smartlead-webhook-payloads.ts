import type { SimCampaign, SimCampaignLead, SimLead, SimMessage, SmartleadSimulatorState } from './smartlead-simulator-state.js';

/*
 * Webhook bodies shaped like reference/webhook-samples/smartlead/<EVENT>.json (SL-HELP fields,
 * deprecated duplicates included, because live deliveries still carry them): flat JSON keyed by
 * `event_type`, the lead as `sl_email_lead_id`/`sl_lead_email`, the account's `secret_key` in the
 * body. Values come from the simulator's state, so a payload names a real campaign, lead and message.
 */

export const SMARTLEAD_WEBHOOK_EVENTS = [
  'EMAIL_SENT',
  'FIRST_EMAIL_SENT',
  'EMAIL_OPEN',
  'EMAIL_LINK_CLICK',
  'EMAIL_REPLY',
  'EMAIL_BOUNCE',
  'LEAD_UNSUBSCRIBED',
  'LEAD_CATEGORY_UPDATED',
  'CAMPAIGN_STATUS_CHANGED',
  'MANUAL_STEP_REACHED',
  'UNTRACKED_REPLIES',
  'EMAIL_ACCOUNT_DISCONNECTED',
] as const;

export type SmartleadWebhookEvent = (typeof SMARTLEAD_WEBHOOK_EVENTS)[number];

export function isSmartleadWebhookEvent(value: unknown): value is SmartleadWebhookEvent {
  return typeof value === 'string' && (SMARTLEAD_WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** What an event is about; which fields matter depends on the event. */
export interface SmartleadWebhookDetails {
  readonly campaignId?: number;
  /** Smartlead's `lead.id` (the payload's `sl_email_lead_id`). */
  readonly leadId?: number;
  /** The sent email the event is about; the lead's latest when absent. */
  readonly statsId?: string;
  /** EMAIL_LINK_CLICK: the link; the latest recorded click when absent. */
  readonly link?: string;
  /** EMAIL_ACCOUNT_DISCONNECTED: the inbox. */
  readonly emailAccountId?: number;
  /** LEAD_CATEGORY_UPDATED: the new category (default ids 1–9 have Smartlead's names). */
  readonly categoryId?: number;
  /** UNTRACKED_REPLIES: the stray reply. */
  readonly untrackedReply?: { readonly from?: string; readonly to?: string; readonly subject?: string; readonly text?: string };
}

/** The webhook registration the deliveries belong to. */
export interface SmartleadWebhookRegistration {
  readonly id: number;
  readonly name: string;
  /** The `secret_key` carried in every body (older docs; what live systems check). */
  readonly secretKey: string;
  readonly createdAt: Date;
}

/** Smartlead's default lead categories (providers.md §2.2). */
export const SMARTLEAD_DEFAULT_CATEGORIES: Readonly<Record<number, string>> = {
  1: 'Interested',
  2: 'Meeting Request',
  3: 'Not Interested',
  4: 'Do Not Contact',
  5: 'Information Request',
  6: 'Out Of Office',
  7: 'Wrong Person',
  8: 'Uncategorizable',
  9: 'Sender Originated Bounce',
};

interface LeadContext {
  readonly campaign: SimCampaign;
  readonly entry: SimCampaignLead;
  readonly lead: SimLead;
}

function iso(date: Date): string {
  return date.toISOString();
}

function text(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .trim();
}

function fullName(lead: SimLead): string {
  return [lead.firstName, lead.lastName].filter((part) => part).join(' ');
}

function inboxLink(entry: SimCampaignLead): string {
  return `https://app.smartlead.ai/app/master-inbox?action=INBOX&leadMap=${entry.mapId}`;
}

function campaignLink(campaign: SimCampaign, page: 'analytics' | 'lead-list'): string {
  return `https://app.smartlead.ai/app/email-campaign/${campaign.id}/${page}`;
}

function messageView(message: SimMessage): Record<string, unknown> {
  return { message_id: message.messageId, html: message.body, text: text(message.body), time: iso(message.time) };
}

export class SmartleadWebhookPayloads {
  constructor(
    private readonly state: SmartleadSimulatorState,
    private readonly registration: SmartleadWebhookRegistration,
  ) {}

  build(url: string, eventType: SmartleadWebhookEvent, details: SmartleadWebhookDetails): Record<string, unknown> {
    switch (eventType) {
      case 'EMAIL_SENT':
      case 'FIRST_EMAIL_SENT':
        return this.sent(url, eventType, details);
      case 'EMAIL_OPEN':
        return this.open(url, details);
      case 'EMAIL_LINK_CLICK':
        return this.click(url, details);
      case 'EMAIL_REPLY':
        return this.reply(url, details);
      case 'EMAIL_BOUNCE':
        return this.bounce(url, details);
      case 'LEAD_UNSUBSCRIBED':
        return this.unsubscribed(url, details);
      case 'LEAD_CATEGORY_UPDATED':
        return this.categoryUpdated(url, details);
      case 'CAMPAIGN_STATUS_CHANGED':
        return this.statusChanged(url, details);
      case 'MANUAL_STEP_REACHED':
        return this.manualStep(url, details);
      case 'UNTRACKED_REPLIES':
        return this.untracked(url, details);
      case 'EMAIL_ACCOUNT_DISCONNECTED':
        return this.accountDisconnected(details);
    }
  }

  private hook(url: string): Record<string, unknown> {
    return { webhook_id: this.registration.id, webhook_name: this.registration.name, webhook_url: url };
  }

  private trailer(description: string): Record<string, unknown> {
    return { secret_key: this.registration.secretKey, description, metadata: { webhook_created_at: iso(this.registration.createdAt) } };
  }

  private campaignFields(campaign: SimCampaign): Record<string, unknown> {
    return { campaign_id: campaign.id, campaign_name: campaign.name, campaign_status: campaign.status, client_id: campaign.clientId };
  }

  private leadContext(details: SmartleadWebhookDetails): LeadContext {
    if (details.campaignId === undefined || details.leadId === undefined) throw new Error('this event needs campaignId and leadId');
    const campaign = this.state.campaign(details.campaignId);
    const entry = this.state.requireCampaignLead(campaign, details.leadId);
    return { campaign, entry, lead: this.state.lead(details.leadId) };
  }

  private sentMessage(context: LeadContext, statsId: string | undefined): SimMessage {
    if (statsId === undefined) return this.state.latestSent(context.entry);
    const message = context.entry.messages.find((candidate) => candidate.type === 'SENT' && candidate.statsId === statsId);
    if (!message) throw new Error(`no sent message ${statsId} for lead ${context.lead.id}`);
    return message;
  }

  /** The fields every event about one sent email starts with. */
  private emailHead(url: string, eventType: string, context: LeadContext, sent: SimMessage): Record<string, unknown> {
    return {
      ...this.hook(url),
      sl_email_lead_id: context.lead.id,
      sl_email_lead_map_id: context.entry.mapId,
      stats_id: sent.statsId,
      event_type: eventType,
    };
  }

  private emailMiddle(context: LeadContext, sent: SimMessage): Record<string, unknown> {
    return {
      from_email: sent.from,
      to_email: sent.to,
      to_name: fullName(context.lead),
      subject: sent.subject,
      ...this.campaignFields(context.campaign),
      sequence_number: sent.seqNumber,
    };
  }

  private sent(url: string, eventType: 'EMAIL_SENT' | 'FIRST_EMAIL_SENT', details: SmartleadWebhookDetails): Record<string, unknown> {
    const context = this.leadContext(details);
    const sent = this.sentMessage(context, details.statsId);
    const first = eventType === 'FIRST_EMAIL_SENT';
    return {
      ...this.emailHead(url, eventType, context, sent),
      time_sent: iso(sent.time),
      event_timestamp: iso(sent.time),
      ...this.emailMiddle(context, sent),
      ...(first ? {} : { custom_subject: sent.subject, custom_email_message: sent.body, sent_message_body: sent.body }),
      sent_message: messageView(sent),
      message_id: sent.messageId,
      app_url: inboxLink(context.entry),
      ...(first ? {} : { ui_master_inbox_link: inboxLink(context.entry) }),
      ...this.trailer(first ? `First email sent to ${sent.to}` : `Email sent to ${sent.to} for campaign ${context.campaign.name}`),
    };
  }

  private open(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    const context = this.leadContext(details);
    const sent = this.sentMessage(context, details.statsId);
    const at = iso(this.state.now());
    return {
      ...this.emailHead(url, 'EMAIL_OPEN', context, sent),
      time_opened: at,
      event_timestamp: at,
      ...this.emailMiddle(context, sent),
      sent_message_body: sent.body,
      sent_message: messageView(sent),
      app_url: inboxLink(context.entry),
      ui_master_inbox_link: inboxLink(context.entry),
      ...this.trailer(`Email opened by ${sent.to}`),
    };
  }

  private click(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    const context = this.leadContext(details);
    const sent = this.sentMessage(context, details.statsId);
    const link = details.link ?? sent.links.at(-1) ?? 'https://example.com/offer';
    const at = iso(this.state.now());
    return {
      ...this.emailHead(url, 'EMAIL_LINK_CLICK', context, sent),
      time_clicked: at,
      event_timestamp: at,
      link_clicked: [link],
      link_details: [link],
      ...this.emailMiddle(context, sent),
      sent_message_body: sent.body,
      sent_message: messageView(sent),
      app_url: inboxLink(context.entry),
      ...this.trailer(`Link clicked by ${sent.to}`),
    };
  }

  /** Our inbox is `to_email`, the lead `from_email` and — the only reliable key — `sl_lead_email`. */
  private reply(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    const context = this.leadContext(details);
    const reply = this.state.latestReply(context.entry);
    const sent = context.entry.messages.find((message) => message.type === 'SENT' && message.statsId === reply.statsId) ?? this.state.latestSent(context.entry);
    const domain = context.lead.email.slice(context.lead.email.lastIndexOf('@') + 1);
    return {
      ...this.hook(url),
      sl_email_lead_id: context.lead.id,
      sl_email_lead_map_id: context.entry.mapId,
      sl_lead_email: context.lead.email,
      stats_id: sent.statsId,
      stats_thread_id: `thread-${sent.statsId}`,
      event_type: 'EMAIL_REPLY',
      time_replied: iso(reply.time),
      event_timestamp: iso(reply.time),
      from_email: reply.from,
      to_email: reply.to,
      to_name: fullName(context.lead),
      cc_emails: [],
      subject: reply.subject,
      ...this.campaignFields(context.campaign),
      sequence_number: sent.seqNumber,
      sent_message_body: sent.body,
      sent_message: messageView(sent),
      message_id: reply.messageId,
      reply_body: reply.body,
      reply_message: messageView(reply),
      preview_text: text(reply.body),
      reply_category: null,
      leadCorrespondence: { targetLeadEmail: context.lead.email, replyReceivedFrom: reply.from, repliedCompanyDomain: domain },
      app_url: inboxLink(context.entry),
      ui_master_inbox_link: inboxLink(context.entry),
      ...this.trailer(`${context.lead.email} replied to campaign ${context.campaign.name}`),
    };
  }

  private bounce(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    const context = this.leadContext(details);
    const sent = this.sentMessage(context, details.statsId);
    const at = iso(sent.bouncedAt ?? this.state.now());
    const bounceId = `<${at.replace(/\D/g, '').slice(0, 14)}.SIM@mx.${sent.to.slice(sent.to.lastIndexOf('@') + 1)}>`;
    const reason = '550 5.1.1 The email account that you tried to reach does not exist.';
    return {
      ...this.emailHead(url, 'EMAIL_BOUNCE', context, sent),
      created_at: at,
      time_sent: iso(sent.time),
      event_timestamp: at,
      ...this.emailMiddle(context, sent),
      sent_message: messageView(sent),
      is_bounced: true,
      bounce_reply_message_id: bounceId,
      bounce_reply_email: `<div>${reason}</div>`,
      bounce_reply_email_preview: reason,
      bounce_message: { message_id: bounceId, html: `<div>${reason}</div>`, text: reason, time: at },
      app_url: campaignLink(context.campaign, 'analytics'),
      ...this.trailer(`Email bounced for ${sent.to}`),
    };
  }

  private unsubscribed(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    const context = this.leadContext(details);
    const sent = this.sentMessage(context, details.statsId);
    const name = context.lead.firstName ?? '';
    return {
      ...this.hook(url),
      event_type: 'LEAD_UNSUBSCRIBED',
      event_timestamp: iso(this.state.now()),
      from_email: sent.from,
      to_email: context.lead.email,
      lead_email: context.lead.email,
      lead_name: name,
      to_name: name,
      subject: sent.subject,
      ...this.campaignFields(context.campaign),
      sequence_number: sent.seqNumber,
      unsubscribed_client_id_map: { ...context.lead.unsubscribedClientIdMap },
      sent_message: messageView(sent),
      app_url: campaignLink(context.campaign, 'lead-list'),
      ui_master_inbox_link: campaignLink(context.campaign, 'lead-list'),
      ...this.trailer(`${context.lead.email} unsubscribed from campaign ${context.campaign.name}`),
    };
  }

  /** No sample file exists for this event; the fields are providers.md §2.3's list. */
  private categoryUpdated(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    const context = this.leadContext(details);
    if (details.categoryId === undefined) throw new Error('LEAD_CATEGORY_UPDATED needs categoryId');
    const oldId = context.entry.categoryId;
    const history = context.entry.messages.map((message) => ({
      stats_id: message.statsId,
      type: message.type,
      message_id: message.messageId,
      time: iso(message.time),
      email_body: message.body,
      subject: message.subject,
    }));
    const lastReply = [...context.entry.messages].reverse().find((message) => message.type === 'REPLY');
    const lead = context.lead;
    return {
      ...this.hook(url),
      event_type: 'LEAD_CATEGORY_UPDATED',
      event_timestamp: iso(this.state.now()),
      lead_id: lead.id,
      sl_email_lead_map_id: context.entry.mapId,
      lead_category: {
        old_id: oldId,
        old_name: oldId === null ? null : (SMARTLEAD_DEFAULT_CATEGORIES[oldId] ?? null),
        new_id: details.categoryId,
        new_name: SMARTLEAD_DEFAULT_CATEGORIES[details.categoryId] ?? null,
      },
      lead_data: {
        email: lead.email,
        first_name: lead.firstName,
        last_name: lead.lastName,
        phone_number: lead.phoneNumber,
        company_name: lead.companyName,
        website: lead.website,
        location: lead.location,
        custom_fields: lead.customFields,
        linkedin_profile: lead.linkedinProfile,
        company_url: lead.companyUrl,
      },
      history,
      lastReply: lastReply ? { message_id: lastReply.messageId, email_body: lastReply.body, time: iso(lastReply.time) } : null,
      from_email: lastReply?.from ?? lead.email,
      to_email: lastReply?.to ?? this.state.senderOf(context.campaign),
      ...this.campaignFields(context.campaign),
      app_url: inboxLink(context.entry),
      ...this.trailer(`Lead category updated for ${lead.email}`),
    };
  }

  private statusChanged(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    if (details.campaignId === undefined) throw new Error('CAMPAIGN_STATUS_CHANGED needs campaignId');
    const campaign = this.state.campaign(details.campaignId);
    const previous = campaign.previousStatus ?? campaign.status;
    return {
      previous_status: previous,
      current_status: campaign.status,
      campaign_status: campaign.status,
      client_id: campaign.clientId,
      campaign_name: campaign.name,
      campaign_id: campaign.id,
      secret_key: this.registration.secretKey,
      app_url: campaignLink(campaign, 'analytics'),
      description: `Email Campaign status changed ${previous} to ${campaign.status} for campaign - ${campaign.name}`,
      metadata: { webhook_created_at: iso(this.registration.createdAt) },
      ...this.hook(url),
      event_type: 'CAMPAIGN_STATUS_CHANGED',
    };
  }

  private manualStep(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    const context = this.leadContext(details);
    const sent = context.entry.messages.filter((message) => message.type === 'SENT');
    return {
      lead_name: fullName(context.lead),
      lead_id: String(context.lead.id),
      lead_email: context.lead.email,
      sent_message_ids: sent.map((message) => message.messageId),
      campaign_status: context.campaign.status,
      campaign_name: context.campaign.name,
      client_id: context.campaign.clientId,
      campaign_id: context.campaign.id,
      current_sequence_number: sent.length + 1,
      secret_key: this.registration.secretKey,
      app_url: campaignLink(context.campaign, 'lead-list'),
      description: `Manual step reached for Campaign - ${context.campaign.name} and lead email - ${context.lead.email}`,
      metadata: { webhook_created_at: iso(this.registration.createdAt) },
      ...this.hook(url),
      event_type: 'MANUAL_STEP_REACHED',
    };
  }

  /** A reply Smartlead could not tie to a campaign or lead: no ids at all. */
  private untracked(url: string, details: SmartleadWebhookDetails): Record<string, unknown> {
    const reply = details.untrackedReply ?? {};
    const at = iso(this.state.now());
    const body = reply.text ?? 'Please remove me from your list.\n';
    return {
      event_timestamp: at,
      reply_message: { message_id: `<CA${Date.now()}@mail.gmail.com>`, html: '', text: body, time: at },
      secret_key: this.registration.secretKey,
      description: '',
      sender_detail: reply.from ?? 'Pat Quinn <pat@fabrikam.example>',
      recipient_detail: reply.to ?? this.state.emailAccounts[0]?.fromEmail ?? 'outreach@sender.example',
      cc: '',
      bcc: '',
      subject: reply.subject ?? 'Re: quick question',
      visible_text: body,
      has_attachment: false,
      metadata: { webhook_created_at: iso(this.registration.createdAt) },
      ...this.hook(url),
      event_type: 'UNTRACKED_REPLIES',
    };
  }

  /** Sent through the per-user `notify_on_disconnect` URL, not a campaign webhook: no webhook fields. */
  private accountDisconnected(details: SmartleadWebhookDetails): Record<string, unknown> {
    const account = this.state.emailAccounts.find((candidate) => candidate.id === details.emailAccountId);
    if (!account) throw new Error('EMAIL_ACCOUNT_DISCONNECTED needs the emailAccountId of a seeded account');
    return {
      event_type: 'EMAIL_ACCOUNT_DISCONNECTED',
      event_timestamp: iso(this.state.now()),
      email_account_id: account.id,
      from_email: account.fromEmail,
      type: account.type,
      smtp_failure_error: account.smtpFailureError ?? 'Invalid login: 535-5.7.8 Username and Password not accepted',
      imap_failure_error: account.imapFailureError,
      client_id: account.clientId,
    };
  }
}
