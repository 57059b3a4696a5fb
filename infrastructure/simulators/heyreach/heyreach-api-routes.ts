import type { SimHandler, SimRequest, SimResponse, SimRoute } from '../kit/simulator-server.js';
import {
  HeyReachRefusal,
  type HeyReachWorkspace,
  type SimCampaign,
  type SimCampaignLead,
  type SimConversation,
  type SimSenderAccount,
} from './heyreach-workspace.js';

/** Everything HeyReach serves lives under this prefix; adapters get `<simulator>/api/public` as base URL. */
export const HEYREACH_API_PREFIX = '/api/public';

/** List endpoints refuse pages larger than this, as a model validation error. */
const PAGE_LIMIT_MAX = 100;
/** What ASP.NET binds when a list request omits `limit`. */
const PAGE_LIMIT_DEFAULT = 10;
const ORGANIZATION_UNIT_ID = 4_127;

type Handle = (request: SimRequest, params: Readonly<Record<string, string>>) => SimResponse;

/**
 * The documented subset of HeyReach's public API (providers.md §3.2). Reads that are GET in the
 * real API answer 405 to POST (and the POST endpoints 405 to GET), as ASP.NET does.
 */
export function heyReachApiRoutes(workspace: HeyReachWorkspace): SimRoute[] {
  const routes: [method: 'GET' | 'POST', path: string, handle: Handle][] = [
    ['GET', '/auth/CheckApiKey', () => ({ status: 200 })],

    ['POST', '/li_account/GetAll', (request) => {
      const body = objectBody(request);
      const keyword = typeof body['keyword'] === 'string' ? body['keyword'].toLowerCase() : '';
      const accounts = workspace.senderAccounts.filter((account) =>
        `${account.firstName} ${account.lastName} ${account.emailAddress ?? ''}`.toLowerCase().includes(keyword),
      );
      return paged(body, accounts.map((account) => senderAccountJson(workspace, account)));
    }],
    ['GET', '/li_account/GetById', (request) => ok(senderAccountJson(workspace, workspace.senderAccount(queryInteger(request, 'accountId'))))],

    ['POST', '/list/CreateEmptyList', (request) => {
      const body = objectBody(request);
      const list = workspace.createList(body['name'], body['type']);
      return ok({ id: list.id, name: list.name, totalItemsCount: 0, listType: list.listType, creationTime: list.creationTime, campaignIds: [], isDeleted: false });
    }],

    ['POST', '/campaign/GetAll', (request) => {
      const body = objectBody(request);
      const keyword = typeof body['keyword'] === 'string' ? body['keyword'].toLowerCase() : '';
      const statuses = Array.isArray(body['statuses']) ? (body['statuses'] as unknown[]) : [];
      const campaigns = [...workspace.campaigns.values()].filter(
        (campaign) => campaign.name.toLowerCase().includes(keyword) && (statuses.length === 0 || statuses.includes(campaign.status)),
      );
      return paged(body, campaigns.map((campaign) => campaignJson(workspace, campaign)));
    }],
    ['GET', '/campaign/GetById', (request) => ok(campaignJson(workspace, workspace.campaign(queryInteger(request, 'campaignId'))))],
    ['POST', '/campaign/Create', (request) => ok({ campaignId: workspace.createCampaign(objectBody(request)).id })],
    ['GET', '/campaign/GetCampaignSequence', (request) => {
      const campaign = workspace.campaign(queryInteger(request, 'campaignId'));
      return campaign.sequence === null ? { status: 204 } : ok(campaign.sequence);
    }],
    ['POST', '/campaign/UpdateSequence', (request) => {
      const body = objectBody(request);
      workspace.updateSequence(bodyInteger(body, 'campaignId'), body['sequence']);
      return { status: 200 };
    }],
    ['POST', '/campaign/StartCampaign', (request) => {
      workspace.startCampaign(queryInteger(request, 'campaignId'));
      return { status: 200 };
    }],
    ['POST', '/campaign/Pause', (request) => {
      workspace.pauseCampaign(queryInteger(request, 'campaignId'));
      return { status: 200 };
    }],
    ['POST', '/campaign/Resume', (request) => {
      workspace.resumeCampaign(queryInteger(request, 'campaignId'));
      return { status: 200 };
    }],
    ['POST', '/campaign/AddLeadsToCampaignV2', (request) => {
      const body = objectBody(request);
      return ok(workspace.addLeads(bodyInteger(body, 'campaignId'), body['accountLeadPairs'], body));
    }],
    ['POST', '/campaign/GetLeadsFromCampaign', (request) => {
      const body = objectBody(request);
      const campaign = workspace.campaign(bodyInteger(body, 'campaignId'));
      return paged(body, campaign.leads.map((row) => campaignLeadJson(workspace, row)));
    }],
    ['POST', '/campaign/StopLeadInCampaign', (request) => {
      const body = objectBody(request);
      workspace.stopLead(bodyInteger(body, 'campaignId'), { leadMemberId: body['leadMemberId'], leadUrl: body['leadUrl'] });
      return { status: 200 };
    }],

    ['POST', '/lead/GetLead', (request) => {
      const body = objectBody(request);
      const profile = typeof body['profileUrl'] === 'string' ? workspace.profileByUrl(body['profileUrl']) : null;
      if (!profile) throw new HeyReachRefusal(404, 'Lead was not found.');
      return ok({
        linkedin_id: profile.linkedinId,
        profileUrl: profile.profileUrl,
        firstName: profile.firstName,
        lastName: profile.lastName,
        headline: null,
        location: null,
        companyName: profile.companyName,
        position: profile.position,
        emailAddress: profile.emailAddress,
        customUserFields: profile.customUserFields,
      });
    }],

    ['POST', '/blacklist/AddLeads', (request) => {
      workspace.addToBlacklist(objectBody(request)['leads']);
      return { status: 200 };
    }],

    ['POST', '/inbox/GetConversationsV2', (request) => {
      const body = objectBody(request);
      const filters = (body['filters'] && typeof body['filters'] === 'object' ? body['filters'] : {}) as Record<string, unknown>;
      return paged(body, conversationsMatching(workspace, filters).map((conversation) => conversationJson(workspace, conversation, false)));
    }],
    ['GET', '/inbox/GetChatroom/:accountId/:conversationId', (_request, params) => {
      const accountId = Number(params['accountId']);
      if (!Number.isInteger(accountId)) throw new HeyReachRefusal(400, `The value '${params['accountId']}' is not valid.`, 'accountId');
      return ok(conversationJson(workspace, workspace.conversation(accountId, params['conversationId'] ?? ''), true));
    }],

    ['POST', '/stats/GetOverallStats', (request) => {
      const body = objectBody(request);
      return ok(
        workspace.overallStats({
          from: bodyDate(body, 'startDate'),
          to: bodyDate(body, 'endDate'),
          campaignIds: integerList(body, 'campaignIds'),
          accountIds: integerList(body, 'accountIds'),
        }),
      );
    }],
  ];

  const served = routes.map(([method, path, handle]) => ({ method, pattern: HEYREACH_API_PREFIX + path, handle: refusalsAnswered(handle) }));
  const wrongMethod = routes.map(([method, path]) => ({
    method: method === 'GET' ? 'POST' : 'GET',
    pattern: HEYREACH_API_PREFIX + path,
    handle: () => ({ status: 405, headers: { allow: method } }),
  }));
  return [...served, ...wrongMethod];
}

