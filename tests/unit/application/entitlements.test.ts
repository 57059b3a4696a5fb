import { describe, expect, it } from 'vitest';
import { requireConnectedEntitlement } from '../../../application/entitlements/require-connected-entitlement.js';
import { InvalidCursorError } from '../../../application/shared/pagination.js';
import {
  CapabilityNotConnectedError,
  CapabilityNotEntitledError,
  EntitlementExistsError,
  EntitlementNotFoundError,
  EntitlementNotProvisionedError,
  IllegalEntitlementTransitionError,
  InvalidProviderConfigError,
  ProviderCapabilityMismatchError,
  ProviderRequiredError,
  UnknownCapabilityError,
  UnknownProviderError,
} from '../../../domain/entitlements/entitlement-errors.js';
import { CompanyNotFoundError } from '../../../domain/tenancy/company-errors.js';
import { OrganizationNotFoundError } from '../../../domain/tenancy/organization-errors.js';
import { CAPABILITY_IDS, PROVIDER_IDS, PROVIDER_NAMES_HIDDEN_FROM_TENANTS } from '../../support/catalogue-ids.js';
import { makeEntitlementSut } from './entitlements-sut.js';
import { SUPER_ADMIN, UNKNOWN_ID, asUser } from './tenancy-sut.js';

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('ListCapabilities and ListProviders', () => {
  it('answer the seeded catalogue in its fixed order', async () => {
    const sut = makeEntitlementSut();

    expect((await sut.listCapabilities.execute()).map((capability) => capability.slug)).toEqual(['email_outreach', 'linkedin_outreach']);
    expect((await sut.listProviders.execute()).map((provider) => [provider.slug, provider.capabilitySlug])).toEqual([
      ['smartlead', 'email_outreach'],
      ['instantly', 'email_outreach'],
      ['heyreach', 'linkedin_outreach'],
    ]);
  });
});

