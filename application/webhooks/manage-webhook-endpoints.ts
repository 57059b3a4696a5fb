import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.js';
import { WebhookEndpointNotFoundError } from '../../domain/webhooks/webhook-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { requireLiveOrganization } from '../tenancy/require-live-organization.js';
import type { WebhookEndpointRepository } from './webhook-endpoint.repository.js';

/** An organization's webhook endpoints, newest first; never their tokens. */
export class ListWebhookEndpoints {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly endpoints: WebhookEndpointRepository,
  ) {}

  async execute(query: { readonly orgId: string }): Promise<WebhookEndpoint[]> {
    await requireLiveOrganization(this.organizations, query.orgId);
    return this.endpoints.listForOrganization(query.orgId);
  }
}

/** Revokes a token at once: deliveries to it are refused (401) from then on. Idempotent. */
export class RevokeWebhookEndpoint {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  execute(command: { readonly context: RequestContext; readonly orgId: string; readonly endpointId: string }): Promise<WebhookEndpoint> {
    return this.audited.run(
      { context: command.context, action: 'webhook_endpoint.revoke', targetType: 'webhook_endpoint', targetId: command.endpointId, orgId: command.orgId },
      async () => {
        const revoked = await this.endpoints.revoke(command.orgId, command.endpointId, this.clock.now());
        if (!revoked) throw new WebhookEndpointNotFoundError();
        return revoked;
      },
    );
  }
}
