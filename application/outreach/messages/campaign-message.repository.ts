import type { CompanyScope } from '../../../domain/access/company-scope.js';
import type { Page, PageRequest } from '../../shared/pagination.js';
import type { CampaignKey } from '../leads/campaign-lead.repository.js';

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound', 'unknown'] as const;
/** `inbound`: from the lead (a reply); `outbound`: to the lead; `unknown`: the source did not say. */
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/** One message of a campaign as the engine stores it. */
export interface CampaignMessage {
  readonly id: string;
  readonly orgId: string;
  readonly companyId: string;
  readonly campaignId: string;
  /** Null when the message could not be tied to a lead of the campaign (e.g. an untracked reply). */
  readonly leadId: string | null;
  /** The provider's id of the message: the key refreshes and webhooks upsert on. */
  readonly externalId: string;
  readonly direction: MessageDirection;
  readonly stepNumber: number | null;
  readonly subject: string | null;
  readonly body: string | null;
  readonly fromAddress: string | null;
  readonly toAddress: string | null;
  readonly sentAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * A message as any source sees it — a thread refresh, a webhook projector — in canonical form.
 * Nullable facts a source does not know are left null: they never erase what another source
 * already stored.
 */
export interface MessageSighting {
  /** A lead of the same campaign; any other id is stored as null (no lead of this campaign). */
  readonly leadId: string | null;
  readonly externalId: string;
  readonly direction: MessageDirection;
  readonly sentAt: Date;
  readonly stepNumber: number | null;
  readonly subject: string | null;
  readonly body: string | null;
  readonly fromAddress: string | null;
  readonly toAddress: string | null;
}

export interface MessageUpsertOutcome {
  readonly inserted: number;
  /** Already stored and changed by this sighting; unchanged rows are not rewritten. */
  readonly updated: number;
}

/** What the unified inbox shows; every field narrows the scope further. */
export interface MessageFeedFilter {
  readonly scope: CompanyScope;
  readonly campaignId?: string | undefined;
  readonly direction?: MessageDirection | undefined;
  /** Only messages of campaigns this user created (`mine_only`). */
  readonly createdByUserId?: string | undefined;
}

/**
 * A page of the feed: by keyset cursor (`after`, constant cost at any depth) or, for the
 * front-end contract, by `offset` (cost grows with the offset). Never both.
 */
export interface FeedPageRequest extends PageRequest {
  readonly offset?: number | undefined;
}

/**
 * Messages in `campaign_messages`. Lists are newest first, keyset-paginated on (sent_at, id);
 * a thread is oldest first. Tenant ids travel with every call.
 */
export interface CampaignMessageRepository {
  /**
   * Stores each message once per (campaign, external id) in one set-based statement: new ones
   * are inserted, known ones updated where the sighting adds or changes something.
   */
  upsertMany(campaign: CampaignKey, messages: readonly MessageSighting[], at: Date): Promise<MessageUpsertOutcome>;
  /** The campaign's inbound messages, newest first. */
  listReplies(orgId: string, campaignId: string, page: PageRequest): Promise<Page<CampaignMessage>>;
  /** Every message with one lead of the campaign, oldest first. */
  thread(orgId: string, campaignId: string, leadId: string): Promise<CampaignMessage[]>;
  /** Messages of live campaigns across the scope, newest first. */
  feed(orgId: string, filter: MessageFeedFilter, page: FeedPageRequest): Promise<Page<CampaignMessage>>;
}