describe('CreateEntitlement', () => {
  it('grants an entitled, unprovisioned entitlement and audits it by capability, never by provider', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const admin = await sut.user(orgId);

    const entitlement = await sut.createEntitlement.execute({
      context: asUser(admin.id, 'req-grant'),
      orgId,
      companyId,
      capabilityId: CAPABILITY_IDS.email_outreach,
      providerId: PROVIDER_IDS.instantly,
    });

    expect(entitlement).toMatchObject({
      orgId,
      companyId,
      capabilityId: CAPABILITY_IDS.email_outreach,
      capability: 'email_outreach',
      providerId: PROVIDER_IDS.instantly,
      status: 'entitled',
      provisioningState: 'pending_client_mapping',
      createdAt: sut.clock.now(),
    });
    expect(await sut.entitlements.findById(orgId, entitlement.id)).toEqual(entitlement);
    expect(sut.auditLog.entriesFor('entitlement.created')).toEqual([
      {
        actor: { type: 'user', id: admin.id },
        orgId,
        action: 'entitlement.created',
        targetType: 'entitlement',
        targetId: entitlement.id,
        requestId: 'req-grant',
        outcome: 'success',
        detail: { company_id: companyId, capability: 'email_outreach' },
        occurredAt: sut.clock.now(),
      },
    ]);
  });

  it('picks the one provider of the capability the organization has credentials for', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    await sut.setKey(orgId, 'instantly');
    await sut.setKey(orgId, 'heyreach');

    const email = await sut.createEntitlement.execute({ context: SUPER_ADMIN, orgId, companyId, capabilityId: CAPABILITY_IDS.email_outreach });
    const linkedin = await sut.createEntitlement.execute({ context: SUPER_ADMIN, orgId, companyId, capabilityId: CAPABILITY_IDS.linkedin_outreach });

    expect(email.providerId).toBe(PROVIDER_IDS.instantly);
    expect(linkedin.providerId).toBe(PROVIDER_IDS.heyreach);
  });

  it.each([
    ['none', [] as const],
    ['several', ['smartlead', 'instantly'] as const],
  ])('asks for provider_id when the organization has credentials for %s of its providers', async (_label, providers) => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    for (const provider of providers) await sut.setKey(orgId, provider);
    // Credentials of another organization never count.
    const other = await sut.organization();
    await sut.setKey(other, 'smartlead');

    const error = await rejectionOf(sut.createEntitlement.execute({ context: SUPER_ADMIN, orgId, companyId, capabilityId: CAPABILITY_IDS.email_outreach }));

    expect(error).toBeInstanceOf(ProviderRequiredError);
    expect(error.message).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
    expect(sut.entitlements.allRows()).toEqual([]);
  });

  it('refuses a provider that does not serve the capability, and unknown ids, without naming a provider', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const attempt = (capabilityId: string, providerId?: string) =>
      rejectionOf(sut.createEntitlement.execute({ context: SUPER_ADMIN, orgId, companyId, capabilityId, providerId }));

    const mismatch = await attempt(CAPABILITY_IDS.email_outreach, PROVIDER_IDS.heyreach);
    const unknownProvider = await attempt(CAPABILITY_IDS.email_outreach, UNKNOWN_ID);
    const unknownCapability = await attempt(UNKNOWN_ID, PROVIDER_IDS.smartlead);

    expect(mismatch).toBeInstanceOf(ProviderCapabilityMismatchError);
    expect(mismatch).toMatchObject({ code: 'provider_capability_mismatch', kind: 'invalid_input' });
    expect(unknownProvider).toBeInstanceOf(UnknownProviderError);
    expect(unknownCapability).toBeInstanceOf(UnknownCapabilityError);
    for (const error of [mismatch, unknownProvider, unknownCapability]) expect(error.message).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
    expect(sut.auditLog.entriesFor('entitlement.created', 'failure').map((entry) => entry.detail)).toEqual([
      { code: 'provider_capability_mismatch' },
      { code: 'unknown_provider' },
      { code: 'unknown_capability' },
    ]);
  });

  it('refuses a second live entitlement for the same company and capability, but not after a delete', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const first = await sut.grant(orgId, companyId);

    await expect(sut.grant(orgId, companyId, 'email_outreach', 'instantly')).rejects.toBeInstanceOf(EntitlementExistsError);
    await expect(sut.grant(orgId, companyId, 'linkedin_outreach', 'heyreach')).resolves.toMatchObject({ capability: 'linkedin_outreach' });

    await sut.deleteEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: first.id });
    await expect(sut.grant(orgId, companyId, 'email_outreach', 'instantly')).resolves.toMatchObject({ providerId: PROVIDER_IDS.instantly });
  });

  it('answers CompanyNotFoundError for a company of another organization, before looking at anything else', async () => {
    const sut = makeEntitlementSut();
    const { orgId } = await sut.companyOf();
    const foreign = await sut.companyOf();

    for (const companyId of [foreign.companyId, UNKNOWN_ID]) {
      await expect(
        sut.createEntitlement.execute({ context: SUPER_ADMIN, orgId, companyId, capabilityId: UNKNOWN_ID, providerId: UNKNOWN_ID }),
      ).rejects.toBeInstanceOf(CompanyNotFoundError);
    }
    expect(sut.entitlements.allRows()).toEqual([]);
  });
});

