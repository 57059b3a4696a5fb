import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { EmailOutreachProvider } from './email-outreach-provider.port.js';
import type { LinkedInOutreachProvider } from './linkedin-outreach-provider.port.js';
import type { ProviderConnection } from './provider-connection.js';
import type { SenderAccountSnapshot } from './sender-account.repository.js';

/**
 * Whether a provider serves several client companies from one organization key and so needs to
 * know which client a company is (`required`), or serves the key's whole account (`none`).
 */
export type ClientMapping = 'required' | 'none';

export interface ProviderRegistration<Adapter> {
  readonly adapter: Adapter;
  readonly clientMapping: ClientMapping;
}

/** What provisioning needs of any provider, whatever its capability. */
export interface ProvisioningGateway {
  readonly clientMapping: ClientMapping;
  checkCredentials(connection: ProviderConnection): Promise<void>;
  listSenderAccounts(connection: ProviderConnection): Promise<readonly SenderAccountSnapshot[]>;
}

/**
 * The adapters of every provider, found by the slug of the provider an entitlement names. The
 * composition root fills it; the application looks adapters up here and never branches on which
 * provider it got.
 */
export class ProviderRegistry {
  constructor(
    private readonly emailOutreach: ReadonlyMap<string, ProviderRegistration<EmailOutreachProvider>>,
    private readonly linkedInOutreach: ReadonlyMap<string, ProviderRegistration<LinkedInOutreachProvider>>,
  ) {}

  emailOutreachAdapter(providerSlug: string): EmailOutreachProvider {
    return registered(this.emailOutreach, providerSlug, 'email_outreach').adapter;
  }

  linkedInOutreachAdapter(providerSlug: string): LinkedInOutreachProvider {
    return registered(this.linkedInOutreach, providerSlug, 'linkedin_outreach').adapter;
  }

  provisioningGateway(capability: CapabilitySlug, providerSlug: string): ProvisioningGateway {
    if (capability === 'email_outreach') {
      const { adapter, clientMapping } = registered(this.emailOutreach, providerSlug, capability);
      return {
        clientMapping,
        checkCredentials: (connection) => adapter.checkCredentials(connection),
        listSenderAccounts: async (connection) =>
          (await adapter.listSendingAccounts(connection)).map((account) => ({
            externalAccountId: account.externalId,
            email: account.email,
            displayName: account.displayName,
            active: account.active,
            warmupEnabled: account.warmupEnabled,
          })),
      };
    }
    const { adapter, clientMapping } = registered(this.linkedInOutreach, providerSlug, capability);
    return {
      clientMapping,
      checkCredentials: (connection) => adapter.checkCredentials(connection),
      listSenderAccounts: async (connection) =>
        (await adapter.listSenderAccounts(connection)).map((account) => ({
          externalAccountId: account.externalId,
          email: account.email,
          displayName: account.displayName,
          profileUrl: account.profileUrl,
          active: account.active,
        })),
    };
  }
}

function registered<Adapter>(
  registrations: ReadonlyMap<string, ProviderRegistration<Adapter>>,
  providerSlug: string,
  capability: CapabilitySlug,
): ProviderRegistration<Adapter> {
  const registration = registrations.get(providerSlug);
  // The catalogue and the composition root disagree: a deployment fault, not a business outcome.
  if (!registration) throw new Error(`no ${capability} adapter is registered for provider ${providerSlug}`);
  return registration;
}
