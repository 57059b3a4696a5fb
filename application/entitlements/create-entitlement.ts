import type { Capability } from '../../domain/entitlements/catalogue.js';
import { Entitlement } from '../../domain/entitlements/entitlement.js';
import {
  EntitlementExistsError,
  ProviderCapabilityMismatchError,
  ProviderRequiredError,
  UnknownCapabilityError,
  UnknownProviderError,
} from '../../domain/entitlements/entitlement-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { requireLiveCompany } from '../tenancy/require-live-company.js';
import type { CatalogueRepository } from './catalogue.repository.js';
import type { EntitlementRepository } from './entitlement.repository.js';
import type { ProviderCredentialStore } from './provider-credential-store.port.js';

export interface CreateEntitlementCommand {
  readonly context: RequestContext;
  /** From the caller's credential, never from the body. */
  readonly orgId: string;
  readonly companyId: string;
  readonly capabilityId: string;
  /**
   * Optional, a relaxation of the reference contract: tenants cannot list providers, so left out
   * it means "the one provider of this capability the organization has credentials for".
   */
  readonly providerId?: string | undefined;
}

/** Grants a company a capability. It starts `entitled`: only provisioning connects it. */
export class CreateEntitlement {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly entitlements: EntitlementRepository,
    private readonly credentials: ProviderCredentialStore,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: CreateEntitlementCommand): Promise<Entitlement> {
    const { orgId, companyId } = command;
    const id = this.ids.next();
    const action = { context: command.context, action: 'entitlement.created', targetType: 'entitlement', targetId: id, orgId };
    return this.audited.run(
      action,
      async () => {
        // The company first: for a company of another organization every answer is its 404.
        await requireLiveCompany(this.companies, orgId, companyId);
        const capability = await this.catalogue.findCapabilityById(command.capabilityId);
        if (!capability) throw new UnknownCapabilityError();
        if (await this.entitlements.findLiveForCompanyCapability(orgId, companyId, capability.id)) {
          throw new EntitlementExistsError(capability.slug);
        }
        const providerId = await this.providerFor(orgId, capability, command.providerId);
        const entitlement = Entitlement.grant({
          id,
          orgId,
          companyId,
          capabilityId: capability.id,
          capability: capability.slug,
          providerId,
          now: this.clock.now(),
        });
        // The partial unique index settles a race the read above could not see.
        await this.entitlements.add(entitlement);
        return entitlement;
      },
      (entitlement) => ({ company_id: entitlement.companyId, capability: entitlement.capability }),
    );
  }

  private async providerFor(orgId: string, capability: Capability, requested: string | undefined): Promise<string> {
    if (requested !== undefined) {
      const provider = await this.catalogue.findProviderById(requested);
      if (!provider) throw new UnknownProviderError('provider_id');
      if (provider.capabilityId !== capability.id) throw new ProviderCapabilityMismatchError(capability.slug);
      return provider.id;
    }
    const withCredentials = await this.credentials.providerIdsWithCredentials(orgId);
    const candidates = (await this.catalogue.listProvidersOf(capability.id)).filter((provider) => withCredentials.has(provider.id));
    const [only] = candidates;
    if (candidates.length !== 1 || !only) throw new ProviderRequiredError(capability.slug, candidates.length);
    return only.id;
  }
}
