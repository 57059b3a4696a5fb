import { randomUUID } from 'node:crypto';

/*
 * What one Smartlead tenant (one API key = one Smartlead user, possibly an agency with clients)
 * holds, and the rules that move it: campaign and lead status machines, the whole-sequence
 * replace, lead uploads with Smartlead's dedupe and list checks, and the sending progress that
 * the real platform produces over days (recordSent/recordReply/…), so tests can see histories,
 * analytics and webhooks without waiting for a mail server.
 */

export type SimCampaignStatus = 'DRAFTED' | 'ACTIVE' | 'PAUSED' | 'STOPPED' | 'COMPLETED';
export type SimStatusCommand = 'START' | 'PAUSED' | 'STOPPED';
export type SimLeadStatus = 'STARTED' | 'INPROGRESS' | 'COMPLETED' | 'PAUSED' | 'STOPPED' | 'BLOCKED';
export type SimVariantDistribution = 'MANUAL_EQUAL' | 'MANUAL_PERCENTAGE' | 'AI_EQUAL';

export interface SimEmailAccount {
  readonly id: number;
  readonly apiKey: string;
  fromName: string | null;
  fromEmail: string;
  type: 'SMTP' | 'GMAIL' | 'OUTLOOK' | 'ZOHO';
  messagesPerDay: number;
  dailySentCount: number;
  smtpOk: boolean;
  imapOk: boolean;
  smtpFailureError: string | null;
  imapFailureError: string | null;
  clientId: number | null;
  warmupStatus: 'ACTIVE' | 'INACTIVE' | 'PAUSED' | null;
  readonly createdAt: Date;
}

export interface SimClient {
  readonly id: number;
  readonly apiKey: string;
  readonly name: string;
  readonly email: string;
}

export interface SimVariant {
  readonly id: number;
  label: string;
  subject: string;
  body: string;
  percentage: number | null;
  /** Smartlead keeps a variant dropped from a save as deleted, so its statistics survive. */
  deleted: boolean;
  readonly createdAt: Date;
  updatedAt: Date;
}

export interface SimStep {
  readonly id: number;
  seqNumber: number;
  delayInDays: number;
  subject: string;
  body: string;
  distribution: SimVariantDistribution | null;
  /** Null until the step has ever had variants (the read shows `sequence_variants: null`). */
  variants: SimVariant[] | null;
  readonly createdAt: Date;
  updatedAt: Date;
}

export interface SimMessage {
  readonly type: 'SENT' | 'REPLY';
  readonly time: Date;
  readonly messageId: string;
  /** One per sent email; a reply carries the id of the email it answers. */
  readonly statsId: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** The step that sent it; a reply carries the step it answers. */
  readonly seqNumber: number | null;
  opens: number;
  clicks: number;
  readonly links: string[];
  bounced: boolean;
  bouncedAt: Date | null;
}

export interface SimLead {
  readonly id: number;
  readonly apiKey: string;
  readonly email: string;
  firstName: string | null;
  lastName: string | null;
  phoneNumber: string | null;
  companyName: string | null;
  website: string | null;
  location: string | null;
  linkedinProfile: string | null;
  companyUrl: string | null;
  customFields: Record<string, string>;
  isUnsubscribed: boolean;
  readonly unsubscribedClientIdMap: Record<string, boolean>;
  readonly createdAt: Date;
}

export interface SimCampaignLead {
  readonly mapId: number;
  readonly leadId: number;
  status: SimLeadStatus;
  statusBeforePause: SimLeadStatus | null;
  categoryId: number | null;
  unsubscribed: boolean;
  readonly messages: SimMessage[];
  readonly createdAt: Date;
}

export interface SimCampaign {
  readonly id: number;
  readonly apiKey: string;
  readonly userId: number;
  name: string;
  status: SimCampaignStatus;
  previousStatus: SimCampaignStatus | null;
  readonly clientId: number | null;
  readonly createdAt: Date;
  updatedAt: Date;
  steps: SimStep[];
  readonly leads: SimCampaignLead[];
}

