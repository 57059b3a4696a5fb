import { randomBytes } from 'node:crypto';

/**
 * What the Instantly simulator remembers, shaped like Instantly API v2 objects (snake_case, UUID
 * ids, accounts keyed by address, numeric status codes). Routes read and change it; tests seed it
 * and inspect it directly.
 */

export interface SimWorkspace {
  readonly id: string;
  readonly apiKeys: readonly string[];
  /** Without a paid plan every call answers 402. */
  paidPlan: boolean;
}

export interface SimAccount {
  readonly email: string;
  readonly organization: string;
  first_name: string | null;
  last_name: string | null;
  /** 1 Active, 2 Paused, 3 maintenance, -1 connection error, -2 soft bounce error, -3 sending error. */
  status: number;
  /** 0 paused, 1 active, -1 banned, -2 spam folder, -3 suspended. */
  warmup_status: number;
  provider_code: number;
  daily_limit: number;
  readonly timestamp_created: string;
}

export interface SimVariant {
  subject: string;
  body: string;
  v_disabled?: boolean;
}

export interface SimStep {
  type: 'email';
  delay: number;
  delay_unit: 'minutes' | 'hours' | 'days';
  variants: SimVariant[];
}

export interface SimCampaign {
  readonly id: string;
  readonly organization: string;
  name: string;
  /** 0 Draft, 1 Active, 2 Paused, 3 Completed, 4 Running subsequences, -1, -2, -99 halted. */
  status: number;
  campaign_schedule: unknown;
  sequences: { steps: SimStep[] }[];
  email_list: string[];
  /** Other settings sent on create or PATCH, echoed back as Instantly does. */
  settings: Record<string, unknown>;
  readonly timestamp_created: string;
  timestamp_updated: string;
}

export type SimCustomValue = string | number | boolean | null;

export interface SimLead {
  readonly id: string;
  readonly organization: string;
  readonly campaign: string;
  readonly email: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  job_title: string | null;
  phone: string | null;
  website: string | null;
  personalization: string | null;
  /** 1 Active, 2 Paused, 3 Completed, -1 Bounced, -2 Unsubscribed, -3 Skipped. */
  status: number;
  payload: Record<string, SimCustomValue>;
  email_open_count: number;
  email_click_count: number;
  readonly timestamp_created: string;
}

export interface SimEmail {
  readonly id: string;
  readonly organization_id: string;
  readonly message_id: string;
  readonly thread_id: string;
  readonly timestamp_email: string;
  readonly timestamp_created: string;
  readonly subject: string;
  readonly from_address_email: string;
  readonly to_address_email_list: string;
  readonly body: { readonly text: string; readonly html: string };
  readonly content_preview: string;
  readonly campaign_id: string;
  readonly lead: string;
  readonly lead_id: string;
  readonly eaccount: string;
  /** 1 sent from campaign, 2 received, 3 sent (manual), 4 scheduled. */
  readonly ue_type: 1 | 2 | 3 | 4;
  /** Instantly types it as a string; the simulator writes the 1-based step for campaign sends. */
  readonly step: string | null;
  readonly is_auto_reply: 0 | 1;
}

export interface SimBlockListEntry {
  readonly id: string;
  readonly organization_id: string;
  readonly bl_value: string;
  readonly is_domain: boolean;
  readonly timestamp_created: string;
}

export interface AccountSeed {
  readonly email: string;
  readonly first_name?: string | null;
  readonly last_name?: string | null;
  readonly status?: number;
  readonly warmup_status?: number;
  readonly provider_code?: number;
  readonly daily_limit?: number;
}

export interface CampaignSeed {
  readonly name: string;
  readonly status?: number;
  readonly campaign_schedule?: unknown;
  readonly sequences?: { steps: SimStep[] }[];
  readonly email_list?: readonly string[];
  readonly settings?: Record<string, unknown>;
}

export interface LeadSeed {
  readonly email: string;
  readonly first_name?: string | null;
  readonly last_name?: string | null;
  readonly company_name?: string | null;
  readonly job_title?: string | null;
  readonly phone?: string | null;
  readonly website?: string | null;
  readonly personalization?: string | null;
  readonly status?: number;
  readonly custom_variables?: Readonly<Record<string, SimCustomValue>>;
}

