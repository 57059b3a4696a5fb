import type { CompanyScope } from '../../domain/access/company-scope.js';
import type { CapabilitySlug } from '../../domain/entitlements/capability.js';

/** What happened to the provider webhooks of one capability, counted in the database. */
export interface WebhookReliabilityCounts {
  /** Events received in the window. */
  readonly eventsTotal: number;
  /** Events replayed at least once. */
  readonly replayedEventsTotal: number;
  /** Every replay of every event, summed. */
  readonly replayCountTotal: number;
  /** Events whose projection failed or was dead-lettered. */
  readonly errorsTotal: number;
}

export interface ReliabilityFilter {
  readonly scope: CompanyScope;
  /** Only the webhooks of this capability's providers. */
  readonly capability?: CapabilitySlug | undefined;
  /** received_at at or after this time. */
  readonly from?: Date | undefined;
  /** received_at before this time. */
  readonly to?: Date | undefined;
}

/**
 * A read model over stored webhook events, grouped by the capability whose provider sent them:
 * providers stay the engine's secret, so nothing here names one.
 */
export interface ReliabilityReader {
  /** Capabilities without events in the filter are absent. */
  countsByCapability(orgId: string, filter: ReliabilityFilter): Promise<ReadonlyMap<CapabilitySlug, WebhookReliabilityCounts>>;
}