export interface SmartleadSeedEmailAccount {
  /** The user (API key) owning it; the simulator's first key when absent. */
  readonly apiKey?: string;
  readonly fromEmail: string;
  readonly fromName?: string | null;
  /** The agency client it is assigned to; null or absent: the agency's own inbox. */
  readonly clientId?: number | null;
  readonly type?: SimEmailAccount['type'];
  readonly smtpOk?: boolean;
  readonly imapOk?: boolean;
  readonly warmupStatus?: SimEmailAccount['warmupStatus'];
  readonly messagesPerDay?: number;
}

export interface SmartleadSeedClient {
  readonly id: number;
  readonly name: string;
  readonly email?: string;
  readonly apiKey?: string;
}

export interface SmartleadStateOptions {
  readonly apiKeys: readonly string[];
  readonly clients: readonly SmartleadSeedClient[];
  readonly emailAccounts: readonly SmartleadSeedEmailAccount[];
  /** Addresses or `@domain`s on the global block list. */
  readonly blockList: readonly string[];
  /** Addresses on the community bounce list. */
  readonly bounceList: readonly string[];
  /** The plan's lead limit per user; null: unlimited. */
  readonly leadLimit: number | null;
  readonly now: () => Date;
}

/** A refusal the API reports as an error body. */
export class SimRefusal extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'SimRefusal';
  }
}

export interface SimLeadWrite {
  readonly email: string;
  readonly first_name?: string | null;
  readonly last_name?: string | null;
  readonly company_name?: string | null;
  readonly phone_number?: string | null;
  readonly website?: string | null;
  readonly location?: string | null;
  readonly linkedin_profile?: string | null;
  readonly company_url?: string | null;
  readonly custom_fields?: Readonly<Record<string, string>> | null;
}

export interface SimUploadSettings {
  readonly ignore_global_block_list: boolean;
  readonly ignore_unsubscribe_list: boolean;
  readonly ignore_community_bounce_list: boolean;
  readonly ignore_duplicate_leads_in_other_campaign: boolean;
}

export interface SimUploadResult {
  readonly uploadCount: number;
  readonly added: number;
  readonly alreadyInCampaign: number;
  readonly duplicates: number;
  readonly invalidEmails: string[];
  readonly unsubscribed: string[];
  readonly blocked: number;
  readonly bounced: number;
  readonly limitStopped: number;
}

export interface SimStepWrite {
  readonly id: number | null;
  readonly seqNumber: number;
  readonly delayInDays: number;
  readonly subject: string;
  readonly body: string;
  readonly distribution: SimVariantDistribution | null;
  readonly variants: readonly { readonly id: number | null; readonly label: string; readonly subject: string; readonly body: string; readonly percentage: number | null }[] | null;
}

const EMAIL_SYNTAX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TERMINAL_LEAD_STATUSES: ReadonlySet<SimLeadStatus> = new Set(['COMPLETED', 'STOPPED', 'BLOCKED']);

/** Counters at the magnitudes Smartlead's integer ids have, so nothing passes only because ids are small. */
class IdSequence {
  constructor(private next: number) {}
  take(): number {
    const id = this.next;
    this.next += 1;
    return id;
  }
}

export class SmartleadSimulatorState {
  readonly apiKeys: readonly string[];
  readonly clients = new Map<number, SimClient>();
  readonly emailAccounts: SimEmailAccount[] = [];
  readonly campaigns = new Map<number, SimCampaign>();
  readonly leads = new Map<number, SimLead>();
  private readonly userIds = new Map<string, number>();
  private readonly campaignIds = new IdSequence(1_874_501);
  private readonly leadIds = new IdSequence(2_758_494_501);
  private readonly mapIds = new IdSequence(3_312_098_801);
  private readonly accountIds = new IdSequence(90_201);
  private readonly stepIds = new IdSequence(4_410_001);
  private readonly variantIds = new IdSequence(7_720_001);
  private readonly blockList: Set<string>;
  private readonly bounceList: Set<string>;
  private readonly leadLimit: number | null;
  readonly now: () => Date;