export interface EmailRecord {
  readonly ueType: 1 | 2 | 3 | 4;
  readonly subject?: string;
  /** HTML; the text version is derived from it. */
  readonly html?: string;
  /** 1-based; campaign sends only. Defaults to the lead's next step. */
  readonly step?: number;
  /** The sending account; defaults to the campaign's first sender, else the workspace's first account. */
  readonly eaccount?: string;
  /** When the email was sent; defaults to now. */
  readonly at?: Date;
  readonly autoReply?: boolean;
}

/**
 * UUIDv7, as Instantly issues them. Each id's time part is strictly later than the previous one,
 * so ids sort in creation order, which is what cursor pagination relies on.
 */
export class UuidV7Source {
  private last = 0;

  next(now = Date.now()): string {
    const time = Math.max(now, this.last + 1);
    this.last = time;
    const bytes = randomBytes(16);
    bytes.writeUIntBE(time, 0, 6);
    bytes[6] = (bytes[6]! & 0x0f) | 0x70;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

export class InstantlySimulatorState {
  readonly ids = new UuidV7Source();
  readonly workspaces = new Map<string, SimWorkspace>();
  readonly accounts: SimAccount[] = [];
  readonly campaigns = new Map<string, SimCampaign>();
  readonly leads: SimLead[] = [];
  readonly emails: SimEmail[] = [];
  readonly blockList: SimBlockListEntry[] = [];

  addWorkspace(seed: { readonly id?: string; readonly apiKeys: readonly string[]; readonly paidPlan?: boolean }): SimWorkspace {
    const workspace: SimWorkspace = { id: seed.id ?? this.ids.next(), apiKeys: [...seed.apiKeys], paidPlan: seed.paidPlan ?? true };
    this.workspaces.set(workspace.id, workspace);
    return workspace;
  }

  workspaceIdForKey(apiKey: string): string | null {
    for (const workspace of this.workspaces.values()) if (workspace.apiKeys.includes(apiKey)) return workspace.id;
    return null;
  }

  /** The only workspace, for tests that have one. */
  get defaultWorkspace(): SimWorkspace {
    const first = this.workspaces.values().next();
    if (first.done) throw new Error('the simulator has no workspace');
    return first.value;
  }

  addAccount(workspaceId: string, seed: AccountSeed): SimAccount {
    const account: SimAccount = {
      email: seed.email,
      organization: workspaceId,
      first_name: seed.first_name ?? null,
      last_name: seed.last_name ?? null,
      status: seed.status ?? 1,
      warmup_status: seed.warmup_status ?? 1,
      provider_code: seed.provider_code ?? 2,
      daily_limit: seed.daily_limit ?? 30,
      timestamp_created: new Date().toISOString(),
    };
    this.accounts.push(account);
    return account;
  }

  accountsOf(workspaceId: string): SimAccount[] {
    return this.accounts.filter((account) => account.organization === workspaceId);
  }

  /** A campaign as `POST /api/v2/campaigns` creates it: a Draft unless another status is given. */
  addCampaign(workspaceId: string, seed: CampaignSeed): SimCampaign {
    const now = new Date().toISOString();
    const campaign: SimCampaign = {
      id: this.ids.next(),
      organization: workspaceId,
      name: seed.name,
      status: seed.status ?? 0,
      campaign_schedule: seed.campaign_schedule ?? {
        schedules: [{ name: 'Default', timing: { from: '09:00', to: '17:00' }, days: { '1': true, '2': true, '3': true, '4': true, '5': true }, timezone: 'America/Detroit' }],
      },
      sequences: seed.sequences ?? [],
      email_list: [...(seed.email_list ?? [])],
      settings: { ...seed.settings },
      timestamp_created: now,
      timestamp_updated: now,
    };
    this.campaigns.set(campaign.id, campaign);
    return campaign;
  }

  campaign(id: string): SimCampaign {
    const campaign = this.campaigns.get(id);
    if (!campaign) throw new Error(`no simulated campaign ${id}`);
    return campaign;
  }

  campaignsOf(workspaceId: string): SimCampaign[] {
    return [...this.campaigns.values()].filter((campaign) => campaign.organization === workspaceId);
  }

  /** Forces a status the API cannot set, e.g. -1 (accounts unhealthy) or 3 (completed). */
  setCampaignStatus(id: string, status: number): SimCampaign {
    const campaign = this.campaign(id);
    campaign.status = status;
    campaign.timestamp_updated = new Date().toISOString();
    return campaign;
  }

  leadsOf(campaignId: string): SimLead[] {
    return this.leads.filter((lead) => lead.campaign === campaignId);
  }

  /** A lead of a campaign, Active (1) unless another status is given. */
  addLead(campaignId: string, seed: LeadSeed): SimLead {
    const campaign = this.campaign(campaignId);
    const lead: SimLead = {
      id: this.ids.next(),
      organization: campaign.organization,
      campaign: campaign.id,
      email: seed.email,
      first_name: seed.first_name ?? null,
      last_name: seed.last_name ?? null,
      company_name: seed.company_name ?? null,
      job_title: seed.job_title ?? null,
      phone: seed.phone ?? null,
      website: seed.website ?? null,
      personalization: seed.personalization ?? null,
      status: seed.status ?? 1,
      payload: { ...seed.custom_variables },
      email_open_count: 0,
      email_click_count: 0,
      timestamp_created: new Date().toISOString(),
    };
    this.leads.push(lead);
    return lead;
  }

  lead(campaignId: string, email: string): SimLead {
    const lead = this.leads.find((candidate) => candidate.campaign === campaignId && candidate.email.toLowerCase() === email.toLowerCase());
    if (!lead) throw new Error(`no simulated lead ${email} in campaign ${campaignId}`);
    return lead;
  }

  isBlocked(workspaceId: string, email: string): boolean {
    const address = email.toLowerCase();
    const domain = address.slice(address.indexOf('@') + 1);
    return this.blockList.some(
      (entry) => entry.organization_id === workspaceId && (entry.is_domain ? entry.bl_value === domain : entry.bl_value === address),
    );
  }

  /**
   * Blocks an address or a domain for the whole workspace: matching leads of every campaign become
   * unsubscribed (bounced ones stay bounced). Blocking a value twice keeps the first entry.
   */
  block(workspaceId: string, value: string): SimBlockListEntry {
    const normalised = value.trim().toLowerCase();
    const existing = this.blockList.find((entry) => entry.organization_id === workspaceId && entry.bl_value === normalised);
    if (existing) return existing;
    const entry: SimBlockListEntry = {
      id: this.ids.next(),
      organization_id: workspaceId,
      bl_value: normalised,
      is_domain: !normalised.includes('@'),
      timestamp_created: new Date().toISOString(),
    };
    this.blockList.push(entry);
    for (const lead of this.leads) {
      if (lead.organization === workspaceId && lead.status !== -1 && this.isBlocked(workspaceId, lead.email)) lead.status = -2;
    }
    return entry;
  }

  emailsOf(campaignId: string, leadEmail: string): SimEmail[] {
    return this.emails.filter((email) => email.campaign_id === campaignId && email.lead.toLowerCase() === leadEmail.toLowerCase());
  }

  /** Records an email of a lead's thread: a campaign send (1), a reply (2), a manual send (3) or a scheduled one (4). */
  recordEmail(campaignId: string, leadEmail: string, record: EmailRecord): SimEmail {
    const campaign = this.campaign(campaignId);
    const lead = this.lead(campaignId, leadEmail);
    const thread = this.emailsOf(campaignId, leadEmail);
    const eaccount = record.eaccount ?? campaign.email_list[0] ?? this.accountsOf(campaign.organization)[0]?.email ?? 'sender@simulated-instantly.test';
    const outbound = record.ueType !== 2;
    const step = record.ueType === 1 ? (record.step ?? thread.filter((email) => email.ue_type === 1).length + 1) : null;
    const sequenceStep = step === null ? undefined : campaign.sequences[0]?.steps[step - 1]?.variants[0];
    const html = record.html ?? sequenceStep?.body ?? (outbound ? '' : 'Thanks for reaching out.');
    const text = html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '');
    const at = (record.at ?? new Date()).toISOString();
    const email: SimEmail = {
      id: this.ids.next(),
      organization_id: campaign.organization,
      message_id: `<${randomBytes(8).toString('hex')}@simulated-instantly.test>`,
      thread_id: thread[0]?.thread_id ?? this.ids.next(),
      timestamp_email: at,
      timestamp_created: new Date().toISOString(),
      subject: record.subject ?? sequenceStep?.subject ?? (outbound ? '' : `Re: ${thread.find((email) => email.ue_type === 1)?.subject ?? ''}`),
      from_address_email: outbound ? eaccount : lead.email,
      to_address_email_list: outbound ? lead.email : eaccount,
      body: { text, html },
      content_preview: text.slice(0, 100),
      campaign_id: campaignId,
      lead: lead.email,
      lead_id: lead.id,
      eaccount,
      ue_type: record.ueType,
      step: step === null ? null : String(step),
      is_auto_reply: record.autoReply ? 1 : 0,
    };
    this.emails.push(email);
    return email;
  }

  recordSentEmail(campaignId: string, leadEmail: string, record: Omit<EmailRecord, 'ueType'> = {}): SimEmail {
    return this.recordEmail(campaignId, leadEmail, { ...record, ueType: 1 });
  }

  recordReply(campaignId: string, leadEmail: string, record: Omit<EmailRecord, 'ueType' | 'step'> = {}): SimEmail {
    return this.recordEmail(campaignId, leadEmail, { ...record, ueType: 2 });
  }

  recordOpen(campaignId: string, leadEmail: string): void {
    this.lead(campaignId, leadEmail).email_open_count += 1;
  }

  recordClick(campaignId: string, leadEmail: string): void {
    this.lead(campaignId, leadEmail).email_click_count += 1;
  }

  recordBounce(campaignId: string, leadEmail: string): void {
    this.lead(campaignId, leadEmail).status = -1;
  }

  recordUnsubscribe(campaignId: string, leadEmail: string): void {
    this.lead(campaignId, leadEmail).status = -2;
  }

  /** One row of `GET /api/v2/campaigns/analytics`, computed from the campaign's leads and emails. */
  analytics(campaignId: string): Record<string, unknown> {
    const campaign = this.campaign(campaignId);
    const leads = this.leadsOf(campaignId);
    const emails = this.emails.filter((email) => email.campaign_id === campaignId);
    const sent = emails.filter((email) => email.ue_type === 1);
    const replies = emails.filter((email) => email.ue_type === 2 && email.is_auto_reply === 0);
    const contacted = new Set(sent.map((email) => email.lead_id));
    return {
      campaign_id: campaign.id,
      campaign_name: campaign.name,
      campaign_status: campaign.status,
      campaign_is_evergreen: false,
      leads_count: leads.length,
      contacted_count: contacted.size,
      new_leads_contacted_count: contacted.size,
      emails_sent_count: sent.length,
      open_count: leads.reduce((sum, lead) => sum + lead.email_open_count, 0),
      open_count_unique: leads.filter((lead) => lead.email_open_count > 0).length,
      link_click_count: leads.reduce((sum, lead) => sum + lead.email_click_count, 0),
      link_click_count_unique: leads.filter((lead) => lead.email_click_count > 0).length,
      reply_count: replies.length,
      reply_count_unique: new Set(replies.map((email) => email.lead_id)).size,
      reply_count_automatic: emails.filter((email) => email.ue_type === 2 && email.is_auto_reply === 1).length,
      bounced_count: leads.filter((lead) => lead.status === -1).length,
      unsubscribed_count: leads.filter((lead) => lead.status === -2).length,
      completed_count: leads.filter((lead) => lead.status === 3).length,
      total_opportunities: 0,
      total_opportunity_value: 0,
    };
  }
}