/** Business refusals answer `{errorMessage}`; model-binding ones the ASP.NET validation body. */
export function refusalsAnswered(handle: Handle): SimHandler {
  return (request, params) => {
    try {
      return handle(request, params);
    } catch (error) {
      if (!(error instanceof HeyReachRefusal)) throw error;
      if (error.validationField !== null) {
        return {
          status: 400,
          body: {
            type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
            title: 'One or more validation errors occurred.',
            status: 400,
            errors: { [error.validationField]: [error.message] },
          },
        };
      }
      return { status: error.status, body: { errorMessage: error.message } };
    }
  };
}

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

export function objectBody(request: SimRequest): Record<string, unknown> {
  if (request.body === null || typeof request.body !== 'object' || Array.isArray(request.body)) {
    throw new HeyReachRefusal(400, 'A non-empty request body is required.', '');
  }
  return request.body as Record<string, unknown>;
}

/** An `int` bound from the query string: the campaign commands take their id only there. */
function queryInteger(request: SimRequest, name: string): number {
  const raw = request.query.get(name);
  if (raw === null || raw === '') throw new HeyReachRefusal(400, `The ${name} field is required.`, name);
  if (!/^\d+$/.test(raw)) throw new HeyReachRefusal(400, `The value '${raw}' is not valid.`, name);
  return Number(raw);
}

