import { describe, expect, it } from 'vitest';
import type { CampaignCaller } from '../../../application/outreach/campaigns/campaign-caller.js';
import { ProviderCampaignLink } from '../../../application/outreach/campaigns/provider-campaign-link.js';
import { CapabilityConnections } from '../../../application/outreach/capability-connections.js';
import type { EmailOutreachProvider, EmailSequenceStep } from '../../../application/outreach/email-outreach-provider.port.js';
import { ProviderCallError, type ProviderFailureKind } from '../../../application/outreach/provider-call-error.js';
import { ProviderRegistry } from '../../../application/outreach/provider-registry.js';
import { GetCampaignSequence } from '../../../application/outreach/sequences/get-campaign-sequence.js';
import { GetSequenceVersion } from '../../../application/outreach/sequences/get-sequence-version.js';
import { ListSequenceVersions } from '../../../application/outreach/sequences/list-sequence-versions.js';
import { SaveCampaignSequence } from '../../../application/outreach/sequences/save-campaign-sequence.js';
import type { SequenceVersionRepository, SequenceVersionSummary } from '../../../application/outreach/sequences/sequence-version.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { CapabilityNotConnectedError } from '../../../domain/entitlements/entitlement-errors.js';
import { Campaign } from '../../../domain/outreach/campaign.js';
import { CampaignNotFoundError, SequenceLockedError } from '../../../domain/outreach/campaign-errors.js';
import type { CampaignStatus } from '../../../domain/outreach/campaign-status.js';
import type { SequenceStepDraft, SequenceVersion } from '../../../domain/outreach/sequence.js';
import { InvalidSequenceError, SequenceVersionConflictError, SequenceVersionNotFoundError } from '../../../domain/outreach/sequence-errors.js';
import { InMemoryCampaignRepository, type Restore, type SnapshotableStore } from '../../support/fakes/index.js';
import { makeEntitlementSut } from '../application/entitlements-sut.js';
import { asUser } from '../application/tenancy-sut.js';

// ---- in-memory stores ----------------------------------------------------------------------------

class InMemorySequenceVersionRepository implements SequenceVersionRepository, SnapshotableStore {
  private rows: SequenceVersion[] = [];

  get all(): readonly SequenceVersion[] {
    return [...this.rows];
  }

  async latest(orgId: string, campaignId: string): Promise<SequenceVersion | null> {
    return this.of(orgId, campaignId).at(-1) ?? null;
  }

  async find(orgId: string, campaignId: string, version: number): Promise<SequenceVersion | null> {
    return this.of(orgId, campaignId).find((row) => row.version === version) ?? null;
  }

  async list(orgId: string, campaignId: string, page: PageRequest): Promise<Page<SequenceVersionSummary>> {
    const before = page.after === undefined ? Number.POSITIVE_INFINITY : Number(page.after);
    const newest = this.of(orgId, campaignId)
      .reverse()
      .filter((row) => row.version < before);
    const items = newest.slice(0, page.limit).map((row) => ({
      campaignId: row.campaignId,
      version: row.version,
      stepCount: row.steps.length,
      createdByUserId: row.createdByUserId,
      createdAt: row.createdAt,
    }));
    return { items, nextCursor: newest.length > page.limit ? String(items.at(-1)!.version) : null };
  }

  async append(version: SequenceVersion): Promise<void> {
    if (this.rows.some((row) => row.campaignId === version.campaignId && row.version === version.version)) throw new SequenceVersionConflictError(version.version);
    this.rows.push(structuredClone(version));
  }

  snapshot(): Restore {
    const saved = [...this.rows];
    return () => {
      this.rows = saved;
    };
  }

  private of(orgId: string, campaignId: string): SequenceVersion[] {
    return this.rows.filter((row) => row.orgId === orgId && row.campaignId === campaignId).sort((a, b) => a.version - b.version);
  }
}

// ---- a fake provider: the only fake of something that is not ours ----------------------------------

