import type { SimRequest, SimResponse, SimRoute } from '../kit/simulator-server.js';
import {
  SimRefusal,
  type SimCampaign,
  type SimCampaignLead,
  type SimEmailAccount,
  type SimLead,
  type SimLeadWrite,
  type SimMessage,
  type SimStatusCommand,
  type SimStep,
  type SimStepWrite,
  type SimUploadSettings,
  type SimVariantDistribution,
  type SmartleadSimulatorState,
} from './smartlead-simulator-state.js';

/*
 * The documented subset of Smartlead's API v1 (providers.md §2.2), under `/api/v1`. Shapes follow
 * what live users observed where it differs from SL-DOCS: bare arrays for lists, `{history}` for
 * message history, counts as strings in analytics, the read/write spelling split of sequences.
 * Request validation answers like Smartlead's (Joi-style messages in `{error}`), and is strict
 * about field names, so a wrong spelling fails here rather than silently in production.
 */

export const SMARTLEAD_API_PREFIX = '/api/v1';

/** Smartlead's page-size ceiling for inboxes and campaign leads. */
const MAX_PAGE = 100;
/** The batch limit the simulator enforces (providers.md §2.2: 100 per call; SL-DOCS' newer 400 is not trusted). */
export const SMARTLEAD_SIM_LEADS_PER_CALL = 100;
const MAX_CUSTOM_FIELDS = 200;

const LEAD_FIELDS = new Set(['email', 'first_name', 'last_name', 'company_name', 'phone_number', 'website', 'location', 'linkedin_profile', 'company_url', 'custom_fields']);
const UPLOAD_FLAGS = ['ignore_global_block_list', 'ignore_unsubscribe_list', 'ignore_community_bounce_list', 'ignore_duplicate_leads_in_other_campaign'] as const;
const STEP_FIELDS = new Set(['id', 'seq_number', 'seq_delay_details', 'subject', 'email_body', 'seq_variants', 'variant_distribution_type', 'winning_metric_property', 'lead_distribution_percentage']);
const VARIANT_FIELDS = new Set(['id', 'subject', 'email_body', 'variant_label', 'variant_distribution_percentage']);
const DISTRIBUTIONS: readonly SimVariantDistribution[] = ['MANUAL_EQUAL', 'MANUAL_PERCENTAGE', 'AI_EQUAL'];
const STATUS_COMMANDS: readonly SimStatusCommand[] = ['START', 'PAUSED', 'STOPPED'];

type Handler = (request: SimRequest, params: Readonly<Record<string, string>>, apiKey: string) => SimResponse;

function error(status: number, message: string): SimResponse {
  return { status, body: { error: message } };
}

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

class Invalid extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>, at: string): void {
  for (const key of Object.keys(value)) if (!allowed.has(key)) throw new Invalid(`"${at}${key}" is not allowed`);
}

function optionalString(value: unknown, at: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw new Invalid(`"${at}" must be a string`);
  return value;
}

function queryInt(request: SimRequest, name: string, fallback: number | null): number | null {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Invalid(`"${name}" must be a number`);
  return Number(raw);
}

function pageOf(request: SimRequest): { offset: number; limit: number } {
  const offset = queryInt(request, 'offset', 0)!;
  const limit = queryInt(request, 'limit', MAX_PAGE)!;
  if (limit < 1) throw new Invalid('"limit" must be greater than or equal to 1');
  if (limit > MAX_PAGE) throw new Invalid(`"limit" must be less than or equal to ${MAX_PAGE}`);
  return { offset, limit };
}

/** Wraps a handler so validation failures and state refusals become Smartlead-style error bodies. */
function guarded(handle: Handler): Handler {
  return (request, params, apiKey) => {
    try {
      return handle(request, params, apiKey);
    } catch (failure) {
      if (failure instanceof Invalid) return error(400, failure.message);
      if (failure instanceof SimRefusal) return error(failure.status, failure.message);
      throw failure;
    }
  };
}

function iso(date: Date): string {
  return date.toISOString();
}

