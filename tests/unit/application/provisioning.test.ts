import { describe, expect, it } from 'vitest';
import { UNABLE_TO_SEND_REASON } from '../../../domain/outreach/sender-account-status.js';
import { CapabilityConnections } from '../../../application/outreach/capability-connections.js';
import type { EmailOutreachProvider, SendingAccount } from '../../../application/outreach/email-outreach-provider.port.js';
import type { LinkedInOutreachProvider, LinkedInSenderAccount } from '../../../application/outreach/linkedin-outreach-provider.port.js';
import { ListInboxes } from '../../../application/outreach/list-inboxes.js';
import { ListLinkedInAccounts } from '../../../application/outreach/list-linkedin-accounts.js';
import { ProviderCallError, type ProviderFailureKind } from '../../../application/outreach/provider-call-error.js';
import type { ProviderConnection } from '../../../application/outreach/provider-connection.js';
import { ProviderRegistry } from '../../../application/outreach/provider-registry.js';
import type { SenderAccountListQuery } from '../../../application/outreach/sender-account-list-query.js';
import { GetProvisioningStatus } from '../../../application/provisioning/get-provisioning-status.js';
import { ProvisionCapability, type ProvisionCapabilityCommand } from '../../../application/provisioning/provision-capability.js';
import { SyncSenderAccounts } from '../../../application/provisioning/sync-sender-accounts.js';
import { AllCompaniesNotAllowedError, CompanyScopeConflictError, CompanyScopeRequiredError } from '../../../domain/access/access-errors.js';
import type { CapabilitySlug } from '../../../domain/entitlements/capability.js';
import {
  CapabilityNotConnectedError,
  CapabilityNotEntitledError,
  ProviderCapabilityMismatchError,
  UnknownProviderError,
} from '../../../domain/entitlements/entitlement-errors.js';
import {
  ClientMappingNotSupportedError,
  EntitlementProviderMismatchError,
  ProviderCredentialsMissingError,
} from '../../../domain/entitlements/provisioning-errors.js';
import { CompanyNotFoundError } from '../../../domain/tenancy/company-errors.js';
import { PROVIDER_IDS, PROVIDER_NAMES_HIDDEN_FROM_TENANTS } from '../../support/catalogue-ids.js';
import { InMemorySenderAccountRepository } from '../../support/fakes/index.js';
import { makeEntitlementSut } from './entitlements-sut.js';
import { SUPER_ADMIN, UNKNOWN_ID, asUser } from './tenancy-sut.js';

// ---- fake provider adapters: the only fakes of things that are not ours -------------------------

interface ProviderCall {
  readonly operation: 'checkCredentials' | 'listAccounts';
  readonly connection: ProviderConnection;
}

/** Everything of a port that provisioning never touches: calling it is a test failure. */
function unused(name: string): () => Promise<never> {
  return () => Promise.reject(new Error(`${name} is not part of provisioning`));
}

function providerFailure(capability: CapabilitySlug, kind: ProviderFailureKind, operation = 'credentials.check'): ProviderCallError {
  return new ProviderCallError({ capability, kind, operation, httpStatus: kind === 'auth_rejected' ? 401 : kind === 'server_error' ? 503 : null, attempts: 2 });
}

/** Behaviour shared by the fakes: a journal of calls and failures queued for the next calls. */
class FakeProviderBehaviour {
  readonly calls: ProviderCall[] = [];
  private readonly failures: Error[] = [];

  failNext(error: Error): void {
    this.failures.push(error);
  }

  async call(operation: ProviderCall['operation'], connection: ProviderConnection): Promise<void> {
    this.calls.push({ operation, connection: { ...connection } });
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}

/** An email provider; with `clients`, like an agency account, it lists only the connection's client's inboxes. */
class FakeEmailProvider extends FakeProviderBehaviour {
  accounts: (SendingAccount & { readonly clientId?: string })[] = [];

  readonly adapter: EmailOutreachProvider = {
    checkCredentials: (connection) => this.call('checkCredentials', connection),
    listSendingAccounts: async (connection) => {
      await this.call('listAccounts', connection);
      return this.accounts
        .filter((account) => account.clientId === undefined || account.clientId === connection.clientId)
        .map(({ clientId: _clientId, ...account }) => account);
    },
    createCampaign: unused('createCampaign'),
    getCampaign: unused('getCampaign'),
    findCampaignsByName: unused('findCampaignsByName'),
    setCampaignStatus: unused('setCampaignStatus'),
    getSequence: unused('getSequence'),
    saveSequence: unused('saveSequence'),
    addLeads: unused('addLeads'),
    listLeads: unused('listLeads'),
    pauseLead: unused('pauseLead'),
    resumeLead: unused('resumeLead'),
    unsubscribeLead: unused('unsubscribeLead'),
    listLeadMessages: unused('listLeadMessages'),
    getCampaignStatistics: unused('getCampaignStatistics'),
  };
}

class FakeLinkedInProvider extends FakeProviderBehaviour {
  accounts: LinkedInSenderAccount[] = [];