  constructor(options: SmartleadStateOptions) {
    if (options.apiKeys.length === 0) throw new Error('the Smartlead simulator needs at least one API key');
    this.apiKeys = [...options.apiKeys];
    this.apiKeys.forEach((key, index) => this.userIds.set(key, 61_001 + index));
    this.blockList = new Set(options.blockList.map(normaliseEmail));
    this.bounceList = new Set(options.bounceList.map(normaliseEmail));
    this.leadLimit = options.leadLimit;
    this.now = options.now;
    for (const client of options.clients) this.addClient(client);
    for (const account of options.emailAccounts) this.addEmailAccount(account);
  }

  userIdOf(apiKey: string): number {
    const id = this.userIds.get(apiKey);
    if (id === undefined) throw new Error('unknown simulator API key');
    return id;
  }

  addClient(seed: SmartleadSeedClient): SimClient {
    const apiKey = this.keyOrDefault(seed.apiKey);
    const client: SimClient = { id: seed.id, apiKey, name: seed.name, email: seed.email ?? `ops+${seed.id}@agency.example` };
    this.clients.set(client.id, client);
    return client;
  }

  addEmailAccount(seed: SmartleadSeedEmailAccount): SimEmailAccount {
    const apiKey = this.keyOrDefault(seed.apiKey);
    const clientId = seed.clientId ?? null;
    if (clientId !== null && !this.clients.has(clientId)) this.addClient({ id: clientId, name: `Client ${clientId}`, apiKey });
    const account: SimEmailAccount = {
      id: this.accountIds.take(),
      apiKey,
      fromName: seed.fromName ?? null,
      fromEmail: seed.fromEmail,
      type: seed.type ?? 'SMTP',
      messagesPerDay: seed.messagesPerDay ?? 40,
      dailySentCount: 0,
      smtpOk: seed.smtpOk ?? true,
      imapOk: seed.imapOk ?? true,
      smtpFailureError: seed.smtpOk === false ? 'Invalid login: 535-5.7.8 Username and Password not accepted' : null,
      imapFailureError: seed.imapOk === false ? 'IMAP connection timed out' : null,
      clientId,
      warmupStatus: seed.warmupStatus === undefined ? 'ACTIVE' : seed.warmupStatus,
      createdAt: this.now(),
    };
    this.emailAccounts.push(account);
    return account;
  }

  emailAccountsOf(apiKey: string, clientId: number | null): SimEmailAccount[] {
    return this.emailAccounts.filter((account) => account.apiKey === apiKey && (clientId === null || account.clientId === clientId));
  }

  clientOf(apiKey: string, clientId: number): SimClient | null {
    const client = this.clients.get(clientId);
    return client && client.apiKey === apiKey ? client : null;
  }

  createCampaign(apiKey: string, name: string, clientId: number | null): SimCampaign {
    const now = this.now();
    const campaign: SimCampaign = {
      id: this.campaignIds.take(),
      apiKey,
      userId: this.userIdOf(apiKey),
      name,
      status: 'DRAFTED',
      previousStatus: null,
      clientId,
      createdAt: now,
      updatedAt: now,
      steps: [],
      leads: [],
    };
    this.campaigns.set(campaign.id, campaign);
    return campaign;
  }

  campaignOf(apiKey: string, campaignId: number): SimCampaign | null {
    const campaign = this.campaigns.get(campaignId);
    return campaign && campaign.apiKey === apiKey ? campaign : null;
  }

  /** The campaign by id whoever owns it (for tests and control routes). */
  campaign(campaignId: number): SimCampaign {
    const campaign = this.campaigns.get(campaignId);
    if (!campaign) throw new Error(`no simulated campaign ${campaignId}`);
    return campaign;
  }

  /**
   * The documented status machine. STOPPED is permanent; a draft cannot be paused and starts only
   * with a sequence to send; repeating the current state is accepted, so a retried call is harmless.
   */
  applyStatusCommand(campaign: SimCampaign, command: SimStatusCommand): void {
    const target: SimCampaignStatus = command === 'START' ? 'ACTIVE' : command;
    if (campaign.status === target) return;
    if (campaign.status === 'STOPPED') throw new SimRefusal(400, 'Campaign is stopped. A stopped campaign cannot be started or paused again.');
    if (campaign.status === 'COMPLETED' && target !== 'STOPPED') throw new SimRefusal(400, 'Campaign is completed. Add new leads to send again.');
    if (campaign.status === 'DRAFTED' && target === 'PAUSED') throw new SimRefusal(400, 'Campaign has not been started yet.');
    if (target === 'ACTIVE' && campaign.steps.length === 0) throw new SimRefusal(400, 'Please add at least one email sequence before starting the campaign.');
    this.moveCampaign(campaign, target);
  }