function unused(name: string): () => Promise<never> {
  return () => Promise.reject(new Error(`${name} is not part of sequences`));
}

function providerFailure(kind: ProviderFailureKind, operation: string): ProviderCallError {
  return new ProviderCallError({ capability: 'email_outreach', kind, operation, httpStatus: kind === 'server_error' ? 503 : 400, attempts: 2 });
}

/**
 * A provider with ids, like one that keeps step statistics: it replaces the whole sequence on
 * save, keeps the id of every step and variant sent with one and numbers the new ones.
 */
class FakeSequenceProvider {
  readonly sequences = new Map<string, EmailSequenceStep[]>();
  readonly saves: { campaignId: string; steps: readonly EmailSequenceStep[] }[] = [];
  readonly calls: string[] = [];
  private readonly failures = new Map<string, Error[]>();
  private nextId = 100;
  /** Runs after a save was stored, before it answers: lets a test race it. */
  afterSave: () => void = () => {};

  failNext(operation: 'saveSequence' | 'getSequence' | 'createCampaign', error: Error): void {
    this.failures.set(operation, [...(this.failures.get(operation) ?? []), error]);
  }

  readonly adapter: EmailOutreachProvider = {
    checkCredentials: unused('checkCredentials'),
    listSendingAccounts: unused('listSendingAccounts'),
    createCampaign: async (_connection, input) => {
      this.call('createCampaign');
      const externalId = `camp-${this.id()}`;
      this.sequences.set(externalId, []);
      return { externalId, name: input.name, status: 'DRAFTED' };
    },
    getCampaign: unused('getCampaign'),
    findCampaignsByName: async () => {
      this.call('findCampaignsByName');
      return [];
    },
    setCampaignStatus: unused('setCampaignStatus'),
    getSequence: async (_connection, campaignId) => {
      this.call('getSequence');
      return structuredClone(this.sequences.get(campaignId) ?? []);
    },
    saveSequence: async (_connection, campaignId, steps) => {
      this.call('saveSequence');
      this.saves.push({ campaignId, steps: structuredClone(steps) });
      const stored = steps.map((step) => ({
        ...step,
        externalId: step.externalId ?? this.id(),
        variants: step.variants.map((variant) => ({ ...variant, externalId: variant.externalId ?? this.id() })),
      }));
      this.sequences.set(campaignId, stored);
      this.afterSave();
      return structuredClone(stored);
    },
    addLeads: unused('addLeads'),
    listLeads: unused('listLeads'),
    pauseLead: unused('pauseLead'),
    resumeLead: unused('resumeLead'),
    unsubscribeLead: unused('unsubscribeLead'),
    listLeadMessages: unused('listLeadMessages'),
    getCampaignStatistics: unused('getCampaignStatistics'),
  };

  private call(operation: string): void {
    this.calls.push(operation);
    const failure = this.failures.get(operation)?.shift();
    if (failure) throw failure;
  }

  private id(): string {
    this.nextId += 1;
    return String(this.nextId);
  }
}

// ---- the system under test ----------------------------------------------------------------------