  readonly adapter: LinkedInOutreachProvider = {
    checkCredentials: (connection) => this.call('checkCredentials', connection),
    listSenderAccounts: async (connection) => {
      await this.call('listAccounts', connection);
      return [...this.accounts];
    },
    createCampaign: unused('createCampaign'),
    getCampaign: unused('getCampaign'),
    setCampaignStatus: unused('setCampaignStatus'),
    getSequence: unused('getSequence'),
    saveSequence: unused('saveSequence'),
    addLeads: unused('addLeads'),
    listLeads: unused('listLeads'),
    pauseLead: unused('pauseLead'),
    resumeLead: unused('resumeLead'),
    stopLead: unused('stopLead'),
    unsubscribeLead: unused('unsubscribeLead'),
    listLeadMessages: unused('listLeadMessages'),
    getCampaignStatistics: unused('getCampaignStatistics'),
  };
}

// ---- the system under test ----------------------------------------------------------------------

const CLIENT = '4242';
const OTHER_CLIENT = '4243';

/** Our use cases over the in-memory stores of entitlements-sut, with fake provider adapters in the registry. */
function makeSut() {
  const base = makeEntitlementSut();
  const { companies, entitlements, catalogue, credentials, audited, ids, clock, transactions } = base;
  const accounts = new InMemorySenderAccountRepository();
  transactions.register(accounts);
  // Named after what they play, not after real providers: a provider with client accounts and two without.
  const clientful = new FakeEmailProvider();
  const clientless = new FakeEmailProvider();
  const linkedIn = new FakeLinkedInProvider();
  const registry = new ProviderRegistry(
    new Map([
      ['smartlead', { adapter: clientful.adapter, clientMapping: 'required' as const }],
      ['instantly', { adapter: clientless.adapter, clientMapping: 'none' as const }],
    ]),
    new Map([['heyreach', { adapter: linkedIn.adapter, clientMapping: 'none' as const }]]),
  );
  const connections = new CapabilityConnections(entitlements, catalogue, credentials, registry);
  const sut = {
    ...base,
    accounts,
    providers: { clientful, clientless, linkedIn },
    registry,
    connections,
    provisionCapability: new ProvisionCapability(companies, entitlements, catalogue, connections, registry, audited, ids, clock),
    getProvisioningStatus: new GetProvisioningStatus(companies, entitlements, connections),
    syncSenderAccounts: new SyncSenderAccounts(companies, entitlements, connections, registry, accounts, audited, clock),
    listInboxes: new ListInboxes(companies, accounts),
    listLinkedInAccounts: new ListLinkedInAccounts(companies, accounts),
  };
  return {
    ...sut,
    provision(companyId: string, options: Partial<Omit<ProvisionCapabilityCommand, 'companyId'>> = {}) {
      return sut.provisionCapability.execute({
        context: SUPER_ADMIN,
        capability: 'email_outreach',
        clientIdField: 'smartlead_client_id',
        ...options,
        companyId,
      });
    },
    sync(companyId: string, capability: CapabilitySlug = 'email_outreach') {
      return sut.syncSenderAccounts.execute({ context: SUPER_ADMIN, capability, companyId });
    },
    /** Every provider call any fake received. */
    providerCalls(): ProviderCall[] {
      return [...clientful.calls, ...clientless.calls, ...linkedIn.calls];
    },
  };
}

type Sut = ReturnType<typeof makeSut>;

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function inbox(externalId: string, email: string, clientId: string | undefined, overrides: Partial<SendingAccount> = {}) {
  return { externalId, email, displayName: `Sender ${externalId}`, active: true, warmupEnabled: true, ...overrides, ...(clientId === undefined ? {} : { clientId }) };
}

/** An organization with one company and credentials for every provider. */
async function keyedCompany(sut: Sut): Promise<{ orgId: string; companyId: string }> {
  const target = await sut.companyOf();
  await sut.setKey(target.orgId, 'smartlead', 'clientful-key');
  await sut.setKey(target.orgId, 'instantly', 'clientless-key');
  await sut.setKey(target.orgId, 'heyreach', 'linkedin-key');
  return target;
}

// ---- ProvisionCapability ------------------------------------------------------------------------

describe('ProvisionCapability', () => {
  it('grants the entitlement on first provisioning, proves the key with one call and connects it with the client binding', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);

    const status = await sut.provision(companyId, { providerSlug: 'smartlead', clientId: CLIENT });

    expect(status).toEqual({
      companyId,
      orgId,
      capability: 'email_outreach',
      providerSlug: 'smartlead',
      entitlementStatus: 'connected',
      provisioningState: 'connected',
      clientId: CLIENT,
      lastError: null,
      updatedAt: sut.clock.now(),
    });
    expect(sut.providers.clientful.calls).toEqual([{ operation: 'checkCredentials', connection: { apiKey: 'clientful-key', workspaceId: null, clientId: CLIENT } }]);
    const stored = await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach');
    expect(stored).toMatchObject({
      providerId: PROVIDER_IDS.smartlead,
      status: 'connected',
      provisioningState: 'connected',
      providerClientId: CLIENT,
      lastError: null,
      lastCheckedAt: sut.clock.now(),
    });
    expect(sut.auditLog.entriesFor('provisioning.email_outreach')).toEqual([
      {
        actor: SUPER_ADMIN.actor,
        orgId,
        action: 'provisioning.email_outreach',
        targetType: 'company',
        targetId: companyId,
        requestId: SUPER_ADMIN.requestId,
        outcome: 'success',
        detail: { entitlement_id: stored!.id, provider_id: PROVIDER_IDS.smartlead, provisioning_state: 'connected' },
        occurredAt: sut.clock.now(),
      },
    ]);
  });

