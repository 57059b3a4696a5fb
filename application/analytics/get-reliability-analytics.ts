import type { CompanyScope } from '../../domain/access/company-scope.js';
import { CAPABILITY_SLUGS, type CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { Clock } from '../shared/clock.port.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { resolveCompanyReadScope, type ScopedTenantCaller } from '../tenancy/resolve-company-scope.js';
import type { ReliabilityReader, WebhookReliabilityCounts } from './reliability.reader.js';

export interface GetReliabilityAnalyticsQuery {
  readonly caller: ScopedTenantCaller;
  /** Org admins: one company instead of the whole organization. Company users: their own only. */
  readonly companyId?: string | undefined;
  readonly capability?: CapabilitySlug | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

export interface CapabilityReliability extends WebhookReliabilityCounts {
  readonly capability: CapabilitySlug;
}

export interface ReliabilityAnalytics extends WebhookReliabilityCounts {
  readonly scope: CompanyScope;
  /** Every capability the filter admits, in catalogue order, zeros included: a stable shape for charts. */
  readonly byCapability: readonly CapabilityReliability[];
  readonly from: Date | null;
  readonly to: Date | null;
  /** When these figures were counted: they are live, not a snapshot. */
  readonly computedAt: Date;
}

const NO_EVENTS: WebhookReliabilityCounts = { eventsTotal: 0, replayedEventsTotal: 0, replayCountTotal: 0, errorsTotal: 0 };

/**
 * How reliably provider webhooks reached the caller's scope: events received, replayed and failed,
 * per capability. An org admin reads the whole organization unless they name a company — events
 * not yet tied to a company count there only; a company user reads their company's events.
 */
export class GetReliabilityAnalytics {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly reader: ReliabilityReader,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetReliabilityAnalyticsQuery): Promise<ReliabilityAnalytics> {
    const scope = await resolveCompanyReadScope(this.companies, query.caller, { companyId: query.companyId }, { organizationWideByDefault: true });
    const counted = await this.reader.countsByCapability(query.caller.orgId, { scope, capability: query.capability, from: query.from, to: query.to });
    const capabilities = query.capability === undefined ? CAPABILITY_SLUGS : [query.capability];
    const byCapability = capabilities.map((capability) => ({ capability, ...(counted.get(capability) ?? NO_EVENTS) }));
    return {
      scope,
      eventsTotal: sumOf(byCapability, 'eventsTotal'),
      replayedEventsTotal: sumOf(byCapability, 'replayedEventsTotal'),
      replayCountTotal: sumOf(byCapability, 'replayCountTotal'),
      errorsTotal: sumOf(byCapability, 'errorsTotal'),
      byCapability,
      from: query.from ?? null,
      to: query.to ?? null,
      computedAt: this.clock.now(),
    };
  }
}

function sumOf(rows: readonly WebhookReliabilityCounts[], field: keyof WebhookReliabilityCounts): number {
  return rows.reduce((sum, row) => sum + row[field], 0);
}