export function emailAccountView(account: SimEmailAccount): Record<string, unknown> {
  return {
    id: account.id,
    created_at: iso(account.createdAt),
    updated_at: iso(account.createdAt),
    user_id: null,
    from_name: account.fromName,
    from_email: account.fromEmail,
    username: account.fromEmail,
    type: account.type,
    message_per_day: account.messagesPerDay,
    daily_sent_count: account.dailySentCount,
    is_smtp_success: account.smtpOk,
    is_imap_success: account.imapOk,
    smtp_failure_error: account.smtpFailureError,
    imap_failure_error: account.imapFailureError,
    minTimeToWaitInMins: 10,
    client_id: account.clientId,
    campaign_count: 0,
    warmup_details:
      account.warmupStatus === null
        ? null
        : { status: account.warmupStatus, warmup_reputation: '100%', total_sent_count: 0, total_spam_count: 0 },
  };
}

function campaignView(campaign: SimCampaign): Record<string, unknown> {
  return {
    id: campaign.id,
    user_id: campaign.userId,
    created_at: iso(campaign.createdAt),
    updated_at: iso(campaign.updatedAt),
    status: campaign.status,
    name: campaign.name,
    track_settings: [],
    scheduler_cron_value: null,
    min_time_btwn_emails: 10,
    max_leads_per_day: 100,
    stop_lead_settings: 'REPLY_TO_AN_EMAIL',
    unsubscribe_text: '',
    client_id: campaign.clientId,
    enable_ai_esp_matching: false,
    send_as_plain_text: false,
    follow_up_percentage: 100,
    parent_campaign_id: null,
  };
}

function stepView(campaign: SimCampaign, step: SimStep): Record<string, unknown> {
  return {
    id: step.id,
    created_at: iso(step.createdAt),
    updated_at: iso(step.updatedAt),
    email_campaign_id: campaign.id,
    seq_number: step.seqNumber,
    subject: step.subject,
    email_body: step.body,
    sequence_variants:
      step.variants === null
        ? null
        : step.variants.map((variant) => ({
            id: variant.id,
            created_at: iso(variant.createdAt),
            updated_at: iso(variant.updatedAt),
            is_deleted: variant.deleted,
            subject: variant.subject,
            email_body: variant.body,
            email_campaign_seq_id: step.id,
            variant_label: variant.label,
            optional_email_body_1: null,
            variant_distribution_percentage: variant.percentage,
          })),
    seq_delay_details: { delayInDays: step.delayInDays },
  };
}

function leadView(lead: SimLead): Record<string, unknown> {
  return {
    id: lead.id,
    first_name: lead.firstName,
    last_name: lead.lastName,
    email: lead.email,
    phone_number: lead.phoneNumber,
    company_name: lead.companyName,
    website: lead.website,
    location: lead.location,
    custom_fields: lead.customFields,
    linkedin_profile: lead.linkedinProfile,
    company_url: lead.companyUrl,
    is_unsubscribed: lead.isUnsubscribed,
    unsubscribed_client_id_map: lead.unsubscribedClientIdMap,
  };
}

function historyView(message: SimMessage): Record<string, unknown> {
  return {
    stats_id: message.statsId,
    from: message.from,
    to: message.to,
    type: message.type,
    message_id: message.messageId,
    time: iso(message.time),
    email_body: message.body,
    subject: message.subject,
    // Live histories carry the step number as a string.
    email_seq_number: message.seqNumber === null ? null : String(message.seqNumber),
    cc: null,
    bcc: null,
    attachments: [],
  };
}