  private moveCampaign(campaign: SimCampaign, target: SimCampaignStatus): void {
    campaign.previousStatus = campaign.status;
    campaign.status = target;
    campaign.updatedAt = this.now();
  }

  /**
   * Replaces the whole sequence: steps and variants sent with their id keep it, those sent
   * without get a new one, steps left out disappear, variants left out are kept as deleted.
   */
  replaceSequence(campaign: SimCampaign, writes: readonly SimStepWrite[]): void {
    if (campaign.status === 'ACTIVE') throw new SimRefusal(400, 'Cannot update sequences of an active campaign. Please pause the campaign first.');
    const now = this.now();
    const existing = new Map(campaign.steps.map((step) => [step.id, step]));
    const steps: SimStep[] = [];
    for (const write of writes) {
      const previous = write.id === null ? null : existing.get(write.id);
      if (write.id !== null && !previous) throw new SimRefusal(400, `Sequence id ${write.id} does not belong to this campaign.`);
      const step: SimStep = previous ?? {
        id: this.stepIds.take(),
        seqNumber: write.seqNumber,
        delayInDays: write.delayInDays,
        subject: write.subject,
        body: write.body,
        distribution: null,
        variants: null,
        createdAt: now,
        updatedAt: now,
      };
      step.seqNumber = write.seqNumber;
      step.delayInDays = write.delayInDays;
      step.subject = write.subject;
      step.body = write.body;
      step.distribution = write.variants && write.variants.length > 0 ? write.distribution : null;
      step.updatedAt = now;
      step.variants = this.replaceVariants(step, write.variants ?? [], now);
      steps.push(step);
    }
    campaign.steps = steps.sort((left, right) => left.seqNumber - right.seqNumber);
    campaign.updatedAt = now;
  }

  private replaceVariants(step: SimStep, writes: NonNullable<SimStepWrite['variants']>, now: Date): SimVariant[] | null {
    if (step.variants === null && writes.length === 0) return null;
    const existing = new Map((step.variants ?? []).map((variant) => [variant.id, variant]));
    const kept = new Set<number>();
    const variants: SimVariant[] = [];
    for (const write of writes) {
      const previous = write.id === null ? null : existing.get(write.id);
      if (write.id !== null && !previous) throw new SimRefusal(400, `Variant id ${write.id} does not belong to sequence ${step.id}.`);
      const variant: SimVariant = previous ?? { id: this.variantIds.take(), label: write.label, subject: '', body: '', percentage: null, deleted: false, createdAt: now, updatedAt: now };
      Object.assign(variant, { label: write.label, subject: write.subject, body: write.body, percentage: write.percentage, deleted: false, updatedAt: now });
      kept.add(variant.id);
      variants.push(variant);
    }
    for (const variant of step.variants ?? []) {
      if (!kept.has(variant.id)) {
        variant.deleted = true;
        variant.updatedAt = now;
        variants.push(variant);
      }
    }
    return variants;
  }

