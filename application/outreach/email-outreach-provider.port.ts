import type { ProviderConnection } from './provider-connection.js';
import type { ProviderOutcome } from './provider-outcome.js';

/** Campaign states as the engine and the front-end contract spell them. */
export type EmailCampaignStatus = 'DRAFTED' | 'ACTIVE' | 'PAUSED' | 'STOPPED' | 'COMPLETED';

/** Targets a caller may ask for; a provider with no "stop" halts the campaign as it can. */
export type EmailCampaignStatusTarget = 'ACTIVE' | 'PAUSED' | 'STOPPED';

export interface ProviderEmailCampaign {
  readonly externalId: string;
  readonly name: string;
  readonly status: EmailCampaignStatus;
}

export interface EmailSequenceVariant {
  /** The provider's id of the variant; null for one not saved yet. */
  readonly externalId: string | null;
  /** "A", "B", … */
  readonly label: string;
  readonly subject: string;
  readonly body: string;
  /** Share of leads in percent; null lets the provider split evenly. */
  readonly distributionPercent: number | null;
}

export interface EmailSequenceStep {
  /** The provider's id of the step; null for one not saved yet. Sent back on save to keep statistics attached. */
  readonly externalId: string | null;
  /** 1-based position in the sequence. */
  readonly stepNumber: number;
  /** Days to wait after the previous step before this one is sent (0 for the first step). */
  readonly delayDays: number;
  /** Empty on a follow-up keeps it in the same thread. */
  readonly subject: string;
  readonly body: string;
  /** A/B variants; empty when the step has a single version. */
  readonly variants: readonly EmailSequenceVariant[];
}

export interface EmailLeadInput {
  readonly email: string;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly companyName?: string | null;
  readonly title?: string | null;
  readonly phone?: string | null;
  readonly website?: string | null;
  readonly linkedinUrl?: string | null;
  readonly customFields?: Readonly<Record<string, string>>;
}

/** Counts over a whole `addLeads` call, summed over every batch the adapter sent. */
export interface AddLeadsOutcome {
  readonly submitted: number;
  readonly added: number;
  /** Already in this campaign (re-adding them changes nothing). */
  readonly alreadyPresent: number;
  /** Refused by the provider: invalid address, block list, unsubscribed, bounced, plan limit. */
  readonly rejected: number;
  /** Provider ids of added leads where the provider reports them; may be empty. */
  readonly created: readonly { readonly email: string; readonly externalId: string }[];
}

export type ProviderLeadStatus =
  | 'pending'
  | 'active'
  | 'paused'
  | 'completed'
  | 'stopped'
  | 'bounced'
  | 'unsubscribed'
  | 'skipped';

export interface ProviderEmailLead {
  readonly externalId: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly companyName: string | null;
  readonly status: ProviderLeadStatus;
}

/** A lead as the engine knows it; each provider keys its lead operations on one of the two. */
export interface EmailLeadRef {
  readonly externalId: string | null;
  readonly email: string;
}

export interface PageRequest {
  /** Opaque; null for the first page. */
  readonly cursor: string | null;
  readonly limit: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Null when this was the last page. */
  readonly nextCursor: string | null;
}

export interface ProviderEmailMessage {
  /** The provider's message id: messages are upserted by it, so refreshes never duplicate. */
  readonly externalId: string;
  readonly direction: 'outbound' | 'inbound';
  readonly sentAt: Date;
  readonly subject: string | null;
  readonly body: string | null;
  readonly fromAddress: string | null;
  readonly toAddress: string | null;
  /** The sequence step that sent it; null for replies and manual messages. */
  readonly stepNumber: number | null;
}

/** Provider statistics of one campaign, normalised. */
export interface EmailCampaignStatistics {
  readonly sent: number;
  readonly opened: number;
  readonly clicked: number;
  readonly replied: number;
  readonly bounced: number;
  readonly unsubscribed: number;
}

export interface SendingAccount {
  readonly externalId: string;
  readonly email: string;
  readonly displayName: string | null;
  readonly active: boolean;
  readonly warmupEnabled: boolean | null;
}

/**
 * The email outreach capability as the engine needs it, whoever fulfils it. Every method throws
 * `ProviderCallError` when the provider fails, after the adapter's own retries; operations a
 * provider cannot perform answer `unsupported(...)`.
 */
export interface EmailOutreachProvider {
  /** Proves the credentials work (a cheap authenticated read). */
  checkCredentials(connection: ProviderConnection): Promise<void>;
  /** Every sending account the company may use (filtered to its client where the provider has clients). */
  listSendingAccounts(connection: ProviderConnection): Promise<readonly SendingAccount[]>;
  /** Creates the campaign in its draft state. */
  createCampaign(connection: ProviderConnection, input: { readonly name: string }): Promise<ProviderEmailCampaign>;
  getCampaign(connection: ProviderConnection, campaignId: string): Promise<ProviderEmailCampaign>;
  /**
   * Every campaign of the connection's scope (its client, where the provider has clients) whose
   * name is exactly `name` (case-sensitive, untrimmed), across all pages. A create that failed
   * ambiguously (timeout, 5xx) may still have made the campaign; the engine names each campaign
   * uniquely and looks it up here before creating again, so a retry leaves no orphan.
   */
  findCampaignsByName(connection: ProviderConnection, name: string): Promise<readonly ProviderEmailCampaign[]>;
  setCampaignStatus(connection: ProviderConnection, campaignId: string, target: EmailCampaignStatusTarget): Promise<ProviderOutcome>;
  getSequence(connection: ProviderConnection, campaignId: string): Promise<readonly EmailSequenceStep[]>;
  /** Replaces the whole sequence; answers it as the provider now holds it (with ids). */
  saveSequence(connection: ProviderConnection, campaignId: string, steps: readonly EmailSequenceStep[]): Promise<readonly EmailSequenceStep[]>;
  /** Any number of leads: the adapter batches them to the provider's limit. */
  addLeads(connection: ProviderConnection, campaignId: string, leads: readonly EmailLeadInput[]): Promise<AddLeadsOutcome>;
  listLeads(connection: ProviderConnection, campaignId: string, page: PageRequest): Promise<Page<ProviderEmailLead>>;
  pauseLead(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<ProviderOutcome>;
  resumeLead(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<ProviderOutcome>;
  unsubscribeLead(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<ProviderOutcome>;
  /** The thread with one lead, oldest first. */
  listLeadMessages(connection: ProviderConnection, campaignId: string, lead: EmailLeadRef): Promise<readonly ProviderEmailMessage[]>;
  getCampaignStatistics(connection: ProviderConnection, campaignId: string): Promise<EmailCampaignStatistics>;
}