  it("defaults to the provider of the company's entitlement and provisions the one it already has", async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    const granted = await sut.grant(orgId, companyId, 'email_outreach', 'instantly');

    const status = await sut.provision(companyId);

    expect(status).toMatchObject({ providerSlug: 'instantly', entitlementStatus: 'connected', clientId: null });
    expect(sut.providers.clientless.calls.map((call) => call.operation)).toEqual(['checkCredentials']);
    expect(sut.providers.clientful.calls).toEqual([]);
    // The same entitlement moved on; no second one was granted.
    expect((await sut.entitlements.list(orgId, { companyId }, { limit: 10 })).items.map((entitlement) => [entitlement.id, entitlement.status])).toEqual([
      [granted.id, 'connected'],
    ]);
  });

  it('refuses to guess a provider for a company without an entitlement, before any provider call', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);

    const error = await rejectionOf(sut.provision(companyId));

    expect(error).toBeInstanceOf(CapabilityNotEntitledError);
    expect(error.message).toBe('This company has no email outreach entitlement.');
    expect(sut.providerCalls()).toEqual([]);
    expect(await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach')).toBeNull();
    expect(sut.auditLog.entriesFor('provisioning.email_outreach')).toEqual([]);
  });

  it('refuses a provider other than the entitled one, an unknown one, and one of another capability', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    const granted = await sut.grant(orgId, companyId, 'email_outreach', 'smartlead');

    const mismatch = await rejectionOf(sut.provision(companyId, { providerSlug: 'instantly' }));
    expect(mismatch).toBeInstanceOf(EntitlementProviderMismatchError);
    expect((mismatch as EntitlementProviderMismatchError).code).toBe('entitlement_provider_mismatch');

    const unknown = await rejectionOf(sut.provision(companyId, { providerSlug: 'mailchimp' }));
    expect(unknown).toBeInstanceOf(UnknownProviderError);
    expect((unknown as UnknownProviderError).problems).toEqual([{ loc: ['provider_slug'], msg: 'names no provider', type: 'unknown_provider' }]);

    const wrongCapability = await rejectionOf(sut.provision(companyId, { providerSlug: 'heyreach' }));
    expect(wrongCapability).toBeInstanceOf(ProviderCapabilityMismatchError);

    expect(sut.providerCalls()).toEqual([]);
    expect(await sut.entitlements.findById(orgId, granted.id)).toMatchObject({ status: 'entitled', provisioningState: 'pending_client_mapping', lastCheckedAt: null });
  });

  it('proves the key but leaves a provider with clients pending until the company is bound to one', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);

    const status = await sut.provision(companyId, { providerSlug: 'smartlead' });

    expect(status).toMatchObject({ entitlementStatus: 'entitled', provisioningState: 'pending_client_mapping', clientId: null, lastError: null });
    expect(sut.providers.clientful.calls).toEqual([{ operation: 'checkCredentials', connection: { apiKey: 'clientful-key', workspaceId: null, clientId: null } }]);
    expect(await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach')).toMatchObject({
      status: 'entitled',
      provisioningState: 'pending_client_mapping',
      lastCheckedAt: sut.clock.now(),
    });
    expect(sut.auditLog.entriesFor('provisioning.email_outreach', 'success')[0]?.detail).toMatchObject({ provisioning_state: 'pending_client_mapping' });

    // Naming the client later connects it; provisioning again without one keeps that binding.
    sut.clock.advanceSeconds(60);
    expect(await sut.provision(companyId, { clientId: CLIENT })).toMatchObject({ entitlementStatus: 'connected', clientId: CLIENT });
    sut.clock.advanceSeconds(60);
    expect(await sut.provision(companyId)).toMatchObject({ entitlementStatus: 'connected', provisioningState: 'connected', clientId: CLIENT });
    expect(sut.providers.clientful.calls.map((call) => call.connection.clientId)).toEqual([null, CLIENT, CLIENT]);
  });

  it('refuses a client id for a provider without clients (naming the request field) and stores nothing', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);

    const error = await rejectionOf(sut.provision(companyId, { providerSlug: 'instantly', clientId: CLIENT }));

    expect(error).toBeInstanceOf(ClientMappingNotSupportedError);
    expect((error as ClientMappingNotSupportedError).problems).toEqual([
      { loc: ['body', 'smartlead_client_id'], msg: 'not supported by this provider', type: 'client_mapping_not_supported' },
    ]);
    expect(sut.providerCalls()).toEqual([]);
    expect(await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach')).toBeNull();
  });

  it('connects a provider without clients with no client binding, LinkedIn included', async () => {
    const sut = makeSut();
    const { companyId } = await keyedCompany(sut);

    expect(await sut.provision(companyId, { providerSlug: 'instantly' })).toMatchObject({ entitlementStatus: 'connected', provisioningState: 'connected', clientId: null });
    const linkedIn = await sut.provision(companyId, { capability: 'linkedin_outreach', providerSlug: 'heyreach', clientIdField: 'client_id' });
    expect(linkedIn).toMatchObject({ capability: 'linkedin_outreach', providerSlug: 'heyreach', entitlementStatus: 'connected', clientId: null });
    expect(sut.providers.linkedIn.calls).toEqual([{ operation: 'checkCredentials', connection: { apiKey: 'linkedin-key', workspaceId: null, clientId: null } }]);
  });

  it('answers provider_credentials_missing without granting anything when the organization has no key', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await sut.companyOf();
    await sut.setKey(orgId, 'instantly');

    const error = await rejectionOf(sut.provision(companyId, { providerSlug: 'smartlead', clientId: CLIENT }));

    expect(error).toBeInstanceOf(ProviderCredentialsMissingError);
    expect(sut.providerCalls()).toEqual([]);
    expect(await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach')).toBeNull();
    expect(sut.auditLog.entriesFor('provisioning.email_outreach')).toEqual([]);
  });

  it('answers company_not_found for an unknown or deleted company', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    expect(await rejectionOf(sut.provision(UNKNOWN_ID, { providerSlug: 'smartlead' }))).toBeInstanceOf(CompanyNotFoundError);

    await sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId });
    expect(await rejectionOf(sut.provision(companyId, { providerSlug: 'smartlead' }))).toBeInstanceOf(CompanyNotFoundError);
    expect(sut.providerCalls()).toEqual([]);
  });

  it.each([
    ['auth_rejected', 'Email outreach could not authenticate with its service. A platform administrator must update the organization\'s credentials.'],
    ['server_error', 'Email outreach is temporarily unavailable. Try again shortly.'],
    ['malformed_response', 'Email outreach could not complete the request.'],
  ] as const)('commits a %s failure as disconnected + last_error, audits it as a failure, then rethrows the same error', async (kind, expectedError) => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    const failure = providerFailure('email_outreach', kind);
    sut.providers.clientful.failNext(failure);
    const commitsBefore = sut.transactions.commits;

    const error = await rejectionOf(sut.provision(companyId, { providerSlug: 'smartlead', clientId: CLIENT }));

    expect(error).toBe(failure);
    // Stored, not rolled back: the write ran in its own transaction before the error left the use case.
    expect(sut.transactions.commits).toBe(commitsBefore + 1);
    expect(sut.transactions.rollbacks).toBe(0);
    const stored = await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach');
    expect(stored).toMatchObject({
      providerId: PROVIDER_IDS.smartlead,
      status: 'disconnected',
      provisioningState: 'failed',
      lastError: expectedError,
      lastCheckedAt: sut.clock.now(),
    });
    expect(await sut.getProvisioningStatus.execute({ capability: 'email_outreach', companyId })).toMatchObject({
      entitlementStatus: 'disconnected',
      provisioningState: 'failed',
      lastError: expectedError,
    });
    const audit = sut.auditLog.entriesFor('provisioning.email_outreach');
    expect(audit).toEqual([
      expect.objectContaining({
        orgId,
        targetType: 'company',
        targetId: companyId,
        outcome: 'failure',
        detail: { entitlement_id: stored!.id, provider_id: PROVIDER_IDS.smartlead, provisioning_state: 'failed', failure_kind: kind },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
    expect(stored!.lastError).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
  });

  it('records a failure on an entitlement that was connected, and a later success clears last_error', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    await sut.provision(companyId, { providerSlug: 'smartlead', clientId: CLIENT });

    sut.clock.advanceSeconds(30);
    sut.providers.clientful.failNext(providerFailure('email_outreach', 'auth_rejected'));
    await expect(sut.provision(companyId)).rejects.toBeInstanceOf(ProviderCallError);
    expect(await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach')).toMatchObject({
      status: 'disconnected',
      provisioningState: 'failed',
      providerClientId: CLIENT,
    });
    // A failed connection blocks provider work like any other disconnected one.
    expect(await rejectionOf(sut.connections.emailOutreach(orgId, companyId))).toBeInstanceOf(CapabilityNotConnectedError);

    sut.clock.advanceSeconds(30);
    const recovered = await sut.provision(companyId);

    expect(recovered).toMatchObject({ entitlementStatus: 'connected', provisioningState: 'connected', clientId: CLIENT, lastError: null, updatedAt: sut.clock.now() });
    expect(sut.auditLog.entriesFor('provisioning.email_outreach').map((entry) => entry.outcome)).toEqual(['success', 'failure', 'success']);
    expect(sut.auditLog.entriesFor('provisioning.email_outreach').at(-1)?.detail).toEqual({
      entitlement_id: (await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach'))!.id,
      provider_id: PROVIDER_IDS.smartlead,
      provisioning_state: 'connected',
    });
  });

  it('lets an unexpected adapter error through untouched, storing nothing', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    const bug = new TypeError('adapter bug');
    sut.providers.clientful.failNext(bug);

    expect(await rejectionOf(sut.provision(companyId, { providerSlug: 'smartlead', clientId: CLIENT }))).toBe(bug);
    expect(await sut.entitlements.findLiveForCompanyCapability(orgId, companyId, 'email_outreach')).toBeNull();
    expect(sut.auditLog.entriesFor('provisioning.email_outreach')).toEqual([]);
  });
});