export function bodyInteger(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (value === undefined || value === null) throw new HeyReachRefusal(400, `The ${name} field is required.`, name);
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new HeyReachRefusal(400, `The JSON value could not be converted to System.Int32. Path: $.${name}`, name);
  return value;
}

function bodyDate(body: Record<string, unknown>, name: string): Date {
  const value = body[name];
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new HeyReachRefusal(400, `The ${name} field is required.`, name);
  return date;
}

function integerList(body: Record<string, unknown>, name: string): number[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number' && Number.isInteger(item))) {
    throw new HeyReachRefusal(400, `The JSON value could not be converted to System.Int32[]. Path: $.${name}`, name);
  }
  return value as number[];
}

/** `{offset, limit ≤ 100}` in, `{totalCount, items}` out. */
function paged(body: Record<string, unknown>, all: readonly unknown[]): SimResponse {
  const offset = body['offset'] ?? 0;
  const limit = body['limit'] ?? PAGE_LIMIT_DEFAULT;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw new HeyReachRefusal(400, 'The field Offset must be between 0 and 2147483647.', 'Offset');
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT_MAX) {
    throw new HeyReachRefusal(400, `The field Limit must be between 1 and ${PAGE_LIMIT_MAX}.`, 'Limit');
  }
  return ok({ totalCount: all.length, items: all.slice(offset, offset + limit) });
}

function senderAccountJson(workspace: HeyReachWorkspace, account: SimSenderAccount): Record<string, unknown> {
  const activeCampaigns = [...workspace.campaigns.values()].filter((campaign) => campaign.status === 'IN_PROGRESS' && campaign.accountIds.includes(account.id)).length;
  return {
    id: account.id,
    firstName: account.firstName,
    lastName: account.lastName,
    emailAddress: account.emailAddress,
    profileUrl: account.profileUrl,
    isActive: account.isActive,
    authIsValid: account.authIsValid,
    isValidNavigator: false,
    isValidRecruiter: false,
    activeCampaigns,
    accountLimits: {
      connectioRequestLimit: 20,
      connectioRequestMax: 25,
      messageLimit: 50,
      messageLimitMax: 100,
      inMailLimit: 10,
      inMailLimitMax: 25,
      profileViewLimit: 80,
      profileViewLimitMax: 150,
      followLimit: 20,
      followLimitMax: 50,
      postLikeLimit: 20,
      postLikeLimitMax: 50,
    },
    connectionRequestCooldown: null,
    connectionNoteCooldown: null,
    inMailCooldown: null,
    searchCooldown: null,
  };
}

function campaignJson(workspace: HeyReachWorkspace, campaign: SimCampaign): Record<string, unknown> {
  const count = (status: SimCampaignLead['status']) => campaign.leads.filter((lead) => lead.status === status).length;
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    creationTime: campaign.creationTime,
    startedAt: campaign.startedAt,
    linkedInUserListId: campaign.listId,
    linkedInUserListName: workspace.lists.get(campaign.listId)?.name ?? null,
    campaignAccountIds: [...campaign.accountIds],
    organizationUnitId: ORGANIZATION_UNIT_ID,
    excludeInOtherCampaigns: false,
    excludeHasOtherAccConversations: false,
    excludeContactedFromSenderInOtherCampaign: false,
    excludeListId: null,
    progressStats: {
      totalUsers: campaign.leads.length,
      totalUsersInProgress: count('InProgress'),
      totalUsersPending: count('Pending'),
      totalUsersFinished: count('Finished'),
      totalUsersFailed: count('Failed'),
      totalUsersManuallyStopped: count('ManuallyStopped'),
      totalUsersExcluded: count('Excluded'),
    },
  };
}

