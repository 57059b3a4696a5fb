import type { SimRequest, SimResponse, SimRoute } from '../kit/simulator-server.js';
import type { SlidingWindowLimiter } from '../kit/sliding-window-limiter.js';
import { checkCampaignBody, isRecord } from './instantly-request-checks.js';
import type {
  InstantlySimulatorState,
  LeadSeed,
  SimAccount,
  SimCampaign,
  SimCustomValue,
  SimEmail,
  SimLead,
  SimStep,
  SimWorkspace,
} from './instantly-simulator-state.js';

/**
 * The subset of Instantly API v2 the engine uses, with Instantly's behaviour: `{statusCode, error,
 * message}` errors, body validation before anything else, UUID path ids, cursor pagination whose
 * last full page still carries a cursor, 402 without a paid plan, and the stricter limit of
 * `GET /api/v2/emails`.
 */

/** Limits Instantly applies besides the per-minute one the kit enforces. */
export interface EndpointLimiters {
  /** 100 requests per second per workspace. */
  readonly perSecond: SlidingWindowLimiter | null;
  /** 20 requests per minute per workspace, `GET /api/v2/emails` only. */
  readonly emails: SlidingWindowLimiter | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PAGE_MAX = 100;
const ADD_LEADS_MAX = 1_000;

export function instantlyError(status: number, error: string, message: string, headers?: Record<string, string>): SimResponse {
  return { status, body: { statusCode: status, error, message }, ...(headers ? { headers } : {}) };
}

const badRequest = (message: string) => instantlyError(400, 'Bad Request', message);
const notFound = (message = 'Resource not found') => instantlyError(404, 'Not Found', message);
const ok = (body: unknown): SimResponse => ({ status: 200, body });

export function tooManyRequests(retryAfterMs: number): SimResponse {
  return instantlyError(429, 'Too Many Requests', 'Rate limit exceeded', { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
}

interface ApiContext {
  readonly request: SimRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly workspace: SimWorkspace;
}

export function instantlyApiRoutes(state: InstantlySimulatorState, limiters: () => EndpointLimiters): SimRoute[] {
  const api =
    (handle: (context: ApiContext) => SimResponse, endpointLimit?: (limits: EndpointLimiters) => SlidingWindowLimiter | null) =>
    (request: SimRequest, params: Readonly<Record<string, string>>, account: string): SimResponse => {
      const workspace = state.workspaces.get(account);
      if (!workspace) return instantlyError(401, 'Unauthorized', 'Invalid API key');
      if (!workspace.paidPlan) return instantlyError(402, 'Payment Required', 'Workspace does not have an active paid plan');
      const limits = limiters();
      for (const limiter of [limits.perSecond, endpointLimit?.(limits) ?? null]) {
        const wait = limiter?.hit(workspace.id, request.receivedAt) ?? null;
        if (wait !== null) return tooManyRequests(wait);
      }
      return handle({ request, params, workspace });
    };


  return [
    { method: 'GET', pattern: '/api/v2/accounts', handle: api(listAccounts) },
    { method: 'GET', pattern: '/api/v2/campaigns', handle: api(listCampaigns) },
    { method: 'POST', pattern: '/api/v2/campaigns', handle: api(createCampaign) },
    // Before `/campaigns/:id`, which would otherwise take "analytics" for an id.
    { method: 'GET', pattern: '/api/v2/campaigns/analytics', handle: api(campaignAnalytics) },
    { method: 'GET', pattern: '/api/v2/campaigns/:id', handle: api(withCampaign((campaign) => ok(campaignJson(campaign)))) },
    { method: 'PATCH', pattern: '/api/v2/campaigns/:id', handle: api(withCampaign(patchCampaign)) },
    { method: 'POST', pattern: '/api/v2/campaigns/:id/activate', handle: api(withCampaign((campaign) => changeStatus(campaign, 1))) },
    { method: 'POST', pattern: '/api/v2/campaigns/:id/pause', handle: api(withCampaign((campaign) => changeStatus(campaign, 2))) },
    { method: 'POST', pattern: '/api/v2/leads/add', handle: api(addLeads) },
    { method: 'POST', pattern: '/api/v2/leads/list', handle: api(listLeads) },
    { method: 'POST', pattern: '/api/v2/block-lists-entries', handle: api(createBlockListEntry) },
    { method: 'GET', pattern: '/api/v2/emails', handle: api(listEmails, (limits) => limits.emails) },
  ];

  /** The campaign of the `:id` path parameter, visible only to its own workspace. */
  function withCampaign(handle: (campaign: SimCampaign, context: ApiContext) => SimResponse) {
    return (context: ApiContext): SimResponse => {
      const id = context.params['id'] ?? '';
      if (!UUID.test(id)) return badRequest('params/id must match format "uuid"');
      const campaign = state.campaigns.get(id);
      return campaign && campaign.organization === context.workspace.id ? handle(campaign, context) : notFound('Campaign not found');
    };
  }

  function listAccounts({ request, workspace }: ApiContext): SimResponse {
    const limit = pageLimit(request.query.get('limit'));
    if (typeof limit === 'string') return badRequest(limit);
    const after = request.query.get('starting_after');
    const accounts = state
      .accountsOf(workspace.id)
      .sort((a, b) => a.email.localeCompare(b.email))
      .filter((account) => after === null || account.email > after);
    return ok(page(accounts.slice(0, limit), limit, (account) => account.email, accountJson));
  }

  /**
   * The workspace's campaigns in creation order (UUIDv7 ids sort so), each as `GET …/{id}` answers
   * it. No name filter: providers.md documents none for this list.
   */
  function listCampaigns({ request, workspace }: ApiContext): SimResponse {
    const limit = pageLimit(request.query.get('limit'));
    if (typeof limit === 'string') return badRequest(limit);
    const after = request.query.get('starting_after');
    const campaigns = state
      .campaignsOf(workspace.id)
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((campaign) => after === null || campaign.id > after);
    return ok(page(campaigns.slice(0, limit), limit, (campaign) => campaign.id, campaignJson));
  }

  function createCampaign({ request, workspace }: ApiContext): SimResponse {
    const problem = checkCampaignBody(request.body, true);
    if (problem) return badRequest(problem);
    const body = request.body as Record<string, unknown>;
    const campaign = state.addCampaign(workspace.id, {
      name: body['name'] as string,
      campaign_schedule: body['campaign_schedule'],
      sequences: (body['sequences'] as { steps: SimStep[] }[] | undefined) ?? [],
      email_list: (body['email_list'] as string[] | undefined) ?? [],
      settings: settingsOf(body),
    });
    return ok(campaignJson(campaign));
  }

  /** Instantly does not refuse sequence edits on an active campaign (providers.md §4.2). */
  function patchCampaign(campaign: SimCampaign, { request }: ApiContext): SimResponse {
    const problem = checkCampaignBody(request.body, false);
    if (problem) return badRequest(problem);
    const body = request.body as Record<string, unknown>;
    if (typeof body['name'] === 'string') campaign.name = body['name'];
    if ('campaign_schedule' in body) campaign.campaign_schedule = body['campaign_schedule'];
    if ('sequences' in body) campaign.sequences = body['sequences'] as { steps: SimStep[] }[];
    // A PATCH with email_list replaces the senders, as on the real API.
    if ('email_list' in body) campaign.email_list = body['email_list'] as string[];
    Object.assign(campaign.settings, settingsOf(body));
    campaign.timestamp_updated = new Date().toISOString();
    return ok(campaignJson(campaign));
  }

  /**
   * activate → 1 (start or resume), pause → 2. A completed campaign can be neither (inferred: the
   * documentation names no refusal, but a finished campaign has nothing left to start or halt).
   */
  function changeStatus(campaign: SimCampaign, status: 1 | 2): SimResponse {
    if (campaign.status === 3) return badRequest('Campaign is completed');
    campaign.status = status;
    campaign.timestamp_updated = new Date().toISOString();
    return ok(campaignJson(campaign));
  }

  function campaignAnalytics({ request, workspace }: ApiContext): SimResponse {
    const wanted = [request.query.get('id'), ...(request.query.get('ids')?.split(',') ?? [])].filter((id): id is string => Boolean(id));
    const campaigns = state
      .campaignsOf(workspace.id)
      .filter((campaign) => wanted.length === 0 || wanted.includes(campaign.id));
    // A bare array, one row per campaign; an unknown id gives an empty array, not a 404.
    return ok(campaigns.map((campaign) => state.analytics(campaign.id)));
  }

  function addLeads({ request, workspace }: ApiContext): SimResponse {
    const body = request.body;
    if (!isRecord(body)) return badRequest('body must be object');
    if (('campaign_id' in body) === ('list_id' in body)) return badRequest('body must have exactly one of campaign_id or list_id');
    if ('list_id' in body) return badRequest('lead lists are not simulated; add leads to a campaign');
    const campaignId = body['campaign_id'];
    if (typeof campaignId !== 'string' || !UUID.test(campaignId)) return badRequest('body/campaign_id must match format "uuid"');
    const leads = body['leads'];
    if (!Array.isArray(leads)) return badRequest("body must have required property 'leads'");
    if (leads.length < 1) return badRequest('body/leads must NOT have fewer than 1 items');
    if (leads.length > ADD_LEADS_MAX) return badRequest(`body/leads must NOT have more than ${ADD_LEADS_MAX} items`);
    for (const [index, lead] of leads.entries()) {
      if (!isRecord(lead)) return badRequest(`body/leads/${index} must be object`);
      const variables = lead['custom_variables'];
      if (variables !== undefined && variables !== null) {
        if (!isRecord(variables)) return badRequest(`body/leads/${index}/custom_variables must be object`);
        if (Object.values(variables).some((value) => typeof value === 'object' && value !== null)) {
          return badRequest(`body/leads/${index}/custom_variables values must be string, number, boolean or null`);
        }
      }
    }
    const campaign = state.campaigns.get(campaignId);
    if (!campaign || campaign.organization !== workspace.id) return notFound('Campaign not found');

    const counts = { in_blocklist: 0, duplicated_leads: 0, skipped_count: 0, invalid_email_count: 0, incomplete_count: 0, duplicate_email_count: 0 };
    const created: Record<string, unknown>[] = [];
    const seenInRequest = new Set<string>();
    const inWorkspace = new Set(state.leads.filter((lead) => lead.organization === workspace.id).map((lead) => lead.email.toLowerCase()));
    const inCampaign = new Set(state.leadsOf(campaign.id).map((lead) => lead.email.toLowerCase()));
    const skipIfInCampaign = body['skip_if_in_campaign'] === true;
    const skipIfInWorkspace = body['skip_if_in_workspace'] === true;
    for (const [index, raw] of (leads as Record<string, unknown>[]).entries()) {
      const email = typeof raw['email'] === 'string' ? raw['email'].trim() : '';
      if (email === '') {
        counts.incomplete_count += 1;
        continue;
      }
      if (!EMAIL.test(email)) {
        counts.invalid_email_count += 1;
        continue;
      }
      const key = email.toLowerCase();
      if (seenInRequest.has(key)) {
        counts.duplicate_email_count += 1;
        continue;
      }
      seenInRequest.add(key);
      if (state.isBlocked(workspace.id, email)) {
        counts.in_blocklist += 1;
        continue;
      }
      // skip_if_in_workspace overrides the other flags; a lead already in this campaign is never re-added.
      if (skipIfInWorkspace && inWorkspace.has(key)) {
        counts.skipped_count += 1;
        continue;
      }
      if (inCampaign.has(key)) {
        if (skipIfInCampaign) counts.skipped_count += 1;
        else counts.duplicated_leads += 1;
        continue;
      }
      const lead = state.addLead(campaign.id, { ...leadFields(raw), email });
      inWorkspace.add(key);
      inCampaign.add(key);
      created.push({ index, id: lead.id, email: lead.email, first_name: lead.first_name, last_name: lead.last_name, phone: lead.phone });
    }
    return ok({
      status: 'success',
      total_sent: leads.length,
      leads_uploaded: created.length,
      ...counts,
      blocklist_used: counts.in_blocklist > 0,
      remaining_in_plan: 100_000 - state.leads.filter((lead) => lead.organization === workspace.id).length,
      created_leads: created,
    });
  }

  /** A POST by design: filters and the cursor travel in the body. */
  function listLeads({ request, workspace }: ApiContext): SimResponse {
    const body = isRecord(request.body) ? request.body : {};
    const limit = pageLimit(body['limit'] === undefined ? null : String(body['limit']), 'body');
    if (typeof limit === 'string') return badRequest(limit);
    const campaignId = body['campaign'];
    if (campaignId !== undefined && (typeof campaignId !== 'string' || !UUID.test(campaignId))) return badRequest('body/campaign must match format "uuid"');
    const after = typeof body['starting_after'] === 'string' ? body['starting_after'] : null;
    const leads = state.leads
      .filter((lead) => lead.organization === workspace.id && (campaignId === undefined || lead.campaign === campaignId))
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((lead) => after === null || lead.id > after);
    return ok(page(leads.slice(0, limit), limit, (lead) => lead.id, leadJson));
  }

  /** Workspace-wide: the address (or domain) is never emailed again from any campaign. */
  function createBlockListEntry({ request, workspace }: ApiContext): SimResponse {
    const body = request.body;
    if (!isRecord(body) || typeof body['bl_value'] !== 'string' || body['bl_value'].trim() === '') {
      return badRequest("body must have required property 'bl_value'");
    }
    return ok(state.block(workspace.id, body['bl_value']));
  }

  /** Newest first unless `sort_order=asc`, as Instantly sorts by creation. */
  function listEmails({ request, workspace }: ApiContext): SimResponse {
    const limit = pageLimit(request.query.get('limit'));
    if (typeof limit === 'string') return badRequest(limit);
    const campaignId = request.query.get('campaign_id');
    const leadEmail = request.query.get('lead')?.toLowerCase() ?? null;
    const emailType = request.query.get('email_type');
    const ascending = request.query.get('sort_order') === 'asc';
    const after = request.query.get('starting_after');
    const types: Record<string, readonly number[]> = { received: [2], sent: [1, 3], manual: [3] };
    const emails = state.emails
      .filter(
        (email) =>
          email.organization_id === workspace.id &&
          (campaignId === null || email.campaign_id === campaignId) &&
          (leadEmail === null || email.lead.toLowerCase() === leadEmail) &&
          (emailType === null || (types[emailType] ?? []).includes(email.ue_type)),
      )
      .sort((a, b) => (ascending ? a.id.localeCompare(b.id) : b.id.localeCompare(a.id)))
      .filter((email) => after === null || (ascending ? email.id > after : email.id < after));
    return ok(page(emails.slice(0, limit), limit, (email) => email.id, emailJson));
  }
}

/** `limit` between 1 and 100 (default 100), or the validation message. */
function pageLimit(raw: string | null, where: 'querystring' | 'body' = 'querystring'): number | string {
  if (raw === null) return PAGE_MAX;
  const value = Number(raw);
  if (!Number.isInteger(value)) return `${where}/limit must be integer`;
  if (value < 1) return `${where}/limit must be >= 1`;
  if (value > PAGE_MAX) return `${where}/limit must be <= ${PAGE_MAX}`;
  return value;
}

/**
 * `{items, next_starting_after}`. A full page carries the cursor of its last item even when nothing
 * follows, as Instantly does: the next call then answers an empty page without a cursor.
 */
function page<T>(items: readonly T[], limit: number, keyOf: (item: T) => string, json: (item: T) => unknown): Record<string, unknown> {
  const last = items.at(-1);
  return { items: items.map(json), ...(items.length === limit && last !== undefined ? { next_starting_after: keyOf(last) } : {}) };
}

/** The lead fields Instantly stores from a `leads/add` item; empty strings count as absent. */
function leadFields(raw: Record<string, unknown>): Omit<LeadSeed, 'email'> {
  const text = (key: string) => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : null);
  return {
    first_name: text('first_name'),
    last_name: text('last_name'),
    company_name: text('company_name'),
    job_title: text('job_title'),
    phone: text('phone'),
    website: text('website'),
    personalization: text('personalization'),
    custom_variables: (raw['custom_variables'] as Record<string, SimCustomValue> | undefined) ?? {},
  };
}

function settingsOf(body: Record<string, unknown>): Record<string, unknown> {
  const { name: _name, campaign_schedule: _schedule, sequences: _sequences, email_list: _senders, ...settings } = body;
  return settings;
}

export function campaignJson(campaign: SimCampaign): Record<string, unknown> {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    campaign_schedule: campaign.campaign_schedule,
    sequences: campaign.sequences,
    email_list: campaign.email_list,
    daily_limit: 30,
    stop_on_reply: true,
    link_tracking: true,
    open_tracking: true,
    text_only: false,
    ...campaign.settings,
    organization: campaign.organization,
    timestamp_created: campaign.timestamp_created,
    timestamp_updated: campaign.timestamp_updated,
  };
}

function accountJson(account: SimAccount): Record<string, unknown> {
  return {
    email: account.email,
    first_name: account.first_name,
    last_name: account.last_name,
    status: account.status,
    warmup_status: account.warmup_status,
    provider_code: account.provider_code,
    daily_limit: account.daily_limit,
    sending_gap: 10,
    setup_pending: false,
    organization: account.organization,
    timestamp_created: account.timestamp_created,
  };
}

function leadJson(lead: SimLead): Record<string, unknown> {
  return {
    id: lead.id,
    email: lead.email,
    first_name: lead.first_name,
    last_name: lead.last_name,
    company_name: lead.company_name,
    company_domain: lead.email.slice(lead.email.indexOf('@') + 1),
    job_title: lead.job_title,
    phone: lead.phone,
    website: lead.website,
    personalization: lead.personalization,
    campaign: lead.campaign,
    status: lead.status,
    lt_interest_status: null,
    email_open_count: lead.email_open_count,
    email_click_count: lead.email_click_count,
    payload: lead.payload,
    organization: lead.organization,
    timestamp_created: lead.timestamp_created,
  };
}

function emailJson(email: SimEmail): Record<string, unknown> {
  return { ...email };
}