// ---- GetProvisioningStatus ----------------------------------------------------------------------

describe('GetProvisioningStatus', () => {
  it('reads where a company stands without calling the provider', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    await sut.grant(orgId, companyId, 'linkedin_outreach', 'heyreach');

    expect(await sut.getProvisioningStatus.execute({ capability: 'linkedin_outreach', companyId })).toEqual({
      companyId,
      orgId,
      capability: 'linkedin_outreach',
      providerSlug: 'heyreach',
      entitlementStatus: 'entitled',
      provisioningState: 'pending_client_mapping',
      clientId: null,
      lastError: null,
      updatedAt: sut.clock.now(),
    });
    expect(sut.providerCalls()).toEqual([]);
  });

  it('answers capability_not_entitled without an entitlement and company_not_found for an unknown company', async () => {
    const sut = makeSut();
    const { companyId } = await keyedCompany(sut);

    const notEntitled = await rejectionOf(sut.getProvisioningStatus.execute({ capability: 'email_outreach', companyId }));
    expect(notEntitled).toBeInstanceOf(CapabilityNotEntitledError);
    expect(await rejectionOf(sut.getProvisioningStatus.execute({ capability: 'email_outreach', companyId: UNKNOWN_ID }))).toBeInstanceOf(CompanyNotFoundError);
  });
});