describe('GetEntitlement and ListEntitlements', () => {
  it('answer the same EntitlementNotFoundError for a foreign, a deleted and an unknown entitlement', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const foreignSide = await sut.companyOf();
    const foreign = await sut.grant(foreignSide.orgId, foreignSide.companyId);
    const deleted = await sut.grant(orgId, companyId);
    await sut.deleteEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: deleted.id });

    for (const entitlementId of [foreign.id, deleted.id, UNKNOWN_ID]) {
      const error = await rejectionOf(sut.getEntitlement.execute({ orgId, entitlementId }));
      expect(error).toBeInstanceOf(EntitlementNotFoundError);
      expect(error).toMatchObject({ code: 'entitlement_not_found', kind: 'not_found', message: 'Entitlement not found.' });
    }
  });

  it("pages through the organization's live entitlements, optionally of one company", async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const second = (await sut.company(orgId)).id;
    const foreign = await sut.companyOf();
    const a = await sut.grant(orgId, companyId, 'email_outreach');
    sut.clock.advanceSeconds(1);
    const b = await sut.grant(orgId, companyId, 'linkedin_outreach', 'heyreach');
    sut.clock.advanceSeconds(1);
    const c = await sut.grant(orgId, second, 'email_outreach');
    await sut.grant(foreign.orgId, foreign.companyId);

    const firstPage = await sut.listEntitlements.execute({ orgId, limit: 2 });
    const secondPage = await sut.listEntitlements.execute({ orgId, limit: 2, after: firstPage.nextCursor ?? undefined });
    expect([...firstPage.items, ...secondPage.items].map((entitlement) => entitlement.id)).toEqual([a.id, b.id, c.id]);
    expect(secondPage.nextCursor).toBeNull();

    const ofSecond = await sut.listEntitlements.execute({ orgId, companyId: second, limit: 10 });
    expect(ofSecond.items.map((entitlement) => entitlement.id)).toEqual([c.id]);
  });

  it('answers CompanyNotFoundError for a company filter outside the organization, and InvalidCursorError for a foreign cursor', async () => {
    const sut = makeEntitlementSut();
    const { orgId } = await sut.companyOf();
    const foreign = await sut.companyOf();

    await expect(sut.listEntitlements.execute({ orgId, companyId: foreign.companyId, limit: 10 })).rejects.toBeInstanceOf(CompanyNotFoundError);
    await expect(sut.listEntitlements.execute({ orgId, limit: 10, after: 'nonsense' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('UpdateEntitlement', () => {
  it('switches a provisioned entitlement off and on, auditing each move', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const entitlement = await sut.grant(orgId, companyId);
    await sut.provision(orgId, entitlement.id);
    sut.clock.advanceSeconds(60);

    const off = await sut.updateEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: entitlement.id, status: 'disconnected' });
    expect(off).toMatchObject({ status: 'disconnected', provisioningState: 'connected', updatedAt: sut.clock.now() });
    const again = await sut.updateEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: entitlement.id, status: 'disconnected' });
    expect(again.status).toBe('disconnected');
    const on = await sut.updateEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: entitlement.id, status: 'connected' });
    expect(on.status).toBe('connected');
    expect((await sut.entitlements.findById(orgId, entitlement.id))?.status).toBe('connected');

    expect(sut.auditLog.entriesFor('entitlement.updated', 'success').map((entry) => entry.detail)).toEqual([
      { from: 'connected', to: 'disconnected' },
      { from: 'disconnected', to: 'disconnected' },
      { from: 'disconnected', to: 'connected' },
    ]);
  });

  it('refuses to connect what provisioning has not, and to disconnect what never connected, changing nothing', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const entitlement = await sut.grant(orgId, companyId);

    await expect(
      sut.updateEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: entitlement.id, status: 'connected' }),
    ).rejects.toBeInstanceOf(EntitlementNotProvisionedError);
    await expect(
      sut.updateEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: entitlement.id, status: 'disconnected' }),
    ).rejects.toBeInstanceOf(IllegalEntitlementTransitionError);

    expect(await sut.entitlements.findById(orgId, entitlement.id)).toEqual(entitlement);
    expect(sut.auditLog.entriesFor('entitlement.updated', 'failure').map((entry) => entry.detail)).toEqual([
      { code: 'entitlement_not_provisioned' },
      { code: 'illegal_entitlement_transition' },
    ]);
  });

  it('answers EntitlementNotFoundError for an entitlement of another organization and leaves it alone', async () => {
    const sut = makeEntitlementSut();
    const { orgId } = await sut.companyOf();
    const foreignSide = await sut.companyOf();
    const foreign = await sut.grant(foreignSide.orgId, foreignSide.companyId);
    await sut.provision(foreignSide.orgId, foreign.id);

    await expect(
      sut.updateEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: foreign.id, status: 'disconnected' }),
    ).rejects.toBeInstanceOf(EntitlementNotFoundError);
    expect((await sut.entitlements.findById(foreignSide.orgId, foreign.id))?.status).toBe('connected');
  });
});