async function makeSut() {
  const base = makeEntitlementSut();
  const { entitlements, catalogue, credentials, audited, ids, clock, transactions, auditLog } = base;
  const campaigns = new InMemoryCampaignRepository();
  const versions = new InMemorySequenceVersionRepository();
  transactions.register(campaigns).register(versions);
  const provider = new FakeSequenceProvider();
  const registry = new ProviderRegistry(new Map([['smartlead', { adapter: provider.adapter, clientMapping: 'required' as const }]]), new Map());
  const connections = new CapabilityConnections(entitlements, catalogue, credentials, registry);
  const link = new ProviderCampaignLink(campaigns, transactions, clock);

  const { orgId, companyId } = await base.companyOf();
  const entitlement = await base.grant(orgId, companyId);
  await base.provision(orgId, entitlement.id);
  await base.setKey(orgId, 'smartlead');
  const other = await base.companyOf();
  const companyAdmin: CampaignCaller = { orgId, userId: ids.next(), role: 'company_admin', companyId };
  const otherCompanyAdmin: CampaignCaller = { orgId, userId: ids.next(), role: 'company_admin', companyId: (await base.company(orgId)).id };
  const otherOrgAdmin: CampaignCaller = { orgId: other.orgId, userId: ids.next(), role: 'org_admin', companyId: null };

  const save = new SaveCampaignSequence(campaigns, versions, connections, link, audited, ids, clock);
  const get = new GetCampaignSequence(campaigns, versions, connections);

  return {
    ...base,
    orgId,
    companyId,
    entitlementId: entitlement.id,
    campaigns,
    versions,
    provider,
    auditLog,
    companyAdmin,
    otherCompanyAdmin,
    otherOrgAdmin,
    listVersions: new ListSequenceVersions(campaigns, versions),
    getVersion: new GetSequenceVersion(campaigns, versions),
    /** A draft campaign of the company, not yet created at the provider. */
    async campaign(status: CampaignStatus = 'DRAFTED'): Promise<Campaign> {
      const campaign = Campaign.draft({ id: ids.next(), orgId, companyId, providerId: entitlement.providerId, name: 'Q3', createdByUserId: companyAdmin.userId, now: clock.now() });
      campaign.status = status;
      await campaigns.add(campaign);
      return campaign;
    },
    save(campaignId: string, steps: readonly SequenceStepDraft[], caller: CampaignCaller = companyAdmin) {
      return save.execute({ context: asUser(caller.userId), caller, campaignId, steps });
    },
    get(campaignId: string, caller: CampaignCaller = companyAdmin) {
      return get.execute({ caller, campaignId });
    },
    async disconnect(): Promise<void> {
      const stored = await entitlements.findById(orgId, entitlement.id);
      stored!.requestStatus('disconnected', clock.now());
      await entitlements.save(stored!);
    },
  };
}

type Sut = Awaited<ReturnType<typeof makeSut>>;

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const V1: SequenceStepDraft[] = [
  { stepNumber: 1, delayDays: 0, subject: 'Quick question', body: 'Hi {{first_name}}' },
  {
    stepNumber: 2,
    delayDays: 3,
    variants: [
      { label: 'A', body: 'Following up', distributionPercent: 60 },
      { label: 'B', body: 'Circling back', distributionPercent: 40 },
    ],
  },
];

const V2: SequenceStepDraft[] = [
  { stepNumber: 1, delayDays: 0, subject: 'A sharper subject', body: 'Hi {{first_name}}' },
  {
    stepNumber: 2,
    delayDays: 4,
    variants: [
      { label: 'A', body: 'Following up' },
      { label: 'B', body: 'Circling back' },
      { label: 'C', body: 'One more idea' },
    ],
  },
  { stepNumber: 3, delayDays: 7, body: 'Closing the loop' },
];

/** A campaign with version 1 saved (and so created at the provider). */
async function savedCampaign(sut: Sut): Promise<Campaign> {
  const campaign = await sut.campaign();
  await sut.save(campaign.id, V1);
  return (await sut.campaigns.findById(sut.orgId, campaign.id))!;
}

// ---- SaveCampaignSequence ----------------------------------------------------------------------