  /**
   * One upload, lead by lead, in Smartlead's order of checks. A lead already in the campaign is
   * counted and its data updated (Smartlead updates a lead platform-wide); the list checks run
   * unless the matching `ignore_*` flag is set; a lead another campaign of the user holds is
   * skipped unless `ignore_duplicate_leads_in_other_campaign`.
   */
  uploadLeads(campaign: SimCampaign, writes: readonly SimLeadWrite[], settings: SimUploadSettings): SimUploadResult {
    if (campaign.status === 'STOPPED') throw new SimRefusal(400, 'Campaign is stopped. Leads cannot be added to a stopped campaign.');
    const result = { uploadCount: writes.length, added: 0, alreadyInCampaign: 0, duplicates: 0, invalidEmails: [] as string[], unsubscribed: [] as string[], blocked: 0, bounced: 0, limitStopped: 0 };
    const seenInUpload = new Set<string>();
    for (const write of writes) {
      const email = normaliseEmail(write.email);
      if (!EMAIL_SYNTAX.test(email)) {
        result.invalidEmails.push(write.email);
        continue;
      }
      if (seenInUpload.has(email)) {
        result.duplicates += 1;
        continue;
      }
      seenInUpload.add(email);
      const known = this.leadByEmail(campaign.apiKey, email);
      if (known && campaign.leads.some((entry) => entry.leadId === known.id)) {
        this.updateLead(known, write);
        result.alreadyInCampaign += 1;
        continue;
      }
      if (!settings.ignore_global_block_list && this.isBlocked(email)) {
        result.blocked += 1;
        continue;
      }
      if (!settings.ignore_unsubscribe_list && known && this.isUnsubscribedFor(known, campaign.clientId)) {
        result.unsubscribed.push(email);
        continue;
      }
      if (!settings.ignore_community_bounce_list && this.bounceList.has(email)) {
        result.bounced += 1;
        continue;
      }
      if (!settings.ignore_duplicate_leads_in_other_campaign && known && this.isInAnotherCampaign(campaign, known)) {
        this.updateLead(known, write);
        result.duplicates += 1;
        continue;
      }
      if (!known && this.leadLimit !== null && this.leadCountOf(campaign.apiKey) >= this.leadLimit) {
        result.limitStopped += 1;
        continue;
      }
      const lead = known ?? this.createLead(campaign.apiKey, email);
      this.updateLead(lead, write);
      campaign.leads.push({ mapId: this.mapIds.take(), leadId: lead.id, status: 'STARTED', statusBeforePause: null, categoryId: null, unsubscribed: false, messages: [], createdAt: this.now() });
      result.added += 1;
    }
    return result;
  }

  leadByEmail(apiKey: string, email: string): SimLead | null {
    const wanted = normaliseEmail(email);
    for (const lead of this.leads.values()) if (lead.apiKey === apiKey && lead.email === wanted) return lead;
    return null;
  }

  /** The campaign's entry for a lead id (Smartlead's `lead.id`, not the map id). */
  campaignLead(campaign: SimCampaign, leadId: number): SimCampaignLead | null {
    return campaign.leads.find((entry) => entry.leadId === leadId) ?? null;
  }

  lead(leadId: number): SimLead {
    const lead = this.leads.get(leadId);
    if (!lead) throw new Error(`no simulated lead ${leadId}`);
    return lead;
  }

  pauseLead(campaign: SimCampaign, entry: SimCampaignLead): void {
    if (entry.status === 'PAUSED') return;
    if (TERMINAL_LEAD_STATUSES.has(entry.status)) throw new SimRefusal(400, `Lead cannot be paused in status ${entry.status}.`);
    entry.statusBeforePause = entry.status;
    entry.status = 'PAUSED';
    campaign.updatedAt = this.now();
  }

  resumeLead(campaign: SimCampaign, entry: SimCampaignLead): void {
    if (entry.status === 'STARTED' || entry.status === 'INPROGRESS') return;
    if (entry.status !== 'PAUSED') throw new SimRefusal(400, `Lead cannot be resumed in status ${entry.status}.`);
    entry.status = entry.statusBeforePause ?? (entry.messages.length > 0 ? 'INPROGRESS' : 'STARTED');
    entry.statusBeforePause = null;
    campaign.updatedAt = this.now();
  }

  /**
   * Unsubscribing from a campaign stops the lead there and records the unsubscribe where
   * Smartlead keeps it: per client for an agency client's campaign, account-wide otherwise.
   */
  unsubscribeLead(campaign: SimCampaign, entry: SimCampaignLead): void {
    const lead = this.lead(entry.leadId);
    entry.unsubscribed = true;
    entry.status = 'STOPPED';
    if (campaign.clientId === null) lead.isUnsubscribed = true;
    else lead.unsubscribedClientIdMap[String(campaign.clientId)] = true;
    this.completeIfFinished(campaign);
  }