function campaignLeadJson(workspace: HeyReachWorkspace, row: SimCampaignLead): Record<string, unknown> {
  const profile = workspace.profileById(row.linkedinId);
  const sender = workspace.senderAccounts.find((account) => account.id === row.senderAccountId);
  const messages = workspace.conversations.filter((conversation) => conversation.leadLinkedinId === row.linkedinId).flatMap((conversation) => conversation.messages);
  const replied = messages.find((message) => message.sender === 'THEM');
  const sent = messages.find((message) => message.sender === 'ME');
  const messageStatus = replied ? (replied.isInMail ? 'InMailReply' : 'MessageReply') : sent ? (sent.isInMail ? 'InMailSent' : 'MessageSent') : 'None';
  return {
    id: row.rowId,
    linkedInUserProfileId: profile?.linkedInUserProfileId ?? null,
    linkedInUserProfile: {
      linkedin_id: row.linkedinId,
      profileUrl: profile?.profileUrl ?? null,
      firstName: profile?.firstName ?? null,
      lastName: profile?.lastName ?? null,
      headline: null,
      location: null,
      companyName: profile?.companyName ?? null,
      position: profile?.position ?? null,
      emailAddress: profile?.emailAddress ?? null,
      enrichedEmailAddress: null,
      customEmailAddress: null,
    },
    creationTime: row.creationTime,
    lastActionTime: row.lastActionTime,
    failedTime: row.status === 'Failed' ? row.lastActionTime : null,
    finishedTime: row.status === 'Finished' ? row.lastActionTime : null,
    leadCampaignStatus: row.status,
    leadConnectionStatus: 'None',
    leadMessageStatus: messageStatus,
    errorCode: null,
    linkedInSenderId: row.senderAccountId,
    linkedInSenderFullName: sender ? `${sender.firstName} ${sender.lastName}` : null,
  };
}

function conversationsMatching(workspace: HeyReachWorkspace, filters: Record<string, unknown>): SimConversation[] {
  const accountIds = Array.isArray(filters['linkedInAccountIds']) ? (filters['linkedInAccountIds'] as unknown[]) : [];
  const campaignIds = Array.isArray(filters['campaignIds']) ? (filters['campaignIds'] as unknown[]) : [];
  const leadProfile = typeof filters['leadProfileUrl'] === 'string' && filters['leadProfileUrl'] !== '' ? workspace.profileByUrl(filters['leadProfileUrl']) : undefined;
  const leadLinkedInId = typeof filters['leadLinkedInId'] === 'string' && filters['leadLinkedInId'] !== '' ? filters['leadLinkedInId'] : undefined;
  const search = typeof filters['searchString'] === 'string' ? filters['searchString'].toLowerCase() : '';
  return workspace.conversations
    .filter((conversation) => accountIds.length === 0 || accountIds.includes(conversation.accountId))
    .filter((conversation) => campaignIds.length === 0 || campaignIds.includes(conversation.campaignId))
    .filter((conversation) => leadProfile === undefined || conversation.leadLinkedinId === leadProfile?.linkedinId)
    .filter((conversation) => leadLinkedInId === undefined || conversation.leadLinkedinId === leadLinkedInId)
    .filter((conversation) => typeof filters['seen'] !== 'boolean' || conversation.read === filters['seen'])
    .filter((conversation) => search === '' || conversation.messages.some((message) => message.body.toLowerCase().includes(search)))
    .sort((a, b) => (b.messages.at(-1)?.createdAt ?? '').localeCompare(a.messages.at(-1)?.createdAt ?? ''));
}

function conversationJson(workspace: HeyReachWorkspace, conversation: SimConversation, withMessages: boolean): Record<string, unknown> {
  const profile = workspace.profileById(conversation.leadLinkedinId);
  const account = workspace.senderAccounts.find((candidate) => candidate.id === conversation.accountId);
  const last = conversation.messages.at(-1);
  return {
    id: conversation.id,
    read: conversation.read,
    groupChat: false,
    blockedByMe: false,
    blockedByParticipant: false,
    lastMessageAt: last?.createdAt ?? null,
    lastMessageText: last?.body ?? null,
    lastMessageType: 'TEXT',
    lastMessageSender: last?.sender ?? null,
    totalMessages: conversation.messages.length,
    campaignId: conversation.campaignId,
    linkedInAccountId: conversation.accountId,
    correspondentProfile: {
      linkedin_id: conversation.leadLinkedinId,
      profileUrl: profile?.profileUrl ?? null,
      firstName: profile?.firstName ?? null,
      lastName: profile?.lastName ?? null,
      headline: null,
      companyName: profile?.companyName ?? null,
      position: profile?.position ?? null,
      emailAddress: profile?.emailAddress ?? null,
    },
    linkedInAccount: account
      ? { id: account.id, firstName: account.firstName, lastName: account.lastName, emailAddress: account.emailAddress, profileUrl: account.profileUrl }
      : null,
    ...(withMessages
      ? { messages: conversation.messages.map((message) => ({ createdAt: message.createdAt, body: message.body, subject: null, postLink: null, isInMail: message.isInMail, sender: message.sender })) }
      : {}),
  };
}