function parseSequences(body: unknown): SimStepWrite[] {
  if (!isObject(body) || body['sequences'] === undefined) throw new Invalid('"sequences" is required');
  const sequences = body['sequences'];
  if (!Array.isArray(sequences)) throw new Invalid('"sequences" must be an array');
  const seen = new Set<number>();
  return sequences.map((raw, index): SimStepWrite => {
    const at = `sequences[${index}].`;
    if (!isObject(raw)) throw new Invalid(`"sequences[${index}]" must be of type object`);
    rejectUnknownKeys(raw, STEP_FIELDS, at);
    const id = raw['id'] ?? null;
    if (id !== null && !Number.isInteger(id)) throw new Invalid(`"${at}id" must be a number`);
    const seqNumber = raw['seq_number'];
    if (!Number.isInteger(seqNumber) || (seqNumber as number) < 1) throw new Invalid(`"${at}seq_number" must be a positive integer`);
    if (seen.has(seqNumber as number)) throw new Invalid(`"${at}seq_number" contains a duplicate value`);
    seen.add(seqNumber as number);
    const delay = raw['seq_delay_details'];
    if (!isObject(delay)) throw new Invalid(`"${at}seq_delay_details" is required`);
    rejectUnknownKeys(delay, new Set(['delay_in_days']), `${at}seq_delay_details.`);
    const days = delay['delay_in_days'];
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) throw new Invalid(`"${at}seq_delay_details.delay_in_days" must be a non-negative integer`);
    const subject = optionalString(raw['subject'], `${at}subject`) ?? '';
    const emailBody = optionalString(raw['email_body'], `${at}email_body`);
    if (emailBody === undefined || emailBody === null) throw new Invalid(`"${at}email_body" is required`);
    const variants = parseVariants(raw['seq_variants'], at);
    const distribution = raw['variant_distribution_type'];
    if (variants.length > 0) {
      if (!DISTRIBUTIONS.includes(distribution as SimVariantDistribution)) throw new Invalid(`"${at}variant_distribution_type" must be one of [${DISTRIBUTIONS.join(', ')}]`);
      if (distribution === 'MANUAL_PERCENTAGE') {
        const total = variants.reduce((sum, variant) => sum + (variant.percentage ?? Number.NaN), 0);
        if (total !== 100) throw new Invalid(`"${at}seq_variants" percentages must add up to 100`);
      }
    }
    return {
      id: id as number | null,
      seqNumber: seqNumber as number,
      delayInDays: days,
      subject,
      body: emailBody,
      distribution: variants.length > 0 ? (distribution as SimVariantDistribution) : null,
      variants: raw['seq_variants'] === undefined ? null : variants,
    };
  });
}

function parseVariants(raw: unknown, stepAt: string): NonNullable<SimStepWrite['variants']> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new Invalid(`"${stepAt}seq_variants" must be an array`);
  return raw.map((variant, index) => {
    const at = `${stepAt}seq_variants[${index}].`;
    if (!isObject(variant)) throw new Invalid(`"${stepAt}seq_variants[${index}]" must be of type object`);
    rejectUnknownKeys(variant, VARIANT_FIELDS, at);
    const id = variant['id'] ?? null;
    if (id !== null && !Number.isInteger(id)) throw new Invalid(`"${at}id" must be a number`);
    const label = variant['variant_label'];
    if (typeof label !== 'string' || label === '') throw new Invalid(`"${at}variant_label" is required`);
    const percentage = variant['variant_distribution_percentage'] ?? null;
    if (percentage !== null && typeof percentage !== 'number') throw new Invalid(`"${at}variant_distribution_percentage" must be a number`);
    const body = optionalString(variant['email_body'], `${at}email_body`);
    if (body === undefined || body === null) throw new Invalid(`"${at}email_body" is required`);
    return { id: id as number | null, label, subject: optionalString(variant['subject'], `${at}subject`) ?? '', body, percentage: percentage as number | null };
  });
}

function parseUpload(body: unknown): { leads: SimLeadWrite[]; settings: SimUploadSettings } {
  if (!isObject(body) || body['lead_list'] === undefined) throw new Invalid('"lead_list" is required');
  const list = body['lead_list'];
  if (!Array.isArray(list)) throw new Invalid('"lead_list" must be an array');
  if (list.length === 0) throw new Invalid('"lead_list" must contain at least 1 items');
  if (list.length > SMARTLEAD_SIM_LEADS_PER_CALL) throw new Invalid(`"lead_list" must contain less than or equal to ${SMARTLEAD_SIM_LEADS_PER_CALL} items`);
  const leads = list.map((raw, index): SimLeadWrite => {
    const at = `lead_list[${index}].`;
    if (!isObject(raw)) throw new Invalid(`"lead_list[${index}]" must be of type object`);
    rejectUnknownKeys(raw, LEAD_FIELDS, at);
    const email = raw['email'];
    if (typeof email !== 'string' || email.trim() === '') throw new Invalid(`"${at}email" is required`);
    const custom = raw['custom_fields'];
    if (custom !== undefined && custom !== null) {
      if (!isObject(custom)) throw new Invalid(`"${at}custom_fields" must be of type object`);
      if (Object.keys(custom).length > MAX_CUSTOM_FIELDS) throw new Invalid(`"${at}custom_fields" must have less than or equal to ${MAX_CUSTOM_FIELDS} keys`);
      for (const [key, value] of Object.entries(custom)) if (typeof value !== 'string') throw new Invalid(`"${at}custom_fields.${key}" must be a string`);
    }
    const text = (name: string) => optionalString(raw[name], `${at}${name}`);
    return {
      email,
      first_name: text('first_name'),
      last_name: text('last_name'),
      company_name: text('company_name'),
      phone_number: text('phone_number'),
      website: text('website'),
      location: text('location'),
      linkedin_profile: text('linkedin_profile'),
      company_url: text('company_url'),
      custom_fields: (custom ?? undefined) as Record<string, string> | undefined,
    };
  });
  const settings = body['settings'] ?? {};
  if (!isObject(settings)) throw new Invalid('"settings" must be of type object');
  rejectUnknownKeys(settings, new Set(UPLOAD_FLAGS), 'settings.');
  const flags = Object.fromEntries(
    UPLOAD_FLAGS.map((flag) => {
      const value = settings[flag] ?? false;
      if (typeof value !== 'boolean') throw new Invalid(`"settings.${flag}" must be a boolean`);
      return [flag, value];
    }),
  ) as unknown as SimUploadSettings;
  return { leads, settings: flags };
}