  /** The inbox a campaign sends from: the first of its user's (and client's) accounts. */
  senderOf(campaign: SimCampaign): string {
    const accounts = this.emailAccounts.filter((account) => account.apiKey === campaign.apiKey);
    const forClient = accounts.find((account) => account.clientId === campaign.clientId);
    return (forClient ?? accounts[0])?.fromEmail ?? 'outreach@sender.example';
  }

  /**
   * The platform sending the next step (or `seqNumber`) to a lead of an ACTIVE campaign. After
   * the last step the lead is COMPLETED, and the campaign once every lead is done.
   */
  recordSent(campaignId: number, leadId: number, options: { readonly seqNumber?: number; readonly at?: Date } = {}): SimMessage {
    const campaign = this.campaign(campaignId);
    if (campaign.status !== 'ACTIVE') throw new Error(`campaign ${campaignId} is ${campaign.status}; only an ACTIVE campaign sends`);
    const entry = this.requireCampaignLead(campaign, leadId);
    if (entry.status !== 'STARTED' && entry.status !== 'INPROGRESS') throw new Error(`lead ${leadId} is ${entry.status}; it receives nothing`);
    const sent = entry.messages.filter((message) => message.type === 'SENT').length;
    const seqNumber = options.seqNumber ?? sent + 1;
    const step = campaign.steps.find((candidate) => candidate.seqNumber === seqNumber);
    if (!step) throw new Error(`campaign ${campaignId} has no step ${seqNumber}`);
    const live = (step.variants ?? []).filter((variant) => !variant.deleted);
    const content = live.length > 0 ? live[campaign.leads.indexOf(entry) % live.length]! : step;
    const lead = this.lead(leadId);
    const from = this.senderOf(campaign);
    const message: SimMessage = {
      type: 'SENT',
      time: options.at ?? this.now(),
      messageId: `<${randomUUID()}@mail.${domainOf(from)}>`,
      statsId: randomUUID(),
      from,
      to: lead.email,
      subject: content.subject === '' ? `Re: ${this.firstSubject(entry)}` : content.subject,
      body: content.body,
      seqNumber,
      opens: 0,
      clicks: 0,
      links: [],
      bounced: false,
      bouncedAt: null,
    };
    entry.messages.push(message);
    entry.status = seqNumber >= Math.max(...campaign.steps.map((candidate) => candidate.seqNumber)) ? 'COMPLETED' : 'INPROGRESS';
    this.completeIfFinished(campaign);
    return message;
  }

  /** The lead answering; by default Smartlead stops a lead that replies (stop_lead_settings REPLY_TO_AN_EMAIL). */
  recordReply(campaignId: number, leadId: number, options: { readonly body?: string; readonly at?: Date } = {}): SimMessage {
    const campaign = this.campaign(campaignId);
    const entry = this.requireCampaignLead(campaign, leadId);
    const answered = this.latestSent(entry);
    const message: SimMessage = {
      type: 'REPLY',
      time: options.at ?? this.now(),
      messageId: `<CA${randomUUID().replace(/-/g, '').slice(0, 20)}@mail.gmail.com>`,
      statsId: answered.statsId,
      from: answered.to,
      to: answered.from,
      subject: answered.subject.startsWith('Re: ') ? answered.subject : `Re: ${answered.subject}`,
      body: options.body ?? '<div dir="ltr">Thanks - happy to talk next week. Can you send times?</div>',
      seqNumber: answered.seqNumber,
      opens: 0,
      clicks: 0,
      links: [],
      bounced: false,
      bouncedAt: null,
    };
    entry.messages.push(message);
    entry.status = 'STOPPED';
    this.completeIfFinished(campaign);
    return message;
  }

  recordOpen(campaignId: number, leadId: number): SimMessage {
    const message = this.latestSent(this.requireCampaignLead(this.campaign(campaignId), leadId));
    message.opens += 1;
    return message;
  }

  recordClick(campaignId: number, leadId: number, link = 'https://example.com/offer'): SimMessage {
    const message = this.latestSent(this.requireCampaignLead(this.campaign(campaignId), leadId));
    message.opens = Math.max(message.opens, 1);
    message.clicks += 1;
    message.links.push(link);
    return message;
  }