describe('SaveCampaignSequence', () => {
  it('creates the campaign at the provider when needed, stores the sequence there and records what it stored as version 1', async () => {
    const sut = await makeSut();
    const campaign = await sut.campaign();

    const saved = await sut.save(campaign.id, V1);

    const stored = await sut.campaigns.findById(sut.orgId, campaign.id);
    expect(stored).toMatchObject({ syncState: 'synced', externalCampaignId: expect.stringMatching(/^camp-/) });
    // A campaign stored earlier may already exist there from a lost answer: it is looked up first.
    expect(sut.provider.calls).toEqual(['findCampaignsByName', 'createCampaign', 'saveSequence']);
    expect(saved).toMatchObject({ campaignId: campaign.id, source: 'provider', version: 1, staleReason: null, updatedAt: sut.clock.now() });
    expect(saved.steps.map((step) => [step.stepNumber, step.delayDays, step.subject, step.body])).toEqual([
      [1, 0, 'Quick question', 'Hi {{first_name}}'],
      [2, 3, '', 'Following up'],
    ]);
    // The provider's ids are kept for the next save.
    expect(saved.steps.every((step) => step.externalId !== null)).toBe(true);
    const [version] = sut.versions.all;
    expect(version).toMatchObject({ version: 1, orgId: sut.orgId, companyId: sut.companyId, campaignId: campaign.id, createdByUserId: sut.companyAdmin.userId });
    expect(version?.steps).toEqual(saved.steps);
    expect(sut.auditLog.entriesFor('campaign.sequence.save', 'success')).toEqual([
      expect.objectContaining({ targetType: 'campaign', targetId: campaign.id, orgId: sut.orgId, detail: { version: 1, step_count: 2 } }),
    ]);
  });

  it('sends the ids of the previous version back, steps by number and variants by label, and records version 2', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    const first = sut.versions.all[0]!;

    const second = await sut.save(campaign.id, V2);

    const sent = sut.provider.saves[1]!.steps;
    expect(sent.map((step) => step.externalId)).toEqual([first.steps[0]!.externalId, first.steps[1]!.externalId, null]);
    expect(sent[1]!.variants.map((variant) => variant.externalId)).toEqual([first.steps[1]!.variants[0]!.externalId, first.steps[1]!.variants[1]!.externalId, null]);
    expect(second.version).toBe(2);
    expect(second.steps.map((step) => step.externalId)).toEqual([first.steps[0]!.externalId, first.steps[1]!.externalId, expect.any(String)]);
    expect(sut.versions.all.map((version) => version.version)).toEqual([1, 2]);
    expect(sut.provider.calls.filter((call) => call === 'createCampaign')).toHaveLength(1);
  });

  it('takes a new sequence while PAUSED', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    sut.campaigns.setStatus(campaign.id, 'PAUSED');

    await expect(sut.save(campaign.id, V2)).resolves.toMatchObject({ version: 2 });
  });

  it.each(['ACTIVE', 'STOPPED', 'COMPLETED'] as const)('refuses a campaign that is %s before reaching the provider', async (status) => {
    const sut = await makeSut();
    const campaign = await sut.campaign(status);

    const error = await rejectionOf(sut.save(campaign.id, V1));

    expect(error).toBeInstanceOf(SequenceLockedError);
    expect(error).toMatchObject({ code: 'sequence_locked', kind: 'conflict' });
    expect(sut.provider.calls).toEqual([]);
    expect(sut.versions.all).toEqual([]);
  });

  it('refuses a sequence that breaks the rules before reaching the provider', async () => {
    const sut = await makeSut();
    const campaign = await sut.campaign();

    const error = await rejectionOf(sut.save(campaign.id, [{ stepNumber: 1, delayDays: 2, body: 'No subject' }]));

    expect(error).toBeInstanceOf(InvalidSequenceError);
    expect((error as InvalidSequenceError).problems.map((problem) => problem.type)).toEqual(['first_step_delay', 'subject_required']);
    expect(sut.provider.calls).toEqual([]);
  });

  it('stores nothing when the provider fails, records the failure, and a retry then succeeds', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    sut.provider.failNext('saveSequence', providerFailure('server_error', 'sequence.save'));

    const error = await rejectionOf(sut.save(campaign.id, V2));

    expect(error).toBeInstanceOf(ProviderCallError);
    expect(sut.versions.all.map((version) => version.version)).toEqual([1]);
    expect(sut.auditLog.entriesFor('campaign.sequence.save', 'failure')).toEqual([
      expect.objectContaining({ targetId: campaign.id, detail: { failure_kind: 'server_error' } }),
    ]);

    await expect(sut.save(campaign.id, V2)).resolves.toMatchObject({ version: 2 });
  });

  it('stores nothing when the campaign cannot be created at the provider', async () => {
    const sut = await makeSut();
    const campaign = await sut.campaign();
    sut.provider.failNext('createCampaign', providerFailure('timeout', 'campaign.create'));

    await expect(sut.save(campaign.id, V1)).rejects.toBeInstanceOf(ProviderCallError);

    expect(sut.versions.all).toEqual([]);
    expect(await sut.campaigns.findById(sut.orgId, campaign.id)).toMatchObject({ syncState: 'failed' });
    await expect(sut.save(campaign.id, V1)).resolves.toMatchObject({ version: 1 });
  });

  it('records the version the provider stored even when the campaign was launched meanwhile', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    sut.provider.afterSave = () => sut.campaigns.setStatus(campaign.id, 'ACTIVE');

    await expect(sut.save(campaign.id, V2)).resolves.toMatchObject({ version: 2 });

    expect(sut.versions.all.map((version) => version.version)).toEqual([1, 2]);
    expect(sut.auditLog.entriesFor('campaign.sequence.save', 'success')).toHaveLength(2);
  });

  it('refuses when the capability is not connected', async () => {
    const sut = await makeSut();
    const campaign = await sut.campaign();
    await sut.disconnect();

    await expect(sut.save(campaign.id, V1)).rejects.toBeInstanceOf(CapabilityNotConnectedError);
    expect(sut.provider.calls).toEqual([]);
  });

  it("answers not found for another company's or organization's caller, touching nothing", async () => {
    const sut = await makeSut();
    const campaign = await sut.campaign();

    await expect(sut.save(campaign.id, V1, sut.otherCompanyAdmin)).rejects.toBeInstanceOf(CampaignNotFoundError);
    await expect(sut.save(campaign.id, V1, sut.otherOrgAdmin)).rejects.toBeInstanceOf(CampaignNotFoundError);
    expect(sut.provider.calls).toEqual([]);
  });
});