// ---- SyncSenderAccounts -------------------------------------------------------------------------

describe('SyncSenderAccounts', () => {
  it('needs a connected entitlement: none, entitled, pending and tenant-disconnected ones never reach the provider', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);

    expect(await rejectionOf(sut.sync(companyId))).toBeInstanceOf(CapabilityNotEntitledError);

    const granted = await sut.grant(orgId, companyId, 'email_outreach', 'smartlead');
    const entitled = await rejectionOf(sut.sync(companyId));
    expect(entitled).toBeInstanceOf(CapabilityNotConnectedError);
    expect(entitled.message).toBe('Email outreach is not connected for this company.');

    await sut.provision(companyId);
    expect(await rejectionOf(sut.sync(companyId))).toBeInstanceOf(CapabilityNotConnectedError);

    await sut.provision(companyId, { clientId: CLIENT });
    const admin = await sut.user(orgId);
    await sut.updateEntitlement.execute({ context: asUser(admin.id), orgId, entitlementId: granted.id, status: 'disconnected' });
    expect(await rejectionOf(sut.sync(companyId))).toBeInstanceOf(CapabilityNotConnectedError);

    // Only the two credential checks of provisioning ever reached the provider.
    expect(sut.providerCalls().map((call) => call.operation)).toEqual(['checkCredentials', 'checkCredentials']);
    expect(sut.accounts.allInboxes()).toEqual([]);
    expect(sut.auditLog.entriesFor('sender_accounts.sync')).toEqual([]);
  });

  it("stores the inboxes of the company's client only, maps them, reports the sync and audits it", async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    sut.providers.clientful.accounts = [
      inbox('101', 'alex@sender.test', CLIENT),
      inbox('102', 'blair@sender.test', CLIENT, { displayName: null, active: false, warmupEnabled: null }),
      inbox('103', 'casey@other.test', OTHER_CLIENT),
    ];
    await sut.provision(companyId, { providerSlug: 'smartlead', clientId: CLIENT });
    sut.clock.advanceSeconds(5);

    const report = await sut.sync(companyId);

    expect(report).toEqual({ synced: 2, heldByAnotherCompany: [], deactivated: 0, companyId, orgId, clientId: CLIENT, listed: 2, unusable: 0, at: sut.clock.now() });
    expect(sut.providers.clientful.calls.at(-1)).toEqual({ operation: 'listAccounts', connection: { apiKey: 'clientful-key', workspaceId: null, clientId: CLIENT } });
    expect(sut.accounts.allInboxes().map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        orgId,
        companyId,
        providerId: PROVIDER_IDS.smartlead,
        externalAccountId: '101',
        email: 'alex@sender.test',
        displayName: 'Sender 101',
        status: 'active',
        statusReason: null,
        statusObservedAt: sut.clock.now(),
        warmupEnabled: true,
        createdAt: sut.clock.now(),
        updatedAt: sut.clock.now(),
      },
      {
        orgId,
        companyId,
        providerId: PROVIDER_IDS.smartlead,
        externalAccountId: '102',
        email: 'blair@sender.test',
        displayName: null,
        status: 'inactive',
        statusReason: UNABLE_TO_SEND_REASON,
        statusObservedAt: sut.clock.now(),
        warmupEnabled: null,
        createdAt: sut.clock.now(),
        updatedAt: sut.clock.now(),
      },
    ]);
    expect(sut.auditLog.entriesFor('sender_accounts.sync')).toEqual([
      {
        actor: SUPER_ADMIN.actor,
        orgId,
        action: 'sender_accounts.sync',
        targetType: 'company',
        targetId: companyId,
        requestId: SUPER_ADMIN.requestId,
        outcome: 'success',
        detail: { capability: 'email_outreach', listed: 2, synced: 2, held_by_another_company: 0, deactivated: 0 },
        occurredAt: sut.clock.now(),
      },
    ]);
  });

  it('is idempotent, deactivates what the provider stopped listing and counts inboxes without an address as unusable', async () => {
    const sut = makeSut();
    const { companyId } = await keyedCompany(sut);
    sut.providers.clientless.accounts = [inbox('a1', 'dana@sender.test', undefined), inbox('a2', 'eli@sender.test', undefined)];
    await sut.provision(companyId, { providerSlug: 'instantly' });
    await sut.sync(companyId);
    const firstIds = sut.accounts.allInboxes().map((row) => row.id);

    sut.clock.advanceSeconds(5);
    expect(await sut.sync(companyId)).toMatchObject({ synced: 2, deactivated: 0, listed: 2, clientId: null });
    expect(sut.accounts.allInboxes().map((row) => row.id)).toEqual(firstIds);

    sut.clock.advanceSeconds(5);
    sut.providers.clientless.accounts = [inbox('a1', 'dana@sender.test', undefined), inbox('a3', '', undefined)];
    const report = await sut.sync(companyId);

    expect(report).toMatchObject({ synced: 1, heldByAnotherCompany: [], deactivated: 1, listed: 2, unusable: 1 });
    expect(sut.accounts.allInboxes().map((row) => [row.externalAccountId, row.status, row.updatedAt])).toEqual([
      ['a1', 'active', sut.clock.now()],
      ['a2', 'inactive', sut.clock.now()],
    ]);
    expect(sut.auditLog.entriesFor('sender_accounts.sync').at(-1)?.detail).toEqual({
      capability: 'email_outreach',
      listed: 2,
      synced: 1,
      held_by_another_company: 0,
      deactivated: 1,
    });
  });

  it('leaves an account held by another company of the organization where it is and reports it', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    const sibling = (await sut.company(orgId)).id;
    sut.providers.clientful.accounts = [inbox('101', 'alex@sender.test', CLIENT)];
    await sut.provision(companyId, { providerSlug: 'smartlead', clientId: CLIENT });
    await sut.provision(sibling, { providerSlug: 'smartlead', clientId: CLIENT });
    await sut.sync(companyId);

    const report = await sut.sync(sibling);

    expect(report).toMatchObject({ synced: 0, heldByAnotherCompany: ['101'], deactivated: 0, companyId: sibling });
    expect(sut.accounts.allInboxes().map((row) => [row.externalAccountId, row.companyId])).toEqual([['101', companyId]]);
  });

  it('syncs LinkedIn sender accounts with their profile', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    sut.providers.linkedIn.accounts = [
      { externalId: '7001', displayName: 'Sam Ortiz', email: 'sam@acme.test', profileUrl: 'https://www.linkedin.com/in/sam', active: true },
      { externalId: '7002', displayName: null, email: null, profileUrl: null, active: false },
    ];
    await sut.provision(companyId, { capability: 'linkedin_outreach', providerSlug: 'heyreach', clientIdField: 'client_id' });

    const report = await sut.sync(companyId, 'linkedin_outreach');

    expect(report).toMatchObject({ synced: 2, listed: 2, unusable: 0, clientId: null });
    expect(sut.accounts.allInboxes()).toEqual([]);
    expect(sut.accounts.allLinkedInAccounts().map(({ id: _id, createdAt: _c, updatedAt: _u, statusObservedAt: _o, ...rest }) => rest)).toEqual([
      { orgId, companyId, providerId: PROVIDER_IDS.heyreach, externalAccountId: '7001', displayName: 'Sam Ortiz', email: 'sam@acme.test', profileUrl: 'https://www.linkedin.com/in/sam', status: 'active', statusReason: null },
      { orgId, companyId, providerId: PROVIDER_IDS.heyreach, externalAccountId: '7002', displayName: null, email: null, profileUrl: null, status: 'inactive', statusReason: UNABLE_TO_SEND_REASON },
    ]);
    expect(sut.auditLog.entriesFor('sender_accounts.sync')[0]?.detail).toMatchObject({ capability: 'linkedin_outreach', synced: 2 });
  });

  it('lets a provider failure through, stores nothing, and puts the failure on record', async () => {
    const sut = makeSut();
    const { companyId } = await keyedCompany(sut);
    sut.providers.clientless.accounts = [inbox('a1', 'dana@sender.test', undefined)];
    await sut.provision(companyId, { providerSlug: 'instantly' });
    const failure = providerFailure('email_outreach', 'server_error', 'accounts.list');
    sut.providers.clientless.failNext(failure);

    expect(await rejectionOf(sut.sync(companyId))).toBe(failure);
    expect(sut.accounts.allInboxes()).toEqual([]);
    expect(sut.auditLog.entriesFor('sender_accounts.sync', 'success')).toEqual([]);
    expect(sut.auditLog.entriesFor('sender_accounts.sync').map((entry) => [entry.outcome, entry.detail])).toEqual([
      ['failure', { capability: 'email_outreach', failure_kind: 'server_error' }],
    ]);
  });
});