  /** A hard bounce of the latest email: the lead is stopped, nothing more is sent to it. */
  recordBounce(campaignId: number, leadId: number): SimMessage {
    const campaign = this.campaign(campaignId);
    const entry = this.requireCampaignLead(campaign, leadId);
    const message = this.latestSent(entry);
    message.bounced = true;
    message.bouncedAt = this.now();
    entry.status = 'STOPPED';
    this.completeIfFinished(campaign);
    return message;
  }

  requireCampaignLead(campaign: SimCampaign, leadId: number): SimCampaignLead {
    const entry = this.campaignLead(campaign, leadId);
    if (!entry) throw new Error(`lead ${leadId} is not in campaign ${campaign.id}`);
    return entry;
  }

  latestSent(entry: SimCampaignLead): SimMessage {
    const sent = entry.messages.filter((message) => message.type === 'SENT');
    const latest = sent[sent.length - 1];
    if (!latest) throw new Error(`lead ${entry.leadId} has not been sent anything`);
    return latest;
  }

  latestReply(entry: SimCampaignLead): SimMessage {
    const replies = entry.messages.filter((message) => message.type === 'REPLY');
    const latest = replies[replies.length - 1];
    if (!latest) throw new Error(`lead ${entry.leadId} has not replied`);
    return latest;
  }

  isUnsubscribedFor(lead: SimLead, clientId: number | null): boolean {
    return lead.isUnsubscribed || (clientId !== null && lead.unsubscribedClientIdMap[String(clientId)] === true);
  }

  private firstSubject(entry: SimCampaignLead): string {
    return entry.messages.find((message) => message.type === 'SENT')?.subject ?? '';
  }

  private completeIfFinished(campaign: SimCampaign): void {
    if (campaign.status !== 'ACTIVE' || campaign.leads.length === 0) return;
    if (campaign.leads.every((entry) => TERMINAL_LEAD_STATUSES.has(entry.status))) this.moveCampaign(campaign, 'COMPLETED');
  }

  private isBlocked(email: string): boolean {
    return this.blockList.has(email) || this.blockList.has(`@${domainOf(email)}`);
  }

  private isInAnotherCampaign(campaign: SimCampaign, lead: SimLead): boolean {
    for (const other of this.campaigns.values()) {
      if (other.id === campaign.id || other.apiKey !== campaign.apiKey) continue;
      if (other.status === 'STOPPED' || other.status === 'COMPLETED') continue;
      if (other.leads.some((entry) => entry.leadId === lead.id)) return true;
    }
    return false;
  }

  private leadCountOf(apiKey: string): number {
    let count = 0;
    for (const lead of this.leads.values()) if (lead.apiKey === apiKey) count += 1;
    return count;
  }

  private createLead(apiKey: string, email: string): SimLead {
    const lead: SimLead = {
      id: this.leadIds.take(),
      apiKey,
      email,
      firstName: null,
      lastName: null,
      phoneNumber: null,
      companyName: null,
      website: null,
      location: null,
      linkedinProfile: null,
      companyUrl: null,
      customFields: {},
      isUnsubscribed: false,
      unsubscribedClientIdMap: {},
      createdAt: this.now(),
    };
    this.leads.set(lead.id, lead);
    return lead;
  }

  private updateLead(lead: SimLead, write: SimLeadWrite): void {
    if (write.first_name !== undefined) lead.firstName = write.first_name;
    if (write.last_name !== undefined) lead.lastName = write.last_name;
    if (write.company_name !== undefined) lead.companyName = write.company_name;
    if (write.phone_number !== undefined) lead.phoneNumber = write.phone_number;
    if (write.website !== undefined) lead.website = write.website;
    if (write.location !== undefined) lead.location = write.location;
    if (write.linkedin_profile !== undefined) lead.linkedinProfile = write.linkedin_profile;
    if (write.company_url !== undefined) lead.companyUrl = write.company_url;
    if (write.custom_fields) lead.customFields = { ...lead.customFields, ...write.custom_fields };
  }

  private keyOrDefault(apiKey: string | undefined): string {
    const key = apiKey ?? this.apiKeys[0]!;
    if (!this.userIds.has(key)) throw new Error('seed names an API key the simulator was not given');
    return key;
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
