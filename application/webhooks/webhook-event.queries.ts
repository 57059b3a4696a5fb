/** A stored event as super-admins list it: never its payload. */
export interface WebhookEventSummary {
  readonly id: string;
  readonly providerSlug: string;
  readonly eventKey: string;
  readonly providerEventType: string;
  readonly canonicalType: string;
  readonly status: string;
  readonly reason: string | null;
  readonly orgId: string | null;
  readonly companyId: string | null;
  readonly replayCount: number;
  readonly lastReplayAt: Date | null;
  readonly projectedAt: Date | null;
  readonly receivedAt: Date;
}

/** A dead letter with the payload, for a super-admin deciding whether to replay it. */
export interface WebhookEventDetail extends WebhookEventSummary {
  readonly payload: unknown;
}

export interface WebhookEventFilter {
  readonly providerSlug?: string | undefined;
  /** The provider's spelling or the canonical type. */
  readonly eventType?: string | undefined;
  readonly orgId?: string | undefined;
  readonly companyId?: string | undefined;
  readonly status?: string | undefined;
  readonly receivedFrom?: Date | undefined;
  readonly receivedTo?: Date | undefined;
  /** Substring of the stored reason. */
  readonly reason?: string | undefined;
  /** `replayed`: replayed at least once; `not_replayed`: never. */
  readonly replayed?: boolean | undefined;
}

export interface OffsetPage {
  readonly limit: number;
  readonly offset: number;
}

/** What selects the events a replay puts back in the projection queue. */
export type WebhookReplaySelector =
  | { readonly kind: 'keys'; readonly providerSlug: string; readonly eventKeys: readonly string[] }
  | { readonly kind: 'dead_letters'; readonly eventKeys: readonly string[] }
  | { readonly kind: 'query'; readonly filter: WebhookEventFilter; readonly limit: number };

export interface ReplayedWebhookEvent {
  readonly id: string;
  readonly eventKey: string;
  readonly providerEventType: string;
}

/** The super-admin's view of stored webhook events, and the reset that replays them. */
export interface WebhookEventQueries {
  list(filter: WebhookEventFilter, page: OffsetPage): Promise<WebhookEventSummary[]>;
  findDeadLetter(eventKey: string, providerSlug: string | undefined): Promise<WebhookEventDetail | null>;
  /** Puts the selected events back to `received`, counting the replay, and answers them. */
  markForReplay(selector: WebhookReplaySelector, at: Date): Promise<ReplayedWebhookEvent[]>;
}