// ---- CapabilityConnections ----------------------------------------------------------------------

describe('CapabilityConnections', () => {
  it('hands out the registered adapter with the decrypted connection of a connected company only', async () => {
    const sut = makeSut();
    const { orgId, companyId } = await keyedCompany(sut);
    const bare = (await sut.company(orgId)).id;
    expect(await rejectionOf(sut.connections.emailOutreach(orgId, bare))).toBeInstanceOf(CapabilityNotEntitledError);

    await sut.grant(orgId, companyId, 'email_outreach', 'smartlead');
    expect(await rejectionOf(sut.connections.emailOutreach(orgId, companyId))).toBeInstanceOf(CapabilityNotConnectedError);

    await sut.provision(companyId, { clientId: CLIENT });
    const connected = await sut.connections.emailOutreach(orgId, companyId);
    expect(connected.adapter).toBe(sut.providers.clientful.adapter);
    expect(connected.connection).toEqual({ apiKey: 'clientful-key', workspaceId: null, clientId: CLIENT });
    expect(connected.provider.slug).toBe('smartlead');
    expect(connected.entitlement).toMatchObject({ companyId, status: 'connected' });
    // Another organization asking for this company finds no entitlement at all.
    const otherOrg = await sut.organization('org-other');
    expect(await rejectionOf(sut.connections.emailOutreach(otherOrg, companyId))).toBeInstanceOf(CapabilityNotEntitledError);
    // LinkedIn is a separate capability with its own entitlement.
    expect(await rejectionOf(sut.connections.linkedInOutreach(orgId, companyId))).toBeInstanceOf(CapabilityNotEntitledError);
  });
});

