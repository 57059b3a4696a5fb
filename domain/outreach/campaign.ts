import { boundedReason } from '../shared/bounded-reason.js';
import { canMoveCampaign, isRequestableCampaignStatus, type CampaignStatus, type RequestableCampaignStatus } from './campaign-status.js';
import { CampaignClosedError, IllegalCampaignTransitionError, SequenceLockedError } from './campaign-errors.js';

/**
 * - `pending`: stored locally, the provider has not confirmed it yet (a create in flight, or one
 *   whose outcome is unknown);
 * - `synced`: the provider holds it under `externalCampaignId`;
 * - `failed`: the last attempt to create it failed; `lastSyncError` says why, in capability terms.
 * Any operation that needs the provider campaign finishes the creation first, so a failure is
 * repaired by simply retrying.
 */
export const CAMPAIGN_SYNC_STATES = ['pending', 'synced', 'failed'] as const;
export type CampaignSyncState = (typeof CAMPAIGN_SYNC_STATES)[number];

/**
 * An email campaign of one company. The engine's row is the source of truth; the provider
 * executes it. Invariants: `synced` exactly when `externalCampaignId` is set; the status moves
 * only along the transitions of campaign-status.ts.
 */
export class Campaign {
  constructor(
    readonly id: string,
    readonly orgId: string,
    readonly companyId: string,
    readonly providerId: string,
    public name: string,
    /** Unique at the provider, so a create whose outcome was lost can be found again. */
    readonly providerCampaignName: string,
    public externalCampaignId: string | null,
    public status: CampaignStatus,
    readonly campaignType: string,
    public syncState: CampaignSyncState,
    public lastSyncError: string | null,
    readonly createdByUserId: string | null,
    readonly createdAt: Date,
    public updatedAt: Date,
    public deletedAt: Date | null = null,
  ) {}

  static draft(props: { id: string; orgId: string; companyId: string; providerId: string; name: string; createdByUserId: string | null; now: Date }): Campaign {
    return new Campaign(
      props.id,
      props.orgId,
      props.companyId,
      props.providerId,
      props.name,
      providerCampaignNameFor(props.name, props.id),
      null,
      'DRAFTED',
      'single_channel',
      'pending',
      null,
      props.createdByUserId,
      props.now,
      props.now,
    );
  }

  get isSynced(): boolean {
    return this.syncState === 'synced';
  }

  markCreatedAtProvider(externalCampaignId: string, now: Date): void {
    this.externalCampaignId = externalCampaignId;
    this.syncState = 'synced';
    this.lastSyncError = null;
    this.updatedAt = now;
  }

  markSyncFailed(reason: string, now: Date): void {
    if (this.isSynced) return;
    this.syncState = 'failed';
    this.lastSyncError = boundedReason(reason);
    this.updatedAt = now;
  }

  /**
   * Checks a tenant's request without applying it: the provider is told first, and the status
   * moves only once it has agreed. Answers false when the campaign is already there (a retried
   * request is harmless). DRAFTED and COMPLETED are reached, never requested.
   */
  checkRequestedStatus(target: CampaignStatus): target is RequestableCampaignStatus {
    if (target === this.status) return false;
    if (!isRequestableCampaignStatus(target) || !canMoveCampaign(this.status, target)) throw new IllegalCampaignTransitionError(this.status, target);
    return true;
  }

  moveTo(target: CampaignStatus, now: Date): void {
    if (target === this.status) return;
    if (!canMoveCampaign(this.status, target)) throw new IllegalCampaignTransitionError(this.status, target);
    this.status = target;
    this.updatedAt = now;
  }

  /**
   * A status the provider reports on its own (a webhook, a reconciliation): applied when the
   * state machine allows it, ignored otherwise (a late "paused" never reopens a STOPPED campaign).
   * Answers whether it moved.
   */
  observeProviderStatus(reported: CampaignStatus, now: Date): boolean {
    if (reported === this.status || !canMoveCampaign(this.status, reported)) return false;
    this.status = reported;
    this.updatedAt = now;
    return true;
  }

  /** Sequences are edited while nothing is sent from them: as a draft, or paused. */
  assertSequenceEditable(): void {
    if (this.status !== 'DRAFTED' && this.status !== 'PAUSED') throw new SequenceLockedError(this.status);
  }

  assertAcceptsLeads(): void {
    if (this.status === 'STOPPED' || this.status === 'COMPLETED') throw new CampaignClosedError(this.status);
  }
}

/**
 * The campaign's name at the provider: the tenant's name, made unique by the engine's id so an
 * exact-name lookup finds this campaign and no other.
 */
export function providerCampaignNameFor(name: string, id: string): string {
  return `${name} [${id}]`;
}