function analyticsView(state: SmartleadSimulatorState, campaign: SimCampaign): Record<string, unknown> {
  const sent = campaign.leads.flatMap((entry) => entry.messages.filter((message) => message.type === 'SENT'));
  const leadsWith = (test: (entry: SimCampaignLead) => boolean) => campaign.leads.filter(test).length;
  const sentOf = (entry: SimCampaignLead) => entry.messages.filter((message) => message.type === 'SENT');
  const byStatus = (status: SimCampaignLead['status']) => leadsWith((entry) => entry.status === status);
  const client = campaign.clientId === null ? null : state.clientOf(campaign.apiKey, campaign.clientId);
  // Live analytics send their counts as strings.
  const count = (value: number) => String(value);
  return {
    id: campaign.id,
    user_id: campaign.userId,
    created_at: iso(campaign.createdAt),
    status: campaign.status,
    name: campaign.name,
    start_date: null,
    sent_count: count(sent.filter((message) => message.seqNumber !== null).length),
    unique_sent_count: count(leadsWith((entry) => sentOf(entry).length > 0)),
    open_count: count(sent.reduce((sum, message) => sum + message.opens, 0)),
    unique_open_count: count(leadsWith((entry) => sentOf(entry).some((message) => message.opens > 0))),
    click_count: count(sent.reduce((sum, message) => sum + message.clicks, 0)),
    unique_click_count: count(leadsWith((entry) => sentOf(entry).some((message) => message.clicks > 0))),
    reply_count: count(leadsWith((entry) => entry.messages.some((message) => message.type === 'REPLY'))),
    block_count: count(byStatus('BLOCKED')),
    total_count: count(campaign.leads.length),
    drafted_count: '0',
    bounce_count: count(leadsWith((entry) => sentOf(entry).some((message) => message.bounced))),
    unsubscribed_count: count(leadsWith((entry) => entry.unsubscribed)),
    sequence_count: count(campaign.steps.length),
    client_id: campaign.clientId,
    client_name: client?.name ?? null,
    client_email: client?.email ?? null,
    parent_campaign_id: null,
    campaign_lead_stats: {
      total: campaign.leads.length,
      paused: byStatus('PAUSED'),
      blocked: byStatus('BLOCKED'),
      stopped: byStatus('STOPPED'),
      completed: byStatus('COMPLETED'),
      inprogress: byStatus('INPROGRESS'),
      notStarted: byStatus('STARTED'),
      interested: 0,
    },
  };
}

/** Responses of the per-lead writes differ, as they do live; unsubscribe answers plain text. */
const LEAD_ACTION_RESPONSES: Readonly<Record<'pause' | 'resume' | 'unsubscribe', SimResponse>> = {
  pause: { status: 200, body: { ok: true, data: 'Lead paused successfully' } },
  resume: { status: 200, body: { ok: true } },
  unsubscribe: { status: 200, text: 'success' },
};

