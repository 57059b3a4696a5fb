import { CreateEntitlement } from '../../../application/entitlements/create-entitlement.js';
import { DeleteEntitlement } from '../../../application/entitlements/delete-entitlement.js';
import { GetEntitlement } from '../../../application/entitlements/get-entitlement.js';
import { ListCapabilities } from '../../../application/entitlements/list-capabilities.js';
import { ListEntitlements } from '../../../application/entitlements/list-entitlements.js';
import { ListProviders } from '../../../application/entitlements/list-providers.js';
import { ResealProviderCredentials } from '../../../application/entitlements/reseal-provider-credentials.js';
import { SetProviderCredentials } from '../../../application/entitlements/set-provider-credentials.js';
import { UpdateEntitlement } from '../../../application/entitlements/update-entitlement.js';
import type { CapabilitySlug } from '../../../domain/entitlements/capability.js';
import type { Entitlement } from '../../../domain/entitlements/entitlement.js';
import { CAPABILITY_IDS, PROVIDER_IDS, type SeededProviderSlug } from '../../support/catalogue-ids.js';
import { InMemoryCatalogueRepository, InMemoryProviderCredentialStore } from '../../support/fakes/index.js';
import { SUPER_ADMIN, makeTenancySut } from './tenancy-sut.js';

/**
 * The tenancy use cases plus those of entitlements and provider credentials, every store rolled
 * back together by one runner, as one database transaction would.
 */
export function makeEntitlementSut() {
  const tenancy = makeTenancySut();
  const { organizations, companies, entitlements, audited, clock, ids, transactions } = tenancy;
  const catalogue = new InMemoryCatalogueRepository();
  const credentials = new InMemoryProviderCredentialStore();
  transactions.register(credentials);
  const sut = {
    ...tenancy,
    catalogue,
    credentials,
    listCapabilities: new ListCapabilities(catalogue),
    listProviders: new ListProviders(catalogue),
    createEntitlement: new CreateEntitlement(companies, catalogue, entitlements, credentials, audited, clock, ids),
    listEntitlements: new ListEntitlements(companies, entitlements),
    getEntitlement: new GetEntitlement(entitlements),
    updateEntitlement: new UpdateEntitlement(entitlements, audited, clock),
    deleteEntitlement: new DeleteEntitlement(entitlements, audited, clock),
    setProviderCredentials: new SetProviderCredentials(organizations, catalogue, credentials, audited, clock),
    resealProviderCredentials: new ResealProviderCredentials(credentials, audited, clock),
  };
  return {
    ...sut,
    /** An organization with one company, ready for entitlements. */
    async companyOf(): Promise<{ orgId: string; companyId: string }> {
      const orgId = await tenancy.organization();
      return { orgId, companyId: (await tenancy.company(orgId)).id };
    },
    grant(orgId: string, companyId: string, capability: CapabilitySlug = 'email_outreach', provider: SeededProviderSlug = 'smartlead'): Promise<Entitlement> {
      return sut.createEntitlement.execute({
        context: SUPER_ADMIN,
        orgId,
        companyId,
        capabilityId: CAPABILITY_IDS[capability],
        providerId: PROVIDER_IDS[provider],
      });
    },
    /** What provisioning will do once it verified the connection. */
    async provision(orgId: string, entitlementId: string): Promise<void> {
      await transactions.run(async () => {
        const entitlement = await entitlements.findById(orgId, entitlementId);
        if (!entitlement) throw new Error(`no entitlement ${entitlementId}`);
        entitlement.markConnected({ providerClientId: 'client-1', at: clock.now() });
        await entitlements.save(entitlement);
      });
    },
    async setKey(orgId: string, provider: SeededProviderSlug, apiKey = `key-${provider}`): Promise<void> {
      await sut.setProviderCredentials.execute({ context: SUPER_ADMIN, orgId, providerSlug: provider, config: { api_key: apiKey } });
    },
  };
}

export type EntitlementSut = ReturnType<typeof makeEntitlementSut>;
