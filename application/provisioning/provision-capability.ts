import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import type { Provider } from '../../domain/entitlements/catalogue.js';
import { Entitlement } from '../../domain/entitlements/entitlement.js';
import {
  CapabilityNotEntitledError,
  EntitlementNotFoundError,
  ProviderCapabilityMismatchError,
  UnknownCapabilityError,
  UnknownProviderError,
} from '../../domain/entitlements/entitlement-errors.js';
import {
  ClientMappingNotSupportedError,
  EntitlementProviderMismatchError,
  ProviderCredentialsMissingError,
} from '../../domain/entitlements/provisioning-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { CatalogueRepository } from '../entitlements/catalogue.repository.js';
import type { EntitlementRepository } from '../entitlements/entitlement.repository.js';
import type { CapabilityConnections } from '../outreach/capability-connections.js';
import { ProviderCallError } from '../outreach/provider-call-error.js';
import { describeProviderFailure } from '../outreach/provider-failure-description.js';
import type { ProviderRegistry } from '../outreach/provider-registry.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { provisioningStatusOf, type ProvisioningStatus } from './provisioning-status.js';
import { findProvisioningTarget } from './provisioning-target.js';

export interface ProvisionCapabilityCommand {
  readonly context: RequestContext;
  readonly capability: CapabilitySlug;
  readonly companyId: string;
  /** Which provider fulfils it; defaults to the provider of the company's entitlement. */
  readonly providerSlug?: string | undefined;
  /** The company's client at the provider, for providers that serve several clients per key. */
  readonly clientId?: string | undefined;
  /** How the request names the client id, for error locations. */
  readonly clientIdField: string;
}

/**
 * A super-admin connects a company's capability: the organization's credentials are proven with
 * one cheap provider call, and the entitlement becomes `connected` — or records `disconnected`
 * with the reason, which is committed before the provider failure is reported (502/503).
 * A company without an entitlement gets one when the provider is named.
 */
export class ProvisionCapability {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly entitlements: EntitlementRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly connections: CapabilityConnections,
    private readonly registry: ProviderRegistry,
    private readonly audited: AuditedTransaction,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: ProvisionCapabilityCommand): Promise<ProvisioningStatus> {
    const { company, entitlement: existing } = await findProvisioningTarget(this.companies, this.entitlements, command.companyId, command.capability);
    const provider = await this.chooseProvider(command, existing?.providerId ?? null);
    const entitlement = existing ?? (await this.grant(command.capability, company.orgId, company.id, provider));

    const gateway = this.registry.provisioningGateway(command.capability, provider.slug);
    if (gateway.clientMapping === 'none' && command.clientId !== undefined) throw new ClientMappingNotSupportedError(command.clientIdField);
    const clientId = gateway.clientMapping === 'none' ? null : (command.clientId ?? entitlement.providerClientId);
    const { connection } = await this.connections.connectionFor(entitlement, clientId);
    if (!connection) throw new ProviderCredentialsMissingError();

    let failure: ProviderCallError | null = null;
    try {
      await gateway.checkCredentials(connection);
    } catch (error) {
      if (!(error instanceof ProviderCallError)) throw error;
      failure = error;
    }

    const saved = await this.audited.runJudged(
      { context: command.context, action: `provisioning.${command.capability}`, targetType: 'company', targetId: company.id, orgId: company.orgId },
      async () => {
        const target = existing ? await this.entitlements.findById(company.orgId, existing.id) : entitlement;
        if (!target) throw new EntitlementNotFoundError();
        const at = this.clock.now();
        if (failure) target.markConnectionFailed({ error: describeProviderFailure(failure).detail, at, providerClientId: clientId });
        else if (gateway.clientMapping === 'required' && clientId === null) target.awaitClientMapping({ at });
        else target.markConnected({ providerClientId: clientId, at });
        if (existing) await this.entitlements.save(target);
        else await this.entitlements.add(target);
        return target;
      },
      (target) => ({
        outcome: failure ? 'failure' : 'success',
        detail: {
          entitlement_id: target.id,
          provider_id: provider.id,
          provisioning_state: target.provisioningState,
          ...(failure ? { failure_kind: failure.kind } : {}),
        },
      }),
    );
    if (failure) throw failure;
    return provisioningStatusOf(saved, provider);
  }

  private async chooseProvider(command: ProvisionCapabilityCommand, entitledProviderId: string | null): Promise<Provider> {
    if (command.providerSlug === undefined) {
      if (entitledProviderId === null) throw new CapabilityNotEntitledError(command.capability);
      const provider = await this.catalogue.findProviderById(entitledProviderId);
      if (!provider) throw new Error(`entitlement names provider ${entitledProviderId}, missing from the catalogue`);
      return provider;
    }
    const provider = await this.catalogue.findProviderBySlug(command.providerSlug);
    if (!provider) throw new UnknownProviderError('provider_slug');
    if (provider.capabilitySlug !== command.capability) throw new ProviderCapabilityMismatchError(command.capability);
    if (entitledProviderId !== null && provider.id !== entitledProviderId) throw new EntitlementProviderMismatchError();
    return provider;
  }

  /** A new entitlement, stored only together with the outcome of its first connection attempt. */
  private async grant(capability: CapabilitySlug, orgId: string, companyId: string, provider: Provider): Promise<Entitlement> {
    const found = await this.catalogue.findCapabilityBySlug(capability);
    if (!found) throw new UnknownCapabilityError();
    return Entitlement.grant({ id: this.ids.next(), orgId, companyId, capabilityId: found.id, capability, providerId: provider.id, now: this.clock.now() });
  }
}
