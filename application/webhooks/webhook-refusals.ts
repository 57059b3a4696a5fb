import { WebhookUnauthenticatedError } from '../../domain/webhooks/webhook-errors.js';
import { RateLimitExceededError } from '../access/rate-limit-exceeded-error.js';
import type { RateLimiter, RateLimitRule } from '../access/rate-limiter.port.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';

export interface WebhookRefusal {
  readonly providerSlug: string;
  /** Why authentication failed, as the audit row says it: never the presented credential. */
  readonly reason: string;
  readonly requestId: string;
  readonly clientAddress: string;
}

/**
 * Refuses unauthenticated deliveries, and bounds what that costs. Every refusal is audited, so an
 * address sending wrong tokens or signatures would otherwise grow the audit log by a row a
 * request: within the per-address limit a refusal is audited and answered 401; past it, 429 and
 * nothing audited until the window resets. Authenticated deliveries never count, so a provider's
 * traffic is never slowed by this.
 */
export class WebhookRefusals {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
    private readonly perAddress: RateLimitRule,
  ) {}

  /** Always throws: WebhookUnauthenticatedError (401, audited) or RateLimitExceededError (429). */
  async refuse(refusal: WebhookRefusal): Promise<never> {
    const decision = await this.limiter.consume(`webhook:refused:address:${refusal.clientAddress}`, this.perAddress, this.clock.now());
    if (!decision.allowed) throw new RateLimitExceededError(decision.retryAfterSeconds, 'webhook_refusals');
    await this.audited.record(
      { context: { actor: { type: 'anonymous' }, requestId: refusal.requestId }, action: 'webhook.receive', targetType: 'webhook', targetId: null, orgId: null },
      'failure',
      { provider_slug: refusal.providerSlug, reason: refusal.reason },
    );
    throw new WebhookUnauthenticatedError();
  }
}
