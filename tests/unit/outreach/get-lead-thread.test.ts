import { describe, expect, it } from 'vitest';
import type { CampaignCaller } from '../../../application/outreach/campaigns/campaign-caller.js';
import type { CampaignRepository } from '../../../application/outreach/campaigns/campaign.repository.js';
import type { CapabilityConnections, ConnectedCapability } from '../../../application/outreach/capability-connections.js';
import type { EmailOutreachProvider, ProviderEmailMessage } from '../../../application/outreach/email-outreach-provider.port.js';
import type { CampaignLeadRepository } from '../../../application/outreach/leads/campaign-lead.repository.js';
import type { CampaignMessage, CampaignMessageRepository, MessageSighting } from '../../../application/outreach/messages/campaign-message.repository.js';
import { GetLeadThread } from '../../../application/outreach/messages/get-lead-thread.js';
import { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import { OperationNotSupportedError } from '../../../application/outreach/require-supported.js';
import { CapabilityNotConnectedError, CapabilityNotEntitledError } from '../../../domain/entitlements/entitlement-errors.js';
import { Campaign } from '../../../domain/outreach/campaign.js';
import { CampaignNotFoundError } from '../../../domain/outreach/campaign-errors.js';
import type { CampaignLead, LeadStatus } from '../../../domain/outreach/campaign-lead.js';
import { LeadNotFoundError } from '../../../domain/outreach/lead-errors.js';
import { FixedClock, ImmediateTransactionRunner } from '../../support/fakes/index.js';

const ORG = '0190a000-0000-7000-8000-000000000001';
const COMPANY = '0190a000-0000-7000-8000-000000000002';
const OTHER_COMPANY = '0190a000-0000-7000-8000-000000000003';
const CAMPAIGN = '0190a000-0000-7000-8000-000000000004';
const LEAD = '0190a000-0000-7000-8000-000000000005';

const member: CampaignCaller = { orgId: ORG, userId: '0190a000-0000-7000-8000-000000000009', role: 'company_member', companyId: COMPANY };

function unused(name: string): () => never {
  return () => {
    throw new Error(`${name} is not part of reading a thread`);
  };
}

function syncedCampaign(companyId = COMPANY): Campaign {
  const campaign = Campaign.draft({ id: CAMPAIGN, orgId: ORG, companyId, providerId: 'provider', name: 'Q3', createdByUserId: null, now: new Date('2030-01-01T00:00:00Z') });
  campaign.markCreatedAtProvider('ext-77', new Date('2030-01-01T00:00:00Z'));
  return campaign;
}

function lead(status: LeadStatus, syncState: CampaignLead['syncState'] = 'synced'): CampaignLead {
  return {
    id: LEAD, orgId: ORG, companyId: COMPANY, campaignId: CAMPAIGN, email: 'ana@prospect.test', firstName: null, lastName: null, companyName: null,
    title: null, phone: null, linkedinUrl: null, customFields: {}, status, category: null, externalLeadId: '991', syncState,
    createdAt: new Date('2030-01-01T00:00:00Z'), updatedAt: new Date('2030-01-01T00:00:00Z'),
  };
}

function providerMessage(externalId: string, direction: ProviderEmailMessage['direction'], at: string): ProviderEmailMessage {
  return { externalId, direction, sentAt: new Date(at), subject: 'Hi', body: 'Body', fromAddress: null, toAddress: null, stepNumber: direction === 'outbound' ? 1 : null };
}

/** Stores sightings by (campaign, external id), as the unique key does; snapshots for rollbacks. */
class InMemoryMessages implements CampaignMessageRepository {
  rows = new Map<string, CampaignMessage>();
  upserts = 0;

  snapshot() {
    const saved = new Map(this.rows);
    return () => {
      this.rows = saved;
    };
  }

  async upsertMany(campaign: { orgId: string; companyId: string; campaignId: string }, messages: readonly MessageSighting[], at: Date) {
    this.upserts += 1;
    let inserted = 0;
    for (const message of messages) {
      const key = `${campaign.campaignId}/${message.externalId}`;
      if (!this.rows.has(key)) inserted += 1;
      this.rows.set(key, {
        ...message, id: `id-${message.externalId}`, orgId: campaign.orgId, companyId: campaign.companyId, campaignId: campaign.campaignId, createdAt: at, updatedAt: at,
      });
    }
    return { inserted, updated: messages.length - inserted };
  }

  async thread(orgId: string, campaignId: string, leadId: string) {
    return [...this.rows.values()]
      .filter((message) => message.orgId === orgId && message.campaignId === campaignId && message.leadId === leadId)
      .sort((left, right) => left.sentAt.getTime() - right.sentAt.getTime());
  }

  listReplies = unused('listReplies');
  feed = unused('feed');
}

function makeSut(options: { campaign?: Campaign; lead?: CampaignLead | null; connect?: () => Promise<ConnectedCapability<EmailOutreachProvider>> } = {}) {
  const campaign = options.campaign ?? syncedCampaign();
  const stored = options.lead === undefined ? lead('active') : options.lead;
  const statusChanges: LeadStatus[] = [];
  const providerCalls: string[] = [];
  let observed: readonly ProviderEmailMessage[] = [];
  let failure: Error | null = null;

  const campaigns: CampaignRepository = {
    findById: async (orgId, id) => (orgId === campaign.orgId && id === campaign.id ? campaign : null),
    findByIdForUpdate: unused('findByIdForUpdate'),
    findByExternalIdForUpdate: unused('findByExternalIdForUpdate'),
    add: unused('add'),
    save: unused('save'),
    list: unused('list'),
  };
  const leads: CampaignLeadRepository = {
    findById: async (orgId, campaignId, leadId) => (stored && orgId === stored.orgId && campaignId === stored.campaignId && leadId === stored.id ? stored : null),
    findByIdForUpdate: async (orgId, campaignId, leadId) => (stored && orgId === stored.orgId && campaignId === stored.campaignId && leadId === stored.id ? stored : null),
    setStatus: async (_orgId, _campaignId, _leadId, status) => {
      statusChanges.push(status);
    },
    insertNew: unused('insertNew'),
    findByEmailForUpdate: unused('findByEmailForUpdate'),
    setCategory: unused('setCategory'),
    list: unused('list'),
    findPending: unused('findPending'),
    countPending: unused('countPending'),
    markSynced: unused('markSynced'),
    markRejected: unused('markRejected'),
  };
  const adapter = {
    listLeadMessages: async (_connection: unknown, campaignId: string, ref: { externalId: string | null; email: string }) => {
      providerCalls.push(`${campaignId}:${ref.externalId}:${ref.email}`);
      if (failure) throw failure;
      return observed;
    },
  } as unknown as EmailOutreachProvider;
  const connected = { adapter, connection: { apiKey: 'key', workspaceId: null, clientId: null } } as unknown as ConnectedCapability<EmailOutreachProvider>;
  const connections: Pick<CapabilityConnections, 'emailOutreachForCampaign'> = { emailOutreachForCampaign: options.connect ?? (async () => connected) };
  const messages = new InMemoryMessages();
  const transactions = new ImmediateTransactionRunner(messages);
  const useCase = new GetLeadThread(campaigns, leads, messages, connections, transactions, new FixedClock(new Date('2030-02-01T00:00:00Z')));

  return {
    useCase,
    messages,
    transactions,
    statusChanges,
    providerCalls,
    providerAnswers: (messagesSeen: readonly ProviderEmailMessage[]) => {
      observed = messagesSeen;
    },
    providerFails: (error: Error) => {
      failure = error;
    },
    read: (caller: CampaignCaller = member) => useCase.execute({ caller, campaignId: CAMPAIGN, leadId: LEAD }),
  };
}

describe('GetLeadThread', () => {
  it('refreshes from the provider by the lead\'s provider id and address, stores once, and answers the stored thread oldest first', async () => {
    const sut = makeSut();
    sut.providerAnswers([providerMessage('m2', 'inbound', '2030-01-03T00:00:00Z'), providerMessage('m1', 'outbound', '2030-01-02T00:00:00Z')]);

    const first = await sut.read();
    const second = await sut.read();

    expect(first.source).toEqual({ kind: 'provider' });
    expect(first.messages.map((message) => message.externalId)).toEqual(['m1', 'm2']);
    expect(second.messages).toEqual(first.messages);
    expect(sut.messages.rows.size).toBe(2);
    expect(sut.providerCalls).toEqual(['ext-77:991:ana@prospect.test', 'ext-77:991:ana@prospect.test']);
    expect(sut.transactions.commits).toBe(2);
  });

  it('moves a lead that replied to replied, and leaves one without a reply alone', async () => {
    const replied = makeSut({ lead: lead('active') });
    replied.providerAnswers([providerMessage('r', 'inbound', '2030-01-03T00:00:00Z')]);
    await replied.read();
    expect(replied.statusChanges).toEqual(['replied']);

    const silent = makeSut({ lead: lead('active') });
    silent.providerAnswers([providerMessage('s', 'outbound', '2030-01-03T00:00:00Z')]);
    await silent.read();
    expect(silent.statusChanges).toEqual([]);
  });

  it.each(['unsubscribed', 'bounced', 'replied', 'not_interested'] as const)('never moves a %s lead back to replied', async (status) => {
    const sut = makeSut({ lead: lead(status) });
    sut.providerAnswers([providerMessage('r', 'inbound', '2030-01-03T00:00:00Z')]);
    await sut.read();
    expect(sut.statusChanges).toEqual([]);
  });

  it.each([
    ['capability_unavailable', new ProviderCallError({ capability: 'email_outreach', kind: 'server_error', operation: 'lead.messages', httpStatus: 503, attempts: 2 })],
    ['capability_credentials_rejected', new ProviderCallError({ capability: 'email_outreach', kind: 'auth_rejected', operation: 'lead.messages', httpStatus: 401, attempts: 1 })],
    ['capability_failed', new ProviderCallError({ capability: 'email_outreach', kind: 'not_found', operation: 'lead.messages', httpStatus: 404, attempts: 1 })],
    ['operation_not_supported', new OperationNotSupportedError('lead_messages', 'email_outreach')],
  ])('serves the stored thread when the provider answers %s', async (reason, error) => {
    const sut = makeSut();
    sut.providerAnswers([providerMessage('kept', 'outbound', '2030-01-02T00:00:00Z')]);
    await sut.read();
    sut.providerFails(error);

    const thread = await sut.read();

    expect(thread.source).toEqual({ kind: 'local', reason });
    expect(thread.messages.map((message) => message.externalId)).toEqual(['kept']);
    expect(sut.messages.upserts).toBe(1);
  });

  it.each([
    ['capability_not_connected', new CapabilityNotConnectedError('email_outreach')],
    ['capability_not_entitled', new CapabilityNotEntitledError('email_outreach')],
  ])('serves the stored thread when the capability is %s, without a provider call', async (reason, error) => {
    const sut = makeSut({ connect: () => Promise.reject(error) });
    expect((await sut.read()).source).toEqual({ kind: 'local', reason });
    expect(sut.providerCalls).toEqual([]);
  });

  it('does not ask the provider about a campaign or a lead it does not hold yet', async () => {
    const draft = Campaign.draft({ id: CAMPAIGN, orgId: ORG, companyId: COMPANY, providerId: 'provider', name: 'Q3', createdByUserId: null, now: new Date() });
    const unsyncedCampaign = makeSut({ campaign: draft });
    expect((await unsyncedCampaign.read()).source).toEqual({ kind: 'local', reason: 'campaign_not_synced' });
    const pendingLead = makeSut({ lead: lead('pending', 'pending') });
    expect((await pendingLead.read()).source).toEqual({ kind: 'local', reason: 'lead_not_synced' });
    expect([...unsyncedCampaign.providerCalls, ...pendingLead.providerCalls]).toEqual([]);
  });

  it('lets failures that are not about reaching the provider through', async () => {
    const sut = makeSut();
    sut.providerFails(new Error('a bug'));
    await expect(sut.read()).rejects.toThrow('a bug');
  });

  it('answers not found for a campaign of another company and for a lead the campaign does not have', async () => {
    await expect(makeSut({ campaign: syncedCampaign(OTHER_COMPANY) }).read()).rejects.toBeInstanceOf(CampaignNotFoundError);
    await expect(makeSut({ lead: null }).read()).rejects.toBeInstanceOf(LeadNotFoundError);
  });
});