// ---- ListInboxes / ListLinkedInAccounts scoping -------------------------------------------------

describe('ListInboxes and ListLinkedInAccounts', () => {
  /** Two companies of one org with two and one inboxes, and a company of another org with one. */
  async function scene() {
    const sut = makeSut();
    const { orgId, companyId: first } = await keyedCompany(sut);
    const second = (await sut.company(orgId)).id;
    const otherOrg = await sut.organization('org-b');
    const foreign = (await sut.company(otherOrg)).id;
    const at = sut.clock.now();
    const sync = (o: string, c: string, ids: string[]) =>
      sut.accounts.syncInboxes({
        orgId: o,
        companyId: c,
        providerId: PROVIDER_IDS.instantly,
        at,
        accounts: ids.map((id) => ({ externalAccountId: id, email: `${id}@sender.test`, displayName: null, active: true, warmupEnabled: null })),
      });
    await sync(orgId, first, ['f1', 'f2']);
    await sync(orgId, second, ['s1']);
    await sync(otherOrg, foreign, ['x1']);
    await sut.accounts.syncLinkedInAccounts({
      orgId,
      companyId: first,
      providerId: PROVIDER_IDS.heyreach,
      at,
      accounts: [{ externalAccountId: 'li1', email: null, displayName: 'Li', profileUrl: null, active: true }],
    });
    const query = (overrides: Partial<SenderAccountListQuery>): SenderAccountListQuery => ({ orgId, role: 'org_admin', callerCompanyId: null, limit: 100, ...overrides });
    const emails = async (q: SenderAccountListQuery) => (await sut.listInboxes.execute(q)).items.map((item) => item.email).sort();
    return { sut, orgId, first, second, otherOrg, foreign, query, emails };
  }

  it('pins a company user to their own company', async () => {
    const { sut, first, second, query, emails } = await scene();
    const member = query({ role: 'company_member', callerCompanyId: first });

    expect(await emails(member)).toEqual(['f1@sender.test', 'f2@sender.test']);
    expect(await emails({ ...member, companyId: first })).toEqual(['f1@sender.test', 'f2@sender.test']);
    expect(await rejectionOf(sut.listInboxes.execute({ ...member, companyId: second }))).toBeInstanceOf(CompanyNotFoundError);
    expect(await rejectionOf(sut.listInboxes.execute({ ...member, allCompanies: true }))).toBeInstanceOf(AllCompaniesNotAllowedError);
    expect(await emails(query({ role: 'company_admin', callerCompanyId: second }))).toEqual(['s1@sender.test']);
  });

  it('makes an org admin choose a company of their organization or all of them', async () => {
    const { sut, first, second, foreign, query, emails } = await scene();

    expect(await rejectionOf(sut.listInboxes.execute(query({})))).toBeInstanceOf(CompanyScopeRequiredError);
    expect(await emails(query({ companyId: first }))).toEqual(['f1@sender.test', 'f2@sender.test']);
    expect(await emails(query({ companyId: second }))).toEqual(['s1@sender.test']);
    expect(await emails(query({ allCompanies: true }))).toEqual(['f1@sender.test', 'f2@sender.test', 's1@sender.test']);
    expect(await rejectionOf(sut.listInboxes.execute(query({ companyId: foreign })))).toBeInstanceOf(CompanyNotFoundError);
    expect(await rejectionOf(sut.listInboxes.execute(query({ companyId: UNKNOWN_ID })))).toBeInstanceOf(CompanyNotFoundError);
    expect(await rejectionOf(sut.listInboxes.execute(query({ companyId: first, allCompanies: true })))).toBeInstanceOf(CompanyScopeConflictError);
  });

  it("never shows another organization's accounts, and pages by keyset", async () => {
    const { sut, otherOrg, foreign, query, emails } = await scene();

    expect(await emails(query({ orgId: otherOrg, allCompanies: true }))).toEqual(['x1@sender.test']);
    expect(await emails(query({ orgId: otherOrg, role: 'company_member', callerCompanyId: foreign }))).toEqual(['x1@sender.test']);

    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 5; pages += 1) {
      const page = await sut.listInboxes.execute(query({ allCompanies: true, limit: 2, after }));
      seen.push(...page.items.map((item) => item.email));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen.sort()).toEqual(['f1@sender.test', 'f2@sender.test', 's1@sender.test']);
  });

  it('applies the same scoping to LinkedIn accounts', async () => {
    const { sut, first, second, query } = await scene();

    expect((await sut.listLinkedInAccounts.execute(query({ companyId: first }))).items.map((item) => item.externalAccountId)).toEqual(['li1']);
    expect((await sut.listLinkedInAccounts.execute(query({ role: 'company_member', callerCompanyId: second }))).items).toEqual([]);
    expect(await rejectionOf(sut.listLinkedInAccounts.execute(query({})))).toBeInstanceOf(CompanyScopeRequiredError);
    expect(await rejectionOf(sut.listLinkedInAccounts.execute(query({ role: 'company_member', callerCompanyId: second, companyId: first })))).toBeInstanceOf(
      CompanyNotFoundError,
    );
  });
});
