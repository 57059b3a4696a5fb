import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { Provider } from '../../domain/entitlements/catalogue.js';
import type { Entitlement } from '../../domain/entitlements/entitlement.js';
import { CapabilityNotConnectedError } from '../../domain/entitlements/entitlement-errors.js';
import { CampaignConnectionChangedError } from '../../domain/outreach/campaign-errors.js';
import type { CatalogueRepository } from '../entitlements/catalogue.repository.js';
import type { EntitlementRepository } from '../entitlements/entitlement.repository.js';
import type { ProviderCredentialStore } from '../entitlements/provider-credential-store.port.js';
import { requireConnectedEntitlement } from '../entitlements/require-connected-entitlement.js';
import type { EmailOutreachProvider } from './email-outreach-provider.port.js';
import type { LinkedInOutreachProvider } from './linkedin-outreach-provider.port.js';
import type { ProviderConnection } from './provider-connection.js';
import type { ProviderRegistry } from './provider-registry.js';

export interface ConnectedCapability<Adapter> {
  readonly adapter: Adapter;
  readonly connection: ProviderConnection;
  readonly entitlement: Entitlement;
  readonly provider: Provider;
}

export interface EntitlementConnection {
  readonly provider: Provider;
  /** Null when the organization has no credentials for the provider. */
  readonly connection: ProviderConnection | null;
}

/**
 * The only way use cases reach a provider for a company: through its live, `connected`
 * entitlement (anything else is refused with a capability-level 409), the organization's
 * decrypted credentials, and the adapter the registry holds for the entitlement's provider.
 */
export class CapabilityConnections {
  constructor(
    private readonly entitlements: EntitlementRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly credentials: ProviderCredentialStore,
    private readonly registry: ProviderRegistry,
  ) {}

  async emailOutreach(orgId: string, companyId: string): Promise<ConnectedCapability<EmailOutreachProvider>> {
    const connected = await this.connected(orgId, companyId, 'email_outreach');
    return { ...connected, adapter: this.registry.emailOutreachAdapter(connected.provider.slug) };
  }

  /**
   * The connection a campaign's provider-side ids belong to: refused (409) when the company's
   * entitlement has since moved to another provider.
   */
  async emailOutreachForCampaign(campaign: { readonly orgId: string; readonly companyId: string; readonly providerId: string }): Promise<ConnectedCapability<EmailOutreachProvider>> {
    const connected = await this.emailOutreach(campaign.orgId, campaign.companyId);
    if (connected.provider.id !== campaign.providerId) throw new CampaignConnectionChangedError();
    return connected;
  }

  async linkedInOutreach(orgId: string, companyId: string): Promise<ConnectedCapability<LinkedInOutreachProvider>> {
    const connected = await this.connected(orgId, companyId, 'linkedin_outreach');
    return { ...connected, adapter: this.registry.linkedInOutreachAdapter(connected.provider.slug) };
  }

  /**
   * The provider and credentials behind an entitlement, whatever its status: provisioning uses it
   * to establish the connection in the first place.
   */
  async connectionFor(entitlement: Entitlement, clientId: string | null = entitlement.providerClientId): Promise<EntitlementConnection> {
    const provider = await this.catalogue.findProviderById(entitlement.providerId);
    // The foreign key guarantees the row; its absence means a broken catalogue, not a user error.
    if (!provider) throw new Error(`entitlement ${entitlement.id} names a provider missing from the catalogue`);
    const credentials = await this.credentials.findFor(entitlement.orgId, provider.id);
    return {
      provider,
      connection: credentials ? { apiKey: credentials.apiKey, workspaceId: credentials.workspaceId, clientId } : null,
    };
  }

  private async connected(orgId: string, companyId: string, capability: CapabilitySlug) {
    const entitlement = await requireConnectedEntitlement(this.entitlements, orgId, companyId, capability);
    const { provider, connection } = await this.connectionFor(entitlement);
    // Connected, yet the credentials are gone: treat it exactly like a disconnected capability.
    if (!connection) throw new CapabilityNotConnectedError(capability);
    return { entitlement, provider, connection };
  }
}