export function smartleadApiRoutes(state: SmartleadSimulatorState): SimRoute[] {
  const campaignOr404 = (apiKey: string, raw: string | undefined): SimCampaign => {
    const campaign = raw !== undefined && /^\d+$/.test(raw) ? state.campaignOf(apiKey, Number(raw)) : null;
    if (!campaign) throw new SimRefusal(404, 'Campaign not found - Invalid campaign_id.');
    return campaign;
  };
  const campaignLeadOr404 = (campaign: SimCampaign, raw: string | undefined): SimCampaignLead => {
    const entry = raw !== undefined && /^\d+$/.test(raw) ? state.campaignLead(campaign, Number(raw)) : null;
    if (!entry) throw new SimRefusal(404, 'Lead not found in this campaign.');
    return entry;
  };
  const leadAction = (action: 'pause' | 'resume' | 'unsubscribe'): Handler =>
    guarded((request, params, apiKey) => {
      const campaign = campaignOr404(apiKey, params['campaignId']);
      const entry = campaignLeadOr404(campaign, params['leadId']);
      if (action === 'resume' && request.body !== undefined) {
        if (!isObject(request.body)) throw new Invalid('"value" must be of type object');
        rejectUnknownKeys(request.body, new Set(['resume_lead_with_delay_days']), '');
        const delay = request.body['resume_lead_with_delay_days'];
        if (delay !== undefined && !Number.isInteger(delay)) throw new Invalid('"resume_lead_with_delay_days" must be an integer');
      }
      if (action === 'pause') state.pauseLead(campaign, entry);
      else if (action === 'resume') state.resumeLead(campaign, entry);
      else state.unsubscribeLead(campaign, entry);
      return LEAD_ACTION_RESPONSES[action];
    });

  const routes: { method: string; pattern: string; handle: Handler }[] = [
    {
      method: 'GET',
      pattern: '/email-accounts',
      handle: guarded((request, _params, apiKey) => {
        const { offset, limit } = pageOf(request);
        const clientId = queryInt(request, 'client_id', null);
        const accounts = state.emailAccountsOf(apiKey, clientId).sort((left, right) => left.id - right.id);
        return ok(accounts.slice(offset, offset + limit).map(emailAccountView));
      }),
    },
    {
      method: 'GET',
      pattern: '/campaigns',
      handle: guarded((request, _params, apiKey) => {
        const clientId = queryInt(request, 'client_id', null);
        const campaigns = [...state.campaigns.values()].filter((campaign) => campaign.apiKey === apiKey && (clientId === null || campaign.clientId === clientId));
        return ok(campaigns.map(campaignView));
      }),
    },
    {
      method: 'POST',
      pattern: '/campaigns/create',
      handle: guarded((request, _params, apiKey) => {
        const body = request.body ?? {};
        if (!isObject(body)) throw new Invalid('"value" must be of type object');
        rejectUnknownKeys(body, new Set(['name', 'client_id']), '');
        const name = optionalString(body['name'], 'name') ?? 'Untitled Campaign';
        const clientId = body['client_id'] ?? null;
        if (clientId !== null && !Number.isInteger(clientId)) throw new Invalid('"client_id" must be a number');
        if (clientId !== null && !state.clientOf(apiKey, clientId as number)) throw new SimRefusal(400, 'Client not found for this user.');
        const campaign = state.createCampaign(apiKey, name, clientId as number | null);
        return ok({ ok: true, id: campaign.id, name: campaign.name, created_at: iso(campaign.createdAt) });
      }),
    },
    {
      method: 'GET',
      pattern: '/campaigns/:campaignId',
      handle: guarded((_request, params, apiKey) => ok(campaignView(campaignOr404(apiKey, params['campaignId'])))),
    },
    {
      method: 'POST',
      pattern: '/campaigns/:campaignId/status',
      handle: guarded((request, params, apiKey) => {
        const campaign = campaignOr404(apiKey, params['campaignId']);
        const status = isObject(request.body) ? request.body['status'] : undefined;
        if (!STATUS_COMMANDS.includes(status as SimStatusCommand)) throw new Invalid(`"status" must be one of [${STATUS_COMMANDS.join(', ')}]`);
        state.applyStatusCommand(campaign, status as SimStatusCommand);
        return ok({ ok: true, data: { id: campaign.id, status: campaign.status } });
      }),
    },
    {
      method: 'GET',
      pattern: '/campaigns/:campaignId/sequences',
      handle: guarded((_request, params, apiKey) => {
        const campaign = campaignOr404(apiKey, params['campaignId']);
        return ok(campaign.steps.map((step) => stepView(campaign, step)));
      }),
    },
    {
      method: 'POST',
      pattern: '/campaigns/:campaignId/sequences',
      handle: guarded((request, params, apiKey) => {
        const campaign = campaignOr404(apiKey, params['campaignId']);
        state.replaceSequence(campaign, parseSequences(request.body));
        return ok({ ok: true, data: 'Sequences saved successfully' });
      }),
    },
    {
      method: 'POST',
      pattern: '/campaigns/:campaignId/leads',
      handle: guarded((request, params, apiKey) => {
        const campaign = campaignOr404(apiKey, params['campaignId']);
        const { leads, settings } = parseUpload(request.body);
        const result = state.uploadLeads(campaign, leads, settings);
        return ok({
          ok: true,
          upload_count: result.uploadCount,
          total_leads: result.added,
          block_count: result.blocked,
          duplicate_count: result.duplicates,
          invalid_email_count: result.invalidEmails.length,
          invalid_emails: result.invalidEmails,
          already_added_to_campaign: result.alreadyInCampaign,
          unsubscribed_leads: result.unsubscribed,
          is_lead_limit_exhausted: result.limitStopped > 0,
          lead_import_stopped_count: result.limitStopped,
          bounce_count: result.bounced,
        });
      }),
    },
    {
      method: 'GET',
      pattern: '/campaigns/:campaignId/leads',
      handle: guarded((request, params, apiKey) => {
        const campaign = campaignOr404(apiKey, params['campaignId']);
        const { offset, limit } = pageOf(request);
        const status = request.query.get('status');
        const entries = campaign.leads.filter((entry) => !status || entry.status === status).sort((left, right) => left.mapId - right.mapId);
        return ok({
          total_leads: String(entries.length),
          offset,
          limit,
          data: entries.slice(offset, offset + limit).map((entry) => ({
            campaign_lead_map_id: entry.mapId,
            lead_category_id: entry.categoryId,
            status: entry.status,
            created_at: iso(entry.createdAt),
            lead: leadView(state.lead(entry.leadId)),
          })),
        });
      }),
    },
    {
      method: 'GET',
      pattern: '/leads',
      handle: guarded((request, _params, apiKey) => {
        const email = request.query.get('email');
        if (!email) throw new Invalid('"email" is required');
        const lead = state.leadByEmail(apiKey, email);
        if (!lead) return ok({});
        const campaigns = [...state.campaigns.values()].filter((campaign) => campaign.apiKey === apiKey);
        return ok({
          ...leadView(lead),
          created_at: iso(lead.createdAt),
          user_id: state.userIdOf(apiKey),
          lead_campaign_data: campaigns.flatMap((campaign) => {
            const entry = state.campaignLead(campaign, lead.id);
            if (!entry) return [];
            const last = (type: SimMessage['type']) => entry.messages.filter((message) => message.type === type).at(-1)?.time ?? null;
            return [
              {
                campaign_id: campaign.id,
                campaign_name: campaign.name,
                lead_category_id: entry.categoryId,
                last_reply_at: last('REPLY')?.toISOString() ?? null,
                last_sent_at: last('SENT')?.toISOString() ?? null,
                campaign_lead_map_id: entry.mapId,
              },
            ];
          }),
        });
      }),
    },
    { method: 'POST', pattern: '/campaigns/:campaignId/leads/:leadId/pause', handle: leadAction('pause') },
    { method: 'POST', pattern: '/campaigns/:campaignId/leads/:leadId/resume', handle: leadAction('resume') },
    { method: 'POST', pattern: '/campaigns/:campaignId/leads/:leadId/unsubscribe', handle: leadAction('unsubscribe') },
    {
      method: 'GET',
      pattern: '/campaigns/:campaignId/leads/:leadId/message-history',
      handle: guarded((_request, params, apiKey) => {
        const campaign = campaignOr404(apiKey, params['campaignId']);
        const entry = campaignLeadOr404(campaign, params['leadId']);
        return ok({ history: [...entry.messages].sort((left, right) => left.time.getTime() - right.time.getTime()).map(historyView) });
      }),
    },
    {
      method: 'GET',
      pattern: '/campaigns/:campaignId/analytics',
      handle: guarded((_request, params, apiKey) => ok(analyticsView(state, campaignOr404(apiKey, params['campaignId'])))),
    },
  ];
  return routes.map((route) => ({ ...route, pattern: `${SMARTLEAD_API_PREFIX}${route.pattern}` }));
}
