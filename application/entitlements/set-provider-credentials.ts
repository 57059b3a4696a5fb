import type { Provider } from '../../domain/entitlements/catalogue.js';
import { UnknownProviderError } from '../../domain/entitlements/entitlement-errors.js';
import { providerCredentialsFromConfig } from '../../domain/entitlements/provider-credentials.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { requireLiveOrganization } from '../tenancy/require-live-organization.js';
import type { CatalogueRepository } from './catalogue.repository.js';
import type { ProviderCredentialStore } from './provider-credential-store.port.js';

export interface SetProviderCredentialsCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly providerSlug: string;
  /** As the super-admin sent it; checked against the settings the provider knows. */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * A super-admin sets (or replaces) an organization's credentials for one provider. The audit row
 * names the provider by id and the settings by name: it is readable by the organization's admins,
 * who must learn neither a provider's name nor, of course, a key.
 */
export class SetProviderCredentials {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly credentials: ProviderCredentialStore,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: SetProviderCredentialsCommand): Promise<Provider> {
    const { orgId } = command;
    const action = { context: command.context, action: 'provider_credentials.set', targetType: 'organization', targetId: orgId, orgId };
    let settings: string[] = [];
    let outcome: 'created' | 'replaced' = 'created';
    return this.audited.run(
      action,
      async () => {
        await requireLiveOrganization(this.organizations, orgId);
        const provider = await this.catalogue.findProviderBySlug(command.providerSlug);
        if (!provider) throw new UnknownProviderError('provider_slug');
        const credentials = providerCredentialsFromConfig(provider.slug, command.config);
        settings = credentials.workspaceId === null ? ['api_key'] : ['api_key', 'workspace_id'];
        outcome = await this.credentials.save(orgId, provider.id, credentials, this.clock.now());
        return provider;
      },
      (provider) => ({ provider_id: provider.id, settings, replaced: outcome === 'replaced' }),
    );
  }
}
