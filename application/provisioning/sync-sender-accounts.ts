import type { CapabilitySlug } from '../../domain/entitlements/capability.js';
import { ProviderCredentialsMissingError } from '../../domain/entitlements/provisioning-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { EntitlementRepository } from '../entitlements/entitlement.repository.js';
import type { CapabilityConnections } from '../outreach/capability-connections.js';
import { ProviderCallError } from '../outreach/provider-call-error.js';
import type { ProviderRegistry } from '../outreach/provider-registry.js';
import type { SenderAccountRepository, SenderAccountSyncResult } from '../outreach/sender-account.repository.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CompanyRepository } from '../tenancy/company.repository.js';
import { requireProvisioningTarget } from './provisioning-target.js';

export interface SyncSenderAccountsCommand {
  readonly context: RequestContext;
  readonly capability: CapabilitySlug;
  readonly companyId: string;
}

export interface SenderAccountSyncReport extends SenderAccountSyncResult {
  readonly companyId: string;
  readonly orgId: string;
  readonly clientId: string | null;
  /** Accounts the provider listed for the company (its client, where the provider has clients). */
  readonly listed: number;
  /** Listed accounts that cannot be stored (an inbox without an address). */
  readonly unusable: number;
  readonly at: Date;
}

/**
 * A super-admin copies a company's sender accounts from its provider: email inboxes for email
 * outreach (the company's client only, where the provider has clients), LinkedIn accounts for
 * LinkedIn outreach. Needs a connected entitlement; one set-based upsert stores the listing.
 */
export class SyncSenderAccounts {
  constructor(
    private readonly companies: CompanyRepository,
    private readonly entitlements: EntitlementRepository,
    private readonly connections: CapabilityConnections,
    private readonly registry: ProviderRegistry,
    private readonly accounts: SenderAccountRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: SyncSenderAccountsCommand): Promise<SenderAccountSyncReport> {
    const { company, entitlement } = await requireProvisioningTarget(this.companies, this.entitlements, command.companyId, command.capability);
    entitlement.assertConnected();
    const { provider, connection } = await this.connections.connectionFor(entitlement);
    if (!connection) throw new ProviderCredentialsMissingError();
    const action = { context: command.context, action: 'sender_accounts.sync', targetType: 'company', targetId: company.id, orgId: company.orgId };
    const listing = await this.registry
      .provisioningGateway(command.capability, provider.slug)
      .listSenderAccounts(connection)
      .catch(async (error: unknown) => {
        // The provider failed before anything was written: still on record, as any refused write is.
        if (error instanceof ProviderCallError) await this.audited.record(action, 'failure', { capability: command.capability, failure_kind: error.kind });
        throw error;
      });
    const at = this.clock.now();
    const sync = { orgId: company.orgId, companyId: company.id, providerId: provider.id, accounts: listing, at };
    const result = await this.audited.run(
      action,
      () => (command.capability === 'email_outreach' ? this.accounts.syncInboxes(sync) : this.accounts.syncLinkedInAccounts(sync)),
      (synced) => ({
        capability: command.capability,
        listed: listing.length,
        synced: synced.synced,
        held_by_another_company: synced.heldByAnotherCompany.length,
        deactivated: synced.deactivated,
      }),
    );
    const unusable = command.capability === 'email_outreach' ? listing.filter((account) => !account.email).length : 0;
    return { ...result, companyId: company.id, orgId: company.orgId, clientId: connection.clientId, listed: listing.length, unusable, at };
  }
}
