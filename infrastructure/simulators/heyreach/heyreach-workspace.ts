import { sequenceViolation } from './heyreach-sequence-rules.js';

/**
 * One HeyReach workspace as the simulator holds it: LinkedIn sender accounts, lead lists,
 * campaigns with their status machine and sequence tree, leads with LinkedIn member ids,
 * conversations and daily statistics. Refusals are thrown as `HeyReachRefusal` with the status
 * and wording the real API uses where it is known (providers.md §3, HR-CLI's audit).
 */

export type HeyReachCampaignStatus = 'DRAFT' | 'IN_PROGRESS' | 'PAUSED' | 'FINISHED' | 'CANCELED' | 'FAILED' | 'STARTING' | 'SCHEDULED';

export type HeyReachLeadCampaignStatus = 'Pending' | 'InProgress' | 'Finished' | 'Failed' | 'ManuallyStopped' | 'Excluded';

export interface SenderAccountSeed {
  readonly firstName: string;
  readonly lastName: string;
  readonly emailAddress?: string | null;
  readonly profileUrl?: string | null;
  readonly isActive?: boolean;
  readonly authIsValid?: boolean;
}

export interface SimSenderAccount {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly emailAddress: string | null;
  readonly profileUrl: string | null;
  isActive: boolean;
  authIsValid: boolean;
}

export interface SimList {
  readonly id: number;
  readonly name: string;
  readonly listType: 'USER_LIST' | 'COMPANY_LIST';
  readonly creationTime: string;
  /** `linkedin_id`s of the leads on the list. */
  readonly memberIds: string[];
}

export interface CustomUserField {
  readonly name: string;
  readonly value: string;
}

/** A LinkedIn profile HeyReach knows in this workspace. */
export interface SimLeadProfile {
  /** The member id: numeric for most profiles, `imp_…` for some (both seen live). */
  readonly linkedinId: string;
  /** The ACoAA… urn id, which `StopLeadInCampaign` does not accept. */
  readonly linkedInUserProfileId: string;
  readonly profileUrl: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  position: string | null;
  emailAddress: string | null;
  customUserFields: CustomUserField[];
}

export interface SimCampaignLead {
  /** The row id, which `StopLeadInCampaign` does not accept either. */
  readonly rowId: number;
  readonly linkedinId: string;
  status: HeyReachLeadCampaignStatus;
  readonly creationTime: string;
  lastActionTime: string | null;
  readonly senderAccountId: number;
}

export interface SimCampaign {
  readonly id: number;
  readonly name: string;
  status: HeyReachCampaignStatus;
  readonly creationTime: string;
  startedAt: string | null;
  readonly listId: number;
  readonly accountIds: number[];
  sequence: unknown;
  readonly leads: SimCampaignLead[];
}

export interface SimMessage {
  readonly createdAt: string;
  readonly body: string;
  readonly isInMail: boolean;
  readonly sender: 'ME' | 'THEM';
}

export interface SimConversation {
  readonly id: string;
  readonly accountId: number;
  readonly campaignId: number | null;
  readonly leadLinkedinId: string;
  read: boolean;
  readonly messages: SimMessage[];
}

export const STAT_COUNTERS = [
  'profileViews',
  'postLikes',
  'follows',
  'messagesSent',
  'totalMessageStarted',
  'totalMessageReplies',
  'inmailMessagesSent',
  'totalInmailStarted',
  'totalInmailReplies',
  'connectionsSent',
  'connectionsAccepted',
] as const;
export type StatCounter = (typeof STAT_COUNTERS)[number];

interface StatsEntry {
  readonly campaignId: number;
  readonly accountId: number;
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly counters: Record<StatCounter, number>;
}

export interface LeadInput {
  readonly profileUrl?: unknown;
  readonly firstName?: unknown;
  readonly lastName?: unknown;
  readonly companyName?: unknown;
  readonly position?: unknown;
  readonly emailAddress?: unknown;
  readonly customUserFields?: unknown;
}

export interface AccountLeadPair {
  readonly linkedInAccountId?: unknown;
  readonly lead?: LeadInput;
}

export interface AddLeadsCounts {
  addedLeadsCount: number;
  updatedLeadsCount: number;
  failedLeadsCount: number;
}

/** A refusal the simulator answers with `{errorMessage}` (or a validation body) and this status. */
export class HeyReachRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly validationField: string | null = null,
  ) {
    super(message);
    this.name = 'HeyReachRefusal';
  }
}

