import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.js';
import { UnknownProviderError } from '../../domain/entitlements/entitlement-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { CatalogueRepository } from '../entitlements/catalogue.repository.js';
import type { ApiTokenSecrets } from '../identity/api-token-secrets.port.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { requireLiveOrganization } from '../tenancy/require-live-organization.js';
import type { WebhookEndpointRepository } from './webhook-endpoint.repository.js';

export interface IssuedWebhookEndpoint {
  readonly endpoint: WebhookEndpoint;
  /** Shown once, in this answer; only its hash is stored. */
  readonly token: string;
}

/**
 * A super-admin issues an organization a URL token for one provider's webhooks. Earlier tokens
 * stay active until revoked, so rotating never drops a delivery in flight.
 */
export class IssueWebhookEndpoint {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly secrets: ApiTokenSecrets,
    private readonly audited: AuditedTransaction,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: { readonly context: RequestContext; readonly orgId: string; readonly providerSlug: string }): Promise<IssuedWebhookEndpoint> {
    const id = this.ids.next();
    return this.audited.run(
      { context: command.context, action: 'webhook_endpoint.issue', targetType: 'webhook_endpoint', targetId: id, orgId: command.orgId },
      async () => {
        await requireLiveOrganization(this.organizations, command.orgId);
        const provider = await this.catalogue.findProviderBySlug(command.providerSlug);
        if (!provider) throw new UnknownProviderError('provider_slug');
        const generated = this.secrets.generate();
        const endpoint: WebhookEndpoint = { id, orgId: command.orgId, providerId: provider.id, providerSlug: provider.slug, status: 'active', createdAt: this.clock.now(), revokedAt: null };
        await this.endpoints.add(endpoint, generated.hash);
        return { endpoint, token: generated.raw };
      },
      ({ endpoint }) => ({ provider_slug: endpoint.providerSlug }),
    );
  }
}
