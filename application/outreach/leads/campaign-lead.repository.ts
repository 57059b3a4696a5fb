import type { CampaignLead, LeadStatus } from '../../../domain/outreach/campaign-lead.js';
import type { Page, PageRequest } from '../../shared/pagination.js';

/** Where a campaign's leads live: tenant ids travel with every call. */
export interface CampaignKey {
  readonly orgId: string;
  readonly companyId: string;
  readonly campaignId: string;
}

/** A lead as a request brings it; `email` already canonical (see canonicalEmail). */
export type NewLead = Pick<CampaignLead, 'email' | 'firstName' | 'lastName' | 'companyName' | 'title' | 'phone' | 'linkedinUrl' | 'customFields'>;

/** What storing a set of (already de-duplicated) leads did, address by address. */
export interface LeadInsertOutcome {
  readonly inserted: number;
  /** Already leads of this campaign: left as they are. */
  readonly alreadyInCampaign: number;
  /** On the company's suppression list: not stored. */
  readonly suppressed: number;
}

export interface LeadSyncResult {
  readonly leadId: string;
  readonly externalLeadId: string | null;
}

export interface CampaignLeadRepository {
  /**
   * Stores the leads that are neither suppressed in the company nor already in the campaign, in
   * one set-based statement, as `pending` (not yet at the provider).
   */
  insertNew(key: CampaignKey, leads: readonly NewLead[], options: { readonly importJobId: string | null; readonly at: Date }): Promise<LeadInsertOutcome>;
  findById(orgId: string, campaignId: string, leadId: string): Promise<CampaignLead | null>;
  /**
   * The same, locked until the surrounding transaction ends: a status decided from what was read
   * cannot be overwritten by a change (another request, a webhook) that landed in between.
   */
  findByIdForUpdate(orgId: string, campaignId: string, leadId: string): Promise<CampaignLead | null>;
  /** The campaign's lead with this canonical address, locked until the transaction ends. */
  findByEmailForUpdate(orgId: string, campaignId: string, email: string): Promise<CampaignLead | null>;
  setCategory(orgId: string, campaignId: string, leadId: string, category: string, at: Date): Promise<void>;
  list(orgId: string, campaignId: string, filter: { readonly status?: LeadStatus | undefined }, page: PageRequest): Promise<Page<CampaignLead>>;
  /**
   * The oldest leads not yet handed to the provider, at most `limit`: those of one import, or,
   * when `importId` is null, those left behind by imports that ended (failed) — never those an
   * import still queued or running will hand over itself. Leads unsubscribed or bounced meanwhile
   * are never handed over.
   */
  findPending(orgId: string, campaignId: string, limit: number, importId: string | null): Promise<CampaignLead[]>;
  countPending(orgId: string, campaignId: string): Promise<number>;
  /** The provider accepted these leads (or already had them); a `pending` lead becomes `active`. */
  markSynced(orgId: string, campaignId: string, results: readonly LeadSyncResult[], at: Date): Promise<void>;
  /** The provider refused these leads; they stay stored and reported, and are not pushed again. */
  markRejected(orgId: string, campaignId: string, leadIds: readonly string[], at: Date): Promise<void>;
  setStatus(orgId: string, campaignId: string, leadId: string, status: LeadStatus, at: Date): Promise<void>;
}