describe('DeleteEntitlement', () => {
  it('soft-deletes and audits; a second delete is not found', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const entitlement = await sut.grant(orgId, companyId);
    sut.clock.advanceSeconds(5);

    await sut.deleteEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: entitlement.id });

    expect(await sut.entitlements.findById(orgId, entitlement.id)).toBeNull();
    expect(sut.entitlements.allRows().find((row) => row.id === entitlement.id)?.deletedAt).toEqual(sut.clock.now());
    expect(sut.auditLog.entriesFor('entitlement.deleted', 'success')).toHaveLength(1);
    await expect(sut.deleteEntitlement.execute({ context: SUPER_ADMIN, orgId, entitlementId: entitlement.id })).rejects.toBeInstanceOf(
      EntitlementNotFoundError,
    );
  });

  it('goes with its company', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const keep = (await sut.company(orgId)).id;
    await sut.grant(orgId, companyId, 'email_outreach');
    await sut.grant(orgId, companyId, 'linkedin_outreach', 'heyreach');
    const kept = await sut.grant(orgId, keep);

    await sut.deleteCompany.execute({ context: SUPER_ADMIN, orgId, companyId });

    expect((await sut.listEntitlements.execute({ orgId, limit: 10 })).items.map((entitlement) => entitlement.id)).toEqual([kept.id]);
    expect(sut.auditLog.entriesFor('company.delete', 'success')[0]?.detail).toEqual({ deleted_users: 0, deleted_entitlements: 2 });
  });
});

describe('requireConnectedEntitlement', () => {
  it('answers the connected entitlement, and capability-worded errors otherwise', async () => {
    const sut = makeEntitlementSut();
    const { orgId, companyId } = await sut.companyOf();
    const entitlement = await sut.grant(orgId, companyId);

    const missing = await rejectionOf(requireConnectedEntitlement(sut.entitlements, orgId, companyId, 'linkedin_outreach'));
    expect(missing).toBeInstanceOf(CapabilityNotEntitledError);
    expect(missing.message).toBe('This company has no LinkedIn outreach entitlement.');
    const unconnected = await rejectionOf(requireConnectedEntitlement(sut.entitlements, orgId, companyId, 'email_outreach'));
    expect(unconnected).toBeInstanceOf(CapabilityNotConnectedError);

    await sut.provision(orgId, entitlement.id);
    await expect(requireConnectedEntitlement(sut.entitlements, orgId, companyId, 'email_outreach')).resolves.toMatchObject({ id: entitlement.id });
  });
});

