import { UnknownProviderError } from '../../domain/entitlements/entitlement-errors.js';
import type { CatalogueRepository } from '../entitlements/catalogue.repository.js';
import type { ApiTokenSecrets } from '../identity/api-token-secrets.port.js';
import type { BackgroundJobs } from '../shared/background-jobs.port.js';
import type { Clock } from '../shared/clock.port.js';
import type { TransactionRunner } from '../shared/transaction-runner.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { ParsedWebhookEvent, ProviderWebhookParser, WebhookDelivery, WebhookSecrets } from './provider-webhook.port.js';
import type { TokenAttributedEventStore } from './token-attributed-event.store.js';
import type { WebhookEndpointRepository } from './webhook-endpoint.repository.js';
import type { WebhookRefusals } from './webhook-refusals.js';
import { UNATTRIBUTED_REASON, type WebhookAttribution, type WebhookEventStore } from './webhook-event.store.js';
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
  /** The caller's address: refusals are counted per address. */
  readonly clientAddress: string;
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
 * - The shared URL attributes an event that names no campaign (an account error) by the sending
 *   account it names.
 * An unauthenticated delivery is refused (401, audited; 429 past the address's limit of refusals,
 * see WebhookRefusals); its payload is not stored.
 */
export class ReceiveWebhook {
  constructor(
    private readonly reception: WebhookReception,
    private readonly catalogue: CatalogueRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly tokens: ApiTokenSecrets,
    private readonly events: Pick<WebhookEventStore, 'storeOnce'> & TokenAttributedEventStore,
    private readonly attribution: WebhookAttribution,
    private readonly refusals: WebhookRefusals,
    private readonly transactions: TransactionRunner,
    private readonly jobs: BackgroundJobs,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReceiveWebhookCommand): Promise<ReceivedWebhook> {
    const provider = await this.catalogue.findProviderBySlug(command.providerSlug);
    if (!provider) throw new UnknownProviderError('provider_slug');
    const parser = this.reception.parserFor(command.providerSlug);
    return command.endpointToken === null
      ? this.receiveOnSharedUrl(command, provider.id, parser)
      : this.receiveOnTokenUrl(command, command.endpointToken, provider.id, parser);
  }

  /**
   * The token is checked by the statement that stores the event (one round trip for both, on the
   * path every acknowledgement waits for), so the body is parsed first; a body that does not parse
   * is still refused as unauthenticated, not malformed, when its token is not valid.
   */
  private async receiveOnTokenUrl(command: ReceiveWebhookCommand, token: string, providerId: string, parser: ProviderWebhookParser): Promise<ReceivedWebhook> {
    if (!this.tokens.looksLikeApiToken(token)) return this.refuse(command, 'unknown_or_revoked_token');
    // A hash lookup: the comparison happens on digests in the index, never on the raw token.
    const tokenHash = this.tokens.hashOf(token);
    let parsed: ParsedWebhookEvent;
    try {
      parsed = parser.parse(command.delivery);
    } catch (error) {
      if (!(await this.endpoints.findActiveByTokenHash(providerId, tokenHash))) await this.refuse(command, 'unknown_or_revoked_token');
      throw error;
    }
    const eventId = this.ids.next();
    const storage = await this.storeWithProjection(eventId, async () => {
      const stored = await this.events.storeOnceForToken(tokenHash, {
        id: eventId,
        providerId,
        eventKey: parsed.eventKey,
        providerEventType: parsed.providerEventType,
        canonicalType: parsed.canonicalType,
        payload: command.payload,
        event: parsed,
        occurredAt: parsed.occurredAt,
        receivedAt: this.clock.now(),
      });
      return { result: stored, projected: stored?.outcome === 'stored' };
    });
    if (!storage) return this.refuse(command, 'unknown_or_revoked_token');
    return { outcome: storage.outcome === 'stored' ? 'accepted' : 'duplicate', eventKey: parsed.eventKey };
  }

  private async receiveOnSharedUrl(command: ReceiveWebhookCommand, providerId: string, parser: ProviderWebhookParser): Promise<ReceivedWebhook> {
    const authentication = parser.authenticate(command.delivery, this.reception.sharedSecretsFor(command.providerSlug));
    if (!authentication.ok) return this.refuse(command, authentication.reason);
    const parsed = parser.parse(command.delivery);
    const orgId = await this.organizationOf(providerId, parsed);
    const status = orgId === null ? 'ignored' : 'received';
    const eventId = this.ids.next();
    const outcome = await this.storeWithProjection(eventId, async () => {
      const stored = await this.events.storeOnce({
        id: eventId,
        providerId,
        eventKey: parsed.eventKey,
        orgId,
        endpointId: null,
        providerEventType: parsed.providerEventType,
        canonicalType: parsed.canonicalType,
        status,
        reason: orgId === null ? UNATTRIBUTED_REASON : null,
        payload: command.payload,
        event: parsed,
        occurredAt: parsed.occurredAt,
        receivedAt: this.clock.now(),
      });
      return { result: stored, projected: stored === 'stored' && status === 'received' };
    });
    return { outcome: outcome === 'stored' ? 'accepted' : 'duplicate', eventKey: parsed.eventKey };
  }

  /**
   * Runs `store` and, when it says the event awaits projection, enqueues its job in the same
   * transaction: the job exists exactly when the event does, so a process dying right after the
   * answer loses nothing.
   */
  private storeWithProjection<T>(eventId: string, store: () => Promise<{ result: T; projected: boolean }>): Promise<T> {
    return this.transactions.run(async () => {
      const { result, projected } = await store();
      if (projected) {
        const payload: WebhookProjectionJobPayload = { eventId };
        await this.jobs.enqueue(WEBHOOK_PROJECTION_QUEUE, payload);
      }
      return result;
    });
  }

  private refuse(command: ReceiveWebhookCommand, reason: string): Promise<never> {
    return this.refusals.refuse({ providerSlug: command.providerSlug, reason, requestId: command.requestId, clientAddress: command.clientAddress });
  }

  /**
   * The one organization holding what the event names: its campaign, else (an account error) its
   * sending account. Null when none or several do: guessing could hand one tenant's event to another.
   */
  private async organizationOf(providerId: string, parsed: ParsedWebhookEvent): Promise<string | null> {
    const byCampaign = parsed.campaignExternalId === null ? null : await this.attribution.organizationOfCampaign(providerId, parsed.campaignExternalId);
    if (byCampaign !== null || parsed.senderAccount?.channel !== 'email') return byCampaign;
    return this.attribution.organizationOfInbox(providerId, parsed.senderAccount);
  }
}
