import { UnknownProviderError } from '../../domain/entitlements/entitlement-errors.js';
import { WebhookUnauthenticatedError } from '../../domain/webhooks/webhook-errors.js';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { CatalogueRepository } from '../entitlements/catalogue.repository.js';
import type { ApiTokenSecrets } from '../identity/api-token-secrets.port.js';
import type { BackgroundJobs } from '../shared/background-jobs.port.js';
import type { Clock } from '../shared/clock.port.js';
import type { TransactionRunner } from '../shared/transaction-runner.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { ProviderWebhookParser, WebhookDelivery, WebhookSecrets } from './provider-webhook.port.js';
import type { WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import type { WebhookAttribution, WebhookEventStore } from './webhook-event.store.js';
import { WEBHOOK_PROJECTION_QUEUE, type WebhookProjectionJobPayload } from './webhook-projection-queue.js';

export type WebhookProviderSlug = 'smartlead' | 'instantly' | 'heyreach';

export interface ReceiveWebhookCommand {
  readonly providerSlug: WebhookProviderSlug;
  /** The token of a per-organization URL; null for the provider's shared URL. */
  readonly endpointToken: string | null;
  readonly delivery: WebhookDelivery;
  /** The body as JSON, already parsed by the HTTP layer from `delivery.rawBody`. */
  readonly payload: unknown;
  readonly requestId: string;
}

export interface ReceivedWebhook {
  /** `duplicate`: this organization already holds the event; nothing changed. */
  readonly outcome: 'accepted' | 'duplicate';
  readonly eventKey: string;
}

export interface WebhookReception {
  parserFor(providerSlug: WebhookProviderSlug): ProviderWebhookParser;
  /** What the deployment configured for the shared URLs, per provider. */
  sharedSecretsFor(providerSlug: WebhookProviderSlug): WebhookSecrets;
}

/**
 * Authenticates a provider delivery and stores it once, before anything acknowledges it.
 * - A per-organization URL attributes it to that organization, whatever the payload says.
 * - The shared URL authenticates with the deployment's secret (signature, payload secret or
 *   shared header) and attributes by the campaign the payload names; a delivery no organization
 *   claims is kept `ignored` with its reason, visible to super-admins, never dropped.
 * An unauthenticated delivery is refused (401) and audited; its payload is not stored.
 */
export class ReceiveWebhook {
  constructor(
    private readonly reception: WebhookReception,
    private readonly catalogue: CatalogueRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly tokens: ApiTokenSecrets,
    private readonly events: WebhookEventStore,
    private readonly attribution: WebhookAttribution,
    private readonly audited: AuditedTransaction,
    private readonly transactions: TransactionRunner,
    private readonly jobs: BackgroundJobs,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReceiveWebhookCommand): Promise<ReceivedWebhook> {
    const provider = await this.catalogue.findProviderBySlug(command.providerSlug);
    if (!provider) throw new UnknownProviderError('provider_slug');
    const parser = this.reception.parserFor(command.providerSlug);
    const endpoint = await this.authenticate(command, provider.id, parser);
    const parsed = parser.parse(command.delivery);
    const orgId =
      endpoint?.orgId ?? (parsed.campaignExternalId === null ? null : await this.attribution.organizationOfCampaign(provider.id, parsed.campaignExternalId));
    const status = orgId === null ? 'ignored' : 'received';
    const eventId = this.ids.next();
    // The projection job is written with the event: it exists exactly when the event does, so a
    // process dying right after the answer loses nothing.
    const outcome = await this.transactions.run(async () => {
      const stored = await this.events.storeOnce({
        id: eventId,
        providerId: provider.id,
        eventKey: parsed.eventKey,
        orgId,
        endpointId: endpoint?.id ?? null,
        providerEventType: parsed.providerEventType,
        canonicalType: parsed.canonicalType,
        status,
        reason: orgId === null ? 'unattributed: no organization holds the campaign this event names' : null,
        payload: command.payload,
        event: parsed,
        occurredAt: parsed.occurredAt,
        receivedAt: this.clock.now(),
      });
      if (stored === 'stored' && status === 'received') {
        const payload: WebhookProjectionJobPayload = { eventId };
        await this.jobs.enqueue(WEBHOOK_PROJECTION_QUEUE, payload);
      }
      return stored;
    });
    return { outcome: outcome === 'stored' ? 'accepted' : 'duplicate', eventKey: parsed.eventKey };
  }

  /** The endpoint a token URL names, or null for an authenticated shared-URL delivery. */
  private async authenticate(command: ReceiveWebhookCommand, providerId: string, parser: ProviderWebhookParser): Promise<WebhookEndpoint | null> {
    if (command.endpointToken !== null) {
      // A hash lookup: the comparison happens on digests in the index, never on the raw token.
      const endpoint = this.tokens.looksLikeApiToken(command.endpointToken)
        ? await this.endpoints.findActiveByTokenHash(providerId, this.tokens.hashOf(command.endpointToken))
        : null;
      if (endpoint) return endpoint;
      return this.refuse(command, 'unknown_or_revoked_token');
    }
    const result = parser.authenticate(command.delivery, this.reception.sharedSecretsFor(command.providerSlug));
    if (result.ok) return null;
    return this.refuse(command, result.reason);
  }

  private async refuse(command: ReceiveWebhookCommand, reason: string): Promise<never> {
    await this.audited.record(
      { context: { actor: { type: 'anonymous' }, requestId: command.requestId }, action: 'webhook.receive', targetType: 'webhook', targetId: null, orgId: null },
      'failure',
      { provider_slug: command.providerSlug, reason },
    );
    throw new WebhookUnauthenticatedError();
  }
}