// ---- GetCampaignSequence -----------------------------------------------------------------------

describe('GetCampaignSequence', () => {
  it('reads the sequence live from the provider, with the latest version number', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    sut.clock.advanceSeconds(60);

    const read = await sut.get(campaign.id);

    expect(read).toMatchObject({ source: 'provider', version: 1, staleReason: null, updatedAt: sut.versions.all[0]!.createdAt });
    expect(read.steps).toEqual(sut.provider.sequences.get(campaign.externalCampaignId!));
  });

  it('shows edits made at the provider: a live read is not the snapshot', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    const live = sut.provider.sequences.get(campaign.externalCampaignId!)!;
    sut.provider.sequences.set(campaign.externalCampaignId!, [{ ...live[0]!, subject: 'Edited over there' }]);

    const read = await sut.get(campaign.id);

    expect(read.steps.map((step) => step.subject)).toEqual(['Edited over there']);
    expect(read.version).toBe(1);
  });

  it.each(['server_error', 'auth_rejected', 'not_found'] as const)('answers the latest snapshot, saying why, when the provider fails with %s', async (kind) => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    sut.provider.failNext('getSequence', providerFailure(kind, 'sequence.get'));

    const read = await sut.get(campaign.id);

    expect(read).toMatchObject({ source: 'snapshot', version: 1, steps: sut.versions.all[0]!.steps });
    expect(read.staleReason).toMatch(/^Email outreach /);
    expect(read.staleReason).toMatch(/latest version saved/);
    expect(read.staleReason).not.toMatch(/smartlead|instantly|heyreach/i);
  });

  it('answers the latest snapshot when the capability is no longer connected', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    await sut.disconnect();

    const read = await sut.get(campaign.id);

    expect(read).toMatchObject({ source: 'snapshot', version: 1 });
    expect(read.staleReason).toContain('not connected');
  });

  it('lets the failure answer when there is no snapshot to fall back on', async () => {
    const sut = await makeSut();
    const campaign = await sut.campaign();
    await sut.campaigns.save(Object.assign(campaign, { externalCampaignId: 'camp-elsewhere', syncState: 'synced' }));
    sut.provider.failNext('getSequence', providerFailure('server_error', 'sequence.get'));

    await expect(sut.get(campaign.id)).rejects.toMatchObject({ kind: 'server_error', transient: true });
    await sut.disconnect();
    await expect(sut.get(campaign.id)).rejects.toBeInstanceOf(CapabilityNotConnectedError);
  });

  it('reads a sequence made at the provider without any saved version as version null', async () => {
    const sut = await makeSut();
    const campaign = await sut.campaign();
    await sut.campaigns.save(Object.assign(campaign, { externalCampaignId: 'camp-elsewhere', syncState: 'synced' }));

    await expect(sut.get(campaign.id)).resolves.toMatchObject({ source: 'provider', version: null, steps: [], updatedAt: campaign.updatedAt });
  });

  it('answers an empty snapshot without calling the provider for a campaign not created there yet', async () => {
    const sut = await makeSut();
    const campaign = await sut.campaign();

    const read = await sut.get(campaign.id);

    expect(read).toMatchObject({ source: 'snapshot', version: null, steps: [], updatedAt: campaign.updatedAt });
    expect(read.staleReason).toContain('not been created at email outreach');
    expect(sut.provider.calls).toEqual([]);
  });

  it("answers not found for another company's or organization's caller", async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);

    await expect(sut.get(campaign.id, sut.otherCompanyAdmin)).rejects.toBeInstanceOf(CampaignNotFoundError);
    await expect(sut.get(campaign.id, sut.otherOrgAdmin)).rejects.toBeInstanceOf(CampaignNotFoundError);
  });
});