/** `AddLeadsToCampaignV2` takes at most this many pairs per request. */
export const ADD_LEADS_LIMIT = 100;
const CAMPAIGN_NAME_MAX = 50;
const CUSTOM_FIELD_NAME = /^[A-Za-z0-9_]+$/;
const LINKEDIN_PROFILE_URL = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/(?:in|sales\/lead|sales\/people)\/[^/?#\s]+/i;

/** Campaigns whose sequence can no longer be edited (providers.md: not while active/completed). */
const SEQUENCE_LOCKED: ReadonlySet<HeyReachCampaignStatus> = new Set(['IN_PROGRESS', 'STARTING', 'FINISHED', 'CANCELED']);

/** Lead rows the campaign is still working on: Resume on a campaign without any settles back to PAUSED. */
const LIVE_LEAD_STATUSES: ReadonlySet<HeyReachLeadCampaignStatus> = new Set(['Pending', 'InProgress']);

export class HeyReachWorkspace {
  readonly senderAccounts: SimSenderAccount[] = [];
  readonly lists = new Map<number, SimList>();
  readonly campaigns = new Map<number, SimCampaign>();
  /** Every profile the workspace has seen, by normalised profile URL. */
  readonly profiles = new Map<string, SimLeadProfile>();
  readonly conversations: SimConversation[] = [];
  /** Blacklisted profiles (normalised URLs), member ids, emails and names, as sent. */
  readonly blacklist: { profileUrl?: string; linkedInProfileId?: string; email?: string; fullName?: string }[] = [];
  private readonly stats: StatsEntry[] = [];
  private nextAccountId = 110_357;
  private nextListId = 482_113;
  private nextCampaignId = 572_444;
  private nextRowId = 3_104_551;
  private nextMemberNumber = 918_418_165;
  private profilesCreated = 0;
  private conversationsCreated = 0;

  constructor(private readonly clock: () => Date) {}

  private now(): string {
    return this.clock().toISOString();
  }

  addSenderAccount(seed: SenderAccountSeed): SimSenderAccount {
    const slug = `${seed.firstName}-${seed.lastName}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const account: SimSenderAccount = {
      id: this.nextAccountId++,
      firstName: seed.firstName,
      lastName: seed.lastName,
      emailAddress: seed.emailAddress === undefined ? `${slug.replace(/-/g, '.')}@example.com` : seed.emailAddress,
      profileUrl: seed.profileUrl === undefined ? `https://www.linkedin.com/in/${slug}` : seed.profileUrl,
      isActive: seed.isActive ?? true,
      authIsValid: seed.authIsValid ?? true,
    };
    this.senderAccounts.push(account);
    return account;
  }

  senderAccount(id: number): SimSenderAccount {
    const account = this.senderAccounts.find((candidate) => candidate.id === id);
    if (!account) throw new HeyReachRefusal(404, `LinkedIn account with id ${id} was not found.`);
    return account;
  }

  createList(name: unknown, type: unknown): SimList {
    if (typeof name !== 'string' || name.trim() === '') throw new HeyReachRefusal(400, 'The Name field is required.', 'Name');
    if (type !== 'USER_LIST' && type !== 'COMPANY_LIST') throw new HeyReachRefusal(400, `The value '${String(type)}' is not valid for Type.`, 'Type');
    const list: SimList = { id: this.nextListId++, name, listType: type, creationTime: this.now(), memberIds: [] };
    this.lists.set(list.id, list);
    return list;
  }

  createCampaign(body: Record<string, unknown>): SimCampaign {
    const { name, linkedInUserListId, linkedInAccountIds, sequence } = body;
    if (typeof name !== 'string' || name.length < 1 || name.length > CAMPAIGN_NAME_MAX) {
      throw new HeyReachRefusal(400, `The field Name must be a string with a minimum length of 1 and a maximum length of ${CAMPAIGN_NAME_MAX}.`, 'Name');
    }
    if (typeof linkedInUserListId !== 'number' || !Number.isInteger(linkedInUserListId)) {
      throw new HeyReachRefusal(400, 'The LinkedInUserListId field is required.', 'LinkedInUserListId');
    }
    const list = this.lists.get(linkedInUserListId);
    if (!list) throw new HeyReachRefusal(404, `List with id ${linkedInUserListId} was not found.`);
    if (list.listType !== 'USER_LIST') throw new HeyReachRefusal(400, 'The campaign list must be a USER_LIST.');
    if (!Array.isArray(linkedInAccountIds) || linkedInAccountIds.length === 0 || linkedInAccountIds.length > 100) {
      throw new HeyReachRefusal(400, 'The field LinkedInAccountIds must contain between 1 and 100 accounts.', 'LinkedInAccountIds');
    }
    const accountIds = linkedInAccountIds.map((id) => {
      if (typeof id !== 'number' || !Number.isInteger(id)) throw new HeyReachRefusal(400, `The value '${String(id)}' is not valid.`, 'LinkedInAccountIds');
      return this.senderAccount(id).id;
    });
    if (sequence !== undefined && sequence !== null) this.checkSequence(sequence);
    const campaign: SimCampaign = {
      id: this.nextCampaignId++,
      name,
      status: 'DRAFT',
      creationTime: this.now(),
      startedAt: null,
      listId: list.id,
      accountIds,
      sequence: sequence ?? null,
      leads: [],
    };
    this.campaigns.set(campaign.id, campaign);
    return campaign;
  }

  campaign(id: number): SimCampaign {
    const campaign = this.campaigns.get(id);
    if (!campaign) throw new HeyReachRefusal(404, `Campaign with id ${id} was not found.`);
    return campaign;
  }

  /** DRAFT (and a paused or scheduled campaign) → IN_PROGRESS. Undocumented in Postman, live per HR-CLI. */
  startCampaign(id: number): void {
    const campaign = this.campaign(id);
    if (campaign.status === 'IN_PROGRESS' || campaign.status === 'STARTING') throw new HeyReachRefusal(400, 'The campaign is already started.');
    if (campaign.status !== 'DRAFT' && campaign.status !== 'PAUSED' && campaign.status !== 'SCHEDULED') {
      throw new HeyReachRefusal(400, 'The campaign you are trying to start is finished, canceled or failed.');
    }
    campaign.status = 'IN_PROGRESS';
    campaign.startedAt ??= this.now();
  }

  /** A running campaign → PAUSED; pausing a paused one changes nothing. */
  pauseCampaign(id: number): void {
    const campaign = this.campaign(id);
    if (campaign.status === 'PAUSED') return;
    if (campaign.status !== 'IN_PROGRESS' && campaign.status !== 'STARTING' && campaign.status !== 'SCHEDULED') {
      throw new HeyReachRefusal(400, 'The campaign you are trying to pause is not in progress.');
    }
    campaign.status = 'PAUSED';
  }

  /**
   * PAUSED, FINISHED or FAILED → IN_PROGRESS; a draft is refused with HeyReach's misleading
   * wording. With no lead left to work on, HeyReach answers 200 and the campaign settles back
   * to PAUSED (HR-CLI audit finding 6).
   */
  resumeCampaign(id: number): void {
    const campaign = this.campaign(id);
    if (campaign.status !== 'PAUSED' && campaign.status !== 'FINISHED' && campaign.status !== 'FAILED') {
      throw new HeyReachRefusal(400, 'The campaign you are trying to resume is not paused, finished or failed.');
    }
    campaign.status = campaign.leads.some((lead) => LIVE_LEAD_STATUSES.has(lead.status)) ? 'IN_PROGRESS' : 'PAUSED';
  }

  updateSequence(id: number, sequence: unknown): void {
    const campaign = this.campaign(id);
    if (SEQUENCE_LOCKED.has(campaign.status)) {
      throw new HeyReachRefusal(400, 'The sequence of a campaign that is in progress or finished cannot be edited. Pause the campaign first.');
    }
    this.checkSequence(sequence);
    campaign.sequence = structuredClone(sequence);
  }

  private checkSequence(sequence: unknown): void {
    const violation = sequenceViolation(sequence);
    if (violation !== null) throw new HeyReachRefusal(400, violation);
  }

  /**
   * Leads go onto the campaign's list and into the campaign. A profile already in the campaign
   * is updated (`updatedLeadsCount`); a URL that is no LinkedIn profile, or a sender that is not
   * on the campaign, fails that pair. `customUserFields` are only read inside `lead`; next to it
   * they are dropped without a word, as the real API does.
   */
  addLeads(campaignId: number, pairs: unknown, flags: { resumePausedCampaign?: unknown; resumeFinishedCampaign?: unknown }): AddLeadsCounts {
    const campaign = this.campaign(campaignId);
    if (!Array.isArray(pairs)) throw new HeyReachRefusal(400, 'The AccountLeadPairs field is required.', 'AccountLeadPairs');
    if (pairs.length > ADD_LEADS_LIMIT) throw new HeyReachRefusal(400, `You can add at most ${ADD_LEADS_LIMIT} leads per request.`);
    if (campaign.status === 'DRAFT') throw new HeyReachRefusal(400, 'You cannot add new leads to a draft campaign');
    const counts: AddLeadsCounts = { addedLeadsCount: 0, updatedLeadsCount: 0, failedLeadsCount: 0 };
    const list = this.lists.get(campaign.listId);
    for (const pair of pairs as AccountLeadPair[]) {
      const lead = pair?.lead;
      const profileUrl = lead?.profileUrl;
      const accountId = pair?.linkedInAccountId;
      const pinnedAccount = accountId === undefined || accountId === null ? null : accountId;
      if (typeof profileUrl !== 'string' || !LINKEDIN_PROFILE_URL.test(profileUrl.trim()) || (pinnedAccount !== null && !campaign.accountIds.includes(pinnedAccount as number))) {
        counts.failedLeadsCount += 1;
        continue;
      }
      const fields = customFieldsOf(lead?.customUserFields);
      if (fields === null) {
        counts.failedLeadsCount += 1;
        continue;
      }
      const profile = this.upsertProfile(profileUrl.trim(), lead!, fields);
      if (campaign.leads.some((row) => row.linkedinId === profile.linkedinId)) {
        counts.updatedLeadsCount += 1;
        continue;
      }
      campaign.leads.push({
        rowId: this.nextRowId++,
        linkedinId: profile.linkedinId,
        status: this.isBlacklisted(profile) ? 'Excluded' : 'Pending',
        creationTime: this.now(),
        lastActionTime: null,
        senderAccountId: (pinnedAccount as number | null) ?? campaign.accountIds[campaign.leads.length % campaign.accountIds.length]!,
      });
      if (list && !list.memberIds.includes(profile.linkedinId)) list.memberIds.push(profile.linkedinId);
      counts.addedLeadsCount += 1;
    }
    if ((campaign.status === 'PAUSED' && flags.resumePausedCampaign === true) || (campaign.status === 'FINISHED' && flags.resumeFinishedCampaign === true)) {
      campaign.status = 'IN_PROGRESS';
    }
    return counts;
  }

  private upsertProfile(profileUrl: string, lead: LeadInput, fields: CustomUserField[]): SimLeadProfile {
    const key = normaliseProfileUrl(profileUrl);
    const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
    const existing = this.profiles.get(key);
    if (existing) {
      existing.firstName = text(lead.firstName) ?? existing.firstName;
      existing.lastName = text(lead.lastName) ?? existing.lastName;
      existing.companyName = text(lead.companyName) ?? existing.companyName;
      existing.position = text(lead.position) ?? existing.position;
      existing.emailAddress = text(lead.emailAddress) ?? existing.emailAddress;
      const byName = new Map(existing.customUserFields.map((field) => [field.name, field]));
      for (const field of fields) byName.set(field.name, field);
      existing.customUserFields = [...byName.values()];
      return existing;
    }
    this.profilesCreated += 1;
    const memberNumber = this.nextMemberNumber;
    this.nextMemberNumber += 7_919;
    // Live data mixes numeric member ids with `imp_…` ones; every fourth profile gets the latter.
    const linkedinId = this.profilesCreated % 4 === 0 ? `imp_${memberNumber.toString(36)}q${this.profilesCreated}` : String(memberNumber);
    const profile: SimLeadProfile = {
      linkedinId,
      linkedInUserProfileId: `ACoAA${Buffer.from(`member:${memberNumber}`).toString('base64url')}`,
      profileUrl,
      firstName: text(lead.firstName),
      lastName: text(lead.lastName),
      companyName: text(lead.companyName),
      position: text(lead.position),
      emailAddress: text(lead.emailAddress),
      customUserFields: fields,
    };
    this.profiles.set(key, profile);
    return profile;
  }

  profileByUrl(profileUrl: string): SimLeadProfile | null {
    return this.profiles.get(normaliseProfileUrl(profileUrl)) ?? null;
  }

  profileById(linkedinId: string): SimLeadProfile | null {
    for (const profile of this.profiles.values()) if (profile.linkedinId === linkedinId) return profile;
    return null;
  }

  /** A lead of a campaign by member id or profile URL; anything else is not present. */
  campaignLead(campaignId: number, lead: { leadMemberId?: unknown; leadUrl?: unknown }): SimCampaignLead {
    const campaign = this.campaign(campaignId);
    const byUrl = typeof lead.leadUrl === 'string' ? this.profileByUrl(lead.leadUrl) : null;
    const memberId = typeof lead.leadMemberId === 'string' && lead.leadMemberId !== '' ? lead.leadMemberId : byUrl?.linkedinId;
    const row = campaign.leads.find((candidate) => candidate.linkedinId === memberId);
    if (!row) throw new HeyReachRefusal(404, 'The lead is not present in the campaign (lead is not present).');
    return row;
  }

  stopLead(campaignId: number, lead: { leadMemberId?: unknown; leadUrl?: unknown }): void {
    const row = this.campaignLead(campaignId, lead);
    if (row.status === 'Pending' || row.status === 'InProgress') {
      row.status = 'ManuallyStopped';
      row.lastActionTime = this.now();
    }
  }

  /** Exclusion entries; pending leads of a blacklisted profile are excluded from their campaigns. */
  addToBlacklist(entries: unknown): number {
    if (!Array.isArray(entries) || entries.length === 0) throw new HeyReachRefusal(400, 'The Leads field is required.', 'Leads');
    for (const entry of entries as Record<string, unknown>[]) {
      const profileUrl = typeof entry?.['profileUrl'] === 'string' ? entry['profileUrl'] : undefined;
      const linkedInProfileId = typeof entry?.['linkedInProfileId'] === 'string' ? entry['linkedInProfileId'] : undefined;
      const email = typeof entry?.['email'] === 'string' ? entry['email'] : undefined;
      const fullName = typeof entry?.['fullName'] === 'string' ? entry['fullName'] : undefined;
      if (!profileUrl && !linkedInProfileId && !email && !fullName) throw new HeyReachRefusal(400, 'Each lead needs a profileUrl, linkedInProfileId, email or fullName.');
      this.blacklist.push({
        ...(profileUrl ? { profileUrl: normaliseProfileUrl(profileUrl) } : {}),
        ...(linkedInProfileId ? { linkedInProfileId } : {}),
        ...(email ? { email: email.toLowerCase() } : {}),
        ...(fullName ? { fullName } : {}),
      });
    }
    for (const campaign of this.campaigns.values()) {
      for (const row of campaign.leads) {
        const profile = this.profileById(row.linkedinId);
        if (row.status === 'Pending' && profile && this.isBlacklisted(profile)) row.status = 'Excluded';
      }
    }
    return entries.length;
  }

  isBlacklisted(profile: SimLeadProfile): boolean {
    const url = normaliseProfileUrl(profile.profileUrl);
    return this.blacklist.some(
      (entry) =>
        entry.profileUrl === url ||
        entry.linkedInProfileId === profile.linkedinId ||
        (entry.email !== undefined && entry.email === profile.emailAddress?.toLowerCase()),
    );
  }

  /**
   * Records one message between the lead's sender account and the lead, in the conversation of
   * that pair (created on first use), and counts it in the day's statistics.
   */
  recordMessage(input: {
    readonly campaignId: number;
    readonly leadLinkedinId: string;
    readonly sender: 'ME' | 'THEM';
    readonly body: string;
    readonly isInMail?: boolean;
    readonly createdAt?: Date;
  }): { conversation: SimConversation; message: SimMessage } {
    const row = this.campaignLead(input.campaignId, { leadMemberId: input.leadLinkedinId });
    let conversation = this.conversations.find(
      (candidate) => candidate.accountId === row.senderAccountId && candidate.leadLinkedinId === row.linkedinId && candidate.campaignId === input.campaignId,
    );
    if (!conversation) {
      this.conversationsCreated += 1;
      conversation = {
        id: `2-${Buffer.from(`conversation:${row.senderAccountId}:${row.linkedinId}:${this.conversationsCreated}`).toString('base64')}`,
        accountId: row.senderAccountId,
        campaignId: input.campaignId,
        leadLinkedinId: row.linkedinId,
        read: input.sender === 'ME',
        messages: [],
      };
      this.conversations.push(conversation);
    }
    const createdAt = input.createdAt ?? this.clock();
    const message: SimMessage = { createdAt: createdAt.toISOString(), body: input.body, isInMail: input.isInMail ?? false, sender: input.sender };
    const firstOfItsKind = !conversation.messages.some((existing) => existing.sender === input.sender);
    conversation.messages.push(message);
    conversation.messages.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (input.sender === 'THEM') conversation.read = false;
    if (input.sender === 'ME') {
      this.count(input.campaignId, row.senderAccountId, createdAt, message.isInMail ? 'inmailMessagesSent' : 'messagesSent');
      if (firstOfItsKind) this.count(input.campaignId, row.senderAccountId, createdAt, message.isInMail ? 'totalInmailStarted' : 'totalMessageStarted');
    } else {
      this.count(input.campaignId, row.senderAccountId, createdAt, message.isInMail ? 'totalInmailReplies' : 'totalMessageReplies');
    }
    row.lastActionTime = createdAt.toISOString();
    if (row.status === 'Pending') row.status = 'InProgress';
    return { conversation, message };
  }

  conversation(accountId: number, conversationId: string): SimConversation {
    const conversation = this.conversations.find((candidate) => candidate.accountId === accountId && candidate.id === conversationId);
    if (!conversation) throw new HeyReachRefusal(404, 'Conversation was not found.');
    return conversation;
  }

  /** Adds to one day's counters of a campaign (as the sender the lead is assigned to, or the first one). */
  count(campaignId: number, accountId: number, at: Date, counter: StatCounter, by = 1): void {
    const day = at.toISOString().slice(0, 10);
    let entry = this.stats.find((candidate) => candidate.campaignId === campaignId && candidate.accountId === accountId && candidate.day === day);
    if (!entry) {
      entry = { campaignId, accountId, day, counters: Object.fromEntries(STAT_COUNTERS.map((name) => [name, 0])) as Record<StatCounter, number> };
      this.stats.push(entry);
    }
    entry.counters[counter] += by;
  }

  /** `GetOverallStats`: per-day counters and their total, filtered by dates, campaigns and accounts (empty = all). */
  overallStats(filter: { from: Date; to: Date; campaignIds: readonly number[]; accountIds: readonly number[] }): {
    overallStats: Record<string, number>;
    byDayStats: Record<string, Record<string, number>>;
  } {
    const fromDay = filter.from.toISOString().slice(0, 10);
    const toDay = filter.to.toISOString().slice(0, 10);
    const byDay = new Map<string, Record<StatCounter, number>>();
    for (const entry of this.stats) {
      if (entry.day < fromDay || entry.day > toDay) continue;
      if (filter.campaignIds.length > 0 && !filter.campaignIds.includes(entry.campaignId)) continue;
      if (filter.accountIds.length > 0 && !filter.accountIds.includes(entry.accountId)) continue;
      const day = byDay.get(entry.day) ?? (Object.fromEntries(STAT_COUNTERS.map((name) => [name, 0])) as Record<StatCounter, number>);
      for (const name of STAT_COUNTERS) day[name] += entry.counters[name];
      byDay.set(entry.day, day);
    }
    const total = Object.fromEntries(STAT_COUNTERS.map((name) => [name, 0])) as Record<StatCounter, number>;
    for (const day of byDay.values()) for (const name of STAT_COUNTERS) total[name] += day[name];
    return {
      overallStats: withRates(total),
      byDayStats: Object.fromEntries([...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, counters]) => [`${day}T00:00:00Z`, withRates(counters)])),
    };
  }
}

/** Profile URLs compare without scheme, `www.`, case, query or trailing slash. */
export function normaliseProfileUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '');
}

function customFieldsOf(value: unknown): CustomUserField[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return null;
  const fields: CustomUserField[] = [];
  for (const field of value as { name?: unknown; value?: unknown }[]) {
    if (typeof field?.name !== 'string' || !CUSTOM_FIELD_NAME.test(field.name)) return null;
    fields.push({ name: field.name, value: typeof field.value === 'string' ? field.value : String(field.value ?? '') });
  }
  return fields;
}

function withRates(counters: Record<StatCounter, number>): Record<string, number> {
  const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100);
  return {
    ...counters,
    messageReplyRate: rate(counters.totalMessageReplies, counters.totalMessageStarted),
    inMailReplyRate: rate(counters.totalInmailReplies, counters.totalInmailStarted),
    connectionAcceptanceRate: rate(counters.connectionsAccepted, counters.connectionsSent),
  };
}