describe('SetProviderCredentials', () => {
  it('stores the credentials and audits the provider by id and the settings by name only', async () => {
    const sut = makeEntitlementSut();
    const orgId = await sut.organization();
    const apiKey = 'sk-live-do-not-log-me';

    const provider = await sut.setProviderCredentials.execute({
      context: SUPER_ADMIN,
      orgId,
      providerSlug: 'instantly',
      config: { api_key: apiKey, workspace_id: 'ws-9' },
    });
    await sut.setProviderCredentials.execute({ context: SUPER_ADMIN, orgId, providerSlug: 'instantly', config: { api_key: `${apiKey}-2` } });

    expect(provider.slug).toBe('instantly');
    expect(await sut.credentials.findFor(orgId, PROVIDER_IDS.instantly)).toEqual({ apiKey: `${apiKey}-2`, workspaceId: null });
    const entries = sut.auditLog.entriesFor('provider_credentials.set', 'success');
    expect(entries.map((entry) => entry.detail)).toEqual([
      { provider_id: PROVIDER_IDS.instantly, settings: ['api_key', 'workspace_id'], replaced: false },
      { provider_id: PROVIDER_IDS.instantly, settings: ['api_key'], replaced: true },
    ]);
    expect(entries[0]).toMatchObject({ orgId, targetType: 'organization', targetId: orgId, actor: SUPER_ADMIN.actor });
    const text = JSON.stringify(sut.auditLog.entries);
    expect(text).not.toContain(apiKey);
    expect(text).not.toMatch(PROVIDER_NAMES_HIDDEN_FROM_TENANTS);
  });

  it('refuses an unknown organization, an unknown provider and a bad config, storing nothing', async () => {
    const sut = makeEntitlementSut();
    const orgId = await sut.organization();
    const attempt = (target: string, providerSlug: string, config: Record<string, unknown>) =>
      rejectionOf(sut.setProviderCredentials.execute({ context: SUPER_ADMIN, orgId: target, providerSlug, config }));

    expect(await attempt(UNKNOWN_ID, 'smartlead', { api_key: 'k' })).toBeInstanceOf(OrganizationNotFoundError);
    expect(await attempt(orgId, 'lemlist', { api_key: 'k' })).toMatchObject({ code: 'unknown_provider', kind: 'invalid_input' });
    expect(await attempt(orgId, 'smartlead', { api_key: '' })).toBeInstanceOf(InvalidProviderConfigError);
    expect(await attempt(orgId, 'smartlead', { api_key: 'k', workspace_id: 'ws' })).toBeInstanceOf(InvalidProviderConfigError);

    expect(await sut.credentials.providerIdsWithCredentials(orgId)).toEqual(new Set());
    expect(sut.auditLog.entriesFor('provider_credentials.set', 'failure').map((entry) => entry.detail)).toEqual([
      { code: 'organization_not_found' },
      { code: 'unknown_provider' },
      { code: 'invalid_provider_config' },
      { code: 'invalid_provider_config' },
    ]);
  });

  it('keeps the previous credentials when the audit row cannot be written', async () => {
    const sut = makeEntitlementSut();
    const orgId = await sut.organization();
    await sut.setKey(orgId, 'smartlead', 'first-key');
    sut.auditLog.failNextRecord();

    await expect(sut.setKey(orgId, 'smartlead', 'second-key')).rejects.toThrow();

    expect(await sut.credentials.findFor(orgId, PROVIDER_IDS.smartlead)).toEqual({ apiKey: 'first-key', workspaceId: null });
  });
});

describe('ResealProviderCredentials', () => {
  it('re-seals what an older key sealed, audits how many, and is a no-op when repeated', async () => {
    const sut = makeEntitlementSut();
    const [first, second] = [await sut.organization(), await sut.organization()];
    await sut.setKey(first, 'smartlead');
    await sut.setKey(second, 'heyreach');
    sut.credentials.activeKeyId = 'fake-key-2';
    await sut.setKey(second, 'instantly');

    expect(await sut.resealProviderCredentials.execute({ context: SUPER_ADMIN })).toBe(2);
    expect(await sut.resealProviderCredentials.execute({ context: SUPER_ADMIN })).toBe(0);

    for (const [orgId, provider] of [[first, PROVIDER_IDS.smartlead], [second, PROVIDER_IDS.heyreach], [second, PROVIDER_IDS.instantly]] as const) {
      expect(sut.credentials.keyIdOf(orgId, provider)).toBe('fake-key-2');
    }
    expect(sut.auditLog.entriesFor('provider_credentials.reseal', 'success').map((entry) => [entry.orgId, entry.detail])).toEqual([
      [null, { resealed: 2 }],
      [null, { resealed: 0 }],
    ]);
  });
});