// ---- history -----------------------------------------------------------------------------------

describe('ListSequenceVersions and GetSequenceVersion', () => {
  it('lists versions newest first, page by page, and answers each one with its steps', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);
    sut.clock.advanceSeconds(1);
    await sut.save(campaign.id, V2);
    sut.clock.advanceSeconds(1);
    await sut.save(campaign.id, V1);

    const first = await sut.listVersions.execute({ caller: sut.companyAdmin, campaignId: campaign.id, limit: 2 });
    const second = await sut.listVersions.execute({ caller: sut.companyAdmin, campaignId: campaign.id, limit: 2, after: first.nextCursor! });

    expect(first.items.map((item) => [item.version, item.stepCount])).toEqual([
      [3, 2],
      [2, 3],
    ]);
    expect(second).toEqual({ items: [expect.objectContaining({ version: 1, stepCount: 2, createdByUserId: sut.companyAdmin.userId })], nextCursor: null });
    const two = await sut.getVersion.execute({ caller: sut.companyAdmin, campaignId: campaign.id, version: 2 });
    expect(two.steps.map((step) => step.body)).toEqual(['Hi {{first_name}}', 'Following up', 'Closing the loop']);
  });

  it('answers not found for a version that does not exist and for callers who may not see the campaign', async () => {
    const sut = await makeSut();
    const campaign = await savedCampaign(sut);

    await expect(sut.getVersion.execute({ caller: sut.companyAdmin, campaignId: campaign.id, version: 2 })).rejects.toBeInstanceOf(SequenceVersionNotFoundError);
    await expect(sut.getVersion.execute({ caller: sut.otherCompanyAdmin, campaignId: campaign.id, version: 1 })).rejects.toBeInstanceOf(CampaignNotFoundError);
    await expect(sut.listVersions.execute({ caller: sut.otherOrgAdmin, campaignId: campaign.id, limit: 10 })).rejects.toBeInstanceOf(CampaignNotFoundError);
  });
});
