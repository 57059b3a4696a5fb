import type { AddLeadsOutcome, Page, PageRequest, ProviderLeadStatus } from './email-outreach-provider.port.js';
import type { ProviderConnection } from './provider-connection.js';
import type { ProviderOutcome } from './provider-outcome.js';

export type LinkedInCampaignStatus = 'DRAFTED' | 'ACTIVE' | 'PAUSED' | 'STOPPED' | 'COMPLETED' | 'FAILED';

export type LinkedInCampaignStatusTarget = 'ACTIVE' | 'PAUSED' | 'STOPPED';

export interface ProviderLinkedInCampaign {
  readonly externalId: string;
  readonly name: string;
  readonly status: LinkedInCampaignStatus;
}

export type LinkedInStepKind = 'view_profile' | 'connection_request' | 'message' | 'inmail' | 'follow' | 'like_post';

/**
 * One step of a linear LinkedIn sequence. Providers with branching trees are mapped onto the
 * "condition met" path; the adapter documents how.
 */
export interface LinkedInSequenceStep {
  readonly kind: LinkedInStepKind;
  /** Hours to wait after the previous step before this one runs. */
  readonly delayHours: number;
  /** Message variants (connection note, message, InMail); empty for steps without text. */
  readonly messages: readonly string[];
}

export interface LinkedInLeadInput {
  readonly profileUrl: string;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly companyName?: string | null;
  readonly position?: string | null;
  readonly email?: string | null;
  readonly customFields?: Readonly<Record<string, string>>;
}

export interface ProviderLinkedInLead {
  /** The member id lead operations take (e.g. stopping a lead). */
  readonly externalId: string;
  readonly profileUrl: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly status: ProviderLeadStatus;
}

export interface LinkedInLeadRef {
  readonly externalId: string | null;
  readonly profileUrl: string;
}

export interface ProviderLinkedInMessage {
  /** Stable per message (the provider has no message ids, the adapter derives one). */
  readonly externalId: string;
  readonly direction: 'outbound' | 'inbound';
  readonly sentAt: Date;
  readonly body: string;
  readonly isInMail: boolean;
}

export interface LinkedInCampaignStatistics {
  readonly connectionsSent: number;
  readonly connectionsAccepted: number;
  readonly messagesSent: number;
  readonly messageReplies: number;
  readonly inmailsSent: number;
  readonly inmailReplies: number;
}

export interface LinkedInSenderAccount {
  readonly externalId: string;
  readonly displayName: string | null;
  readonly email: string | null;
  readonly profileUrl: string | null;
  readonly active: boolean;
}

/** The LinkedIn outreach capability; same error and "unsupported" conventions as email outreach. */
export interface LinkedInOutreachProvider {
  checkCredentials(connection: ProviderConnection): Promise<void>;
  listSenderAccounts(connection: ProviderConnection): Promise<readonly LinkedInSenderAccount[]>;
  /** Creates the campaign (and whatever lead list it runs over) in its draft state. */
  createCampaign(
    connection: ProviderConnection,
    input: { readonly name: string; readonly senderAccountIds: readonly string[] },
  ): Promise<ProviderLinkedInCampaign>;
  getCampaign(connection: ProviderConnection, campaignId: string): Promise<ProviderLinkedInCampaign>;
  setCampaignStatus(connection: ProviderConnection, campaignId: string, target: LinkedInCampaignStatusTarget): Promise<ProviderOutcome>;
  getSequence(connection: ProviderConnection, campaignId: string): Promise<readonly LinkedInSequenceStep[]>;
  saveSequence(connection: ProviderConnection, campaignId: string, steps: readonly LinkedInSequenceStep[]): Promise<ProviderOutcome>;
  addLeads(connection: ProviderConnection, campaignId: string, leads: readonly LinkedInLeadInput[]): Promise<AddLeadsOutcome>;
  listLeads(connection: ProviderConnection, campaignId: string, page: PageRequest): Promise<Page<ProviderLinkedInLead>>;
  pauseLead(connection: ProviderConnection, campaignId: string, lead: LinkedInLeadRef): Promise<ProviderOutcome>;
  resumeLead(connection: ProviderConnection, campaignId: string, lead: LinkedInLeadRef): Promise<ProviderOutcome>;
  stopLead(connection: ProviderConnection, campaignId: string, lead: LinkedInLeadRef): Promise<ProviderOutcome>;
  unsubscribeLead(connection: ProviderConnection, campaignId: string, lead: LinkedInLeadRef): Promise<ProviderOutcome>;
  listLeadMessages(connection: ProviderConnection, campaignId: string, lead: LinkedInLeadRef): Promise<readonly ProviderLinkedInMessage[]>;
  getCampaignStatistics(connection: ProviderConnection, campaignId: string): Promise<LinkedInCampaignStatistics>;
}
