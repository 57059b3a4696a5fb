import { describe, expect, it } from 'vitest';
import type { CampaignLeadRepository } from '../../../application/outreach/leads/campaign-lead.repository.js';
import type { SuppressionList } from '../../../application/outreach/leads/suppression-list.port.js';
import type { CampaignMessageRepository } from '../../../application/outreach/messages/campaign-message.repository.js';
import { ProjectWebhookEvent } from '../../../application/webhooks/project-webhook-event.js';
import type { ParsedWebhookEvent } from '../../../application/webhooks/provider-webhook.port.js';
import type { StoredWebhookEvent, WebhookEventStore } from '../../../application/webhooks/webhook-event.store.js';
import { FixedClock, ImmediateTransactionRunner, InMemoryCampaignRepository, InMemorySenderAccountRepository } from '../../support/fakes/index.js';

const ORG = '00000000-0000-4000-8000-0000000000a1';
const PROVIDER = '0c0a0002-0000-4000-8000-000000000001';

const EVENT: ParsedWebhookEvent = {
  eventKey: 'k-1',
  providerEventType: 'EMAIL_OPEN',
  canonicalType: 'opened',
  occurredAt: new Date('2030-01-01T00:00:00Z'),
  campaignExternalId: 'ext-1',
  lead: { email: 'a@x.test', externalId: null, profileUrl: null },
  message: null,
  category: null,
  campaignStatus: null,
  hardBounce: false,
  clientId: null,
  senderAccount: null,
};

/** Records what the projector tells the store, with one stored event to hand out. */
class RecordingEventStore implements Pick<WebhookEventStore, 'findForProjection' | 'finishProjection' | 'recordProjectionFailure'> {
  readonly finished: unknown[] = [];
  readonly failures: unknown[] = [];

  constructor(private stored: StoredWebhookEvent | null) {}

  async findForProjection(): Promise<StoredWebhookEvent | null> {
    return this.stored;
  }

  async finishProjection(id: string, outcome: { status: string; reason: string | null; companyId: string | null }): Promise<void> {
    this.finished.push({ id, ...outcome });
    if (this.stored) this.stored = { ...this.stored, status: outcome.status as StoredWebhookEvent['status'] };
  }

  async recordProjectionFailure(id: string, failure: { reason: string; deadLetter: boolean }): Promise<void> {
    this.failures.push({ id, ...failure });
  }
}

function makeSut(stored: StoredWebhookEvent | null, options: { campaignsFail?: boolean; senderAccounts?: InMemorySenderAccountRepository } = {}) {
  const events = new RecordingEventStore(stored);
  const campaigns = new InMemoryCampaignRepository();
  if (options.campaignsFail) campaigns.findByExternalIdForUpdate = () => Promise.reject(new Error('connection reset'));
  const unused = () => Promise.reject(new Error('not reached'));
  const projector = new ProjectWebhookEvent(
    events as unknown as WebhookEventStore,
    campaigns,
    { findByEmailForUpdate: unused } as unknown as CampaignLeadRepository,
    {} as CampaignMessageRepository,
    {} as SuppressionList,
    options.senderAccounts ?? new InMemorySenderAccountRepository(),
    new ImmediateTransactionRunner(),
    new FixedClock(new Date('2030-01-02T00:00:00Z')),
  );
  return { events, projector };
}

const received = (overrides: Partial<StoredWebhookEvent> = {}): StoredWebhookEvent => ({
  id: 'e-1',
  providerId: PROVIDER,
  orgId: ORG,
  status: 'received',
  event: EVENT,
  projectionAttempts: 0,
  receivedAt: new Date('2030-01-01T00:05:00Z'),
  ...overrides,
});

describe('ProjectWebhookEvent', () => {
  it('records a failed attempt as failed while retries remain, and rethrows so the queue retries', async () => {
    const { events, projector } = makeSut(received(), { campaignsFail: true });
    await expect(projector.execute({ eventId: 'e-1', lastAttempt: false })).rejects.toThrow('connection reset');
    expect(events.failures).toEqual([{ id: 'e-1', reason: 'Error', deadLetter: false }]);
    expect(events.finished).toEqual([]);
  });

  it('dead-letters the event with its reason on the last attempt', async () => {
    const { events, projector } = makeSut(received(), { campaignsFail: true });
    await expect(projector.execute({ eventId: 'e-1', lastAttempt: true })).rejects.toThrow('connection reset');
    expect(events.failures).toEqual([{ id: 'e-1', reason: 'Error', deadLetter: true }]);
  });

  it('skips an event already projected or ignored, so a replayed job changes nothing', async () => {
    for (const status of ['projected', 'ignored'] as const) {
      const { events, projector } = makeSut(received({ status }));
      await projector.execute({ eventId: 'e-1', lastAttempt: false });
      expect(events.finished).toEqual([]);
    }
  });

  it('ignores, with the reason, events no organization claims and events for campaigns it does not hold', async () => {
    const unattributed = makeSut(received({ orgId: null }));
    await unattributed.projector.execute({ eventId: 'e-1', lastAttempt: false });
    expect(unattributed.events.finished).toEqual([{ id: 'e-1', status: 'ignored', reason: 'unattributed: no organization holds the campaign or sending account this event names', companyId: null }]);

    const unknownCampaign = makeSut(received());
    await unknownCampaign.projector.execute({ eventId: 'e-1', lastAttempt: false });
    expect(unknownCampaign.events.finished).toEqual([{ id: 'e-1', status: 'ignored', reason: 'unknown campaign: no campaign of the organization has this id', companyId: null }]);
  });
});

describe('ProjectWebhookEvent on an account error', () => {
  const OTHER_ORG = '00000000-0000-4000-8000-0000000000b2';
  const COMPANY = '00000000-0000-4000-8000-0000000000c1';
  const SYNCED_AT = new Date('2029-12-31T00:00:00Z');
  const REPORTED_AT = new Date('2030-01-01T00:00:00Z');

  /** Inboxes '90211' (sam@) and '90212' (kim@) synced active for ORG, and '90211' for OTHER_ORG too. */
  async function syncedInboxes(): Promise<InMemorySenderAccountRepository> {
    const accounts = new InMemorySenderAccountRepository();
    const listing = [
      { externalAccountId: '90211', email: 'sam@acme.test', displayName: null, active: true },
      { externalAccountId: '90212', email: 'kim@acme.test', displayName: null, active: true },
    ];
    for (const orgId of [ORG, OTHER_ORG]) await accounts.syncInboxes({ orgId, companyId: COMPANY, providerId: PROVIDER, accounts: listing, at: SYNCED_AT });
    return accounts;
  }

  const accountError = (senderAccount: ParsedWebhookEvent['senderAccount'], occurredAt: Date | null = REPORTED_AT): StoredWebhookEvent =>
    received({ event: { ...EVENT, canonicalType: 'account_error', campaignExternalId: null, lead: null, occurredAt, senderAccount } });

  const inboxesOf = (accounts: InMemorySenderAccountRepository, orgId: string) =>
    Object.fromEntries(accounts.allInboxes().filter((inbox) => inbox.orgId === orgId).map((inbox) => [inbox.externalAccountId, [inbox.status, inbox.statusReason]]));

  it("marks the organization's inbox inactive with the provider's words, and no other organization's", async () => {
    const accounts = await syncedInboxes();
    const { events, projector } = makeSut(accountError({ channel: 'email', externalId: '90211', email: 'sam@acme.test', error: 'Invalid login: 535-5.7.8' }), { senderAccounts: accounts });
    await projector.execute({ eventId: 'e-1', lastAttempt: false });

    expect(events.finished).toEqual([{ id: 'e-1', status: 'projected', reason: null, companyId: COMPANY }]);
    expect(inboxesOf(accounts, ORG)).toEqual({ '90211': ['inactive', 'connection error reported: Invalid login: 535-5.7.8'], '90212': ['active', null] });
    expect(inboxesOf(accounts, OTHER_ORG)).toEqual({ '90211': ['active', null], '90212': ['active', null] });
    expect(accounts.allInboxes().find((inbox) => inbox.orgId === ORG && inbox.externalAccountId === '90211')?.statusObservedAt).toEqual(REPORTED_AT);
  });

  it('finds the inbox by address when the provider names none by id, and counts an undated error from its arrival', async () => {
    const accounts = await syncedInboxes();
    const { events, projector } = makeSut(accountError({ channel: 'email', externalId: null, email: 'KIM@acme.test', error: null }, null), { senderAccounts: accounts });
    await projector.execute({ eventId: 'e-1', lastAttempt: false });

    expect(events.finished).toEqual([{ id: 'e-1', status: 'projected', reason: null, companyId: COMPANY }]);
    expect(inboxesOf(accounts, ORG)['90212']).toEqual(['inactive', 'connection error reported']);
    expect(accounts.allInboxes().find((inbox) => inbox.orgId === ORG && inbox.externalAccountId === '90212')?.statusObservedAt).toEqual(new Date('2030-01-01T00:05:00Z'));
  });

  it('leaves an inbox alone when a sync saw it after the error was reported', async () => {
    const accounts = await syncedInboxes();
    const { events, projector } = makeSut(accountError({ channel: 'email', externalId: '90211', email: null, error: 'boom' }, new Date('2029-12-30T00:00:00Z')), { senderAccounts: accounts });
    await projector.execute({ eventId: 'e-1', lastAttempt: false });

    expect(events.finished).toEqual([{ id: 'e-1', status: 'ignored', reason: 'stale: the inbox was synced after this error was reported', companyId: COMPANY }]);
    expect(inboxesOf(accounts, ORG)['90211']).toEqual(['active', null]);
  });

  it('ignores, with the reason, an unknown inbox, an event naming none, and a LinkedIn sender', async () => {
    const cases: [ParsedWebhookEvent['senderAccount'], string][] = [
      [{ channel: 'email', externalId: '99999', email: 'sam@acme.test', error: null }, 'unknown sending account: no inbox of the organization has this id or address'],
      [null, 'the event names no sending account'],
      [{ channel: 'linkedin', externalId: '90211', email: null, error: null }, 'no local state to change for a linkedin account error'],
    ];
    for (const [senderAccount, reason] of cases) {
      const accounts = await syncedInboxes();
      const { events, projector } = makeSut(accountError(senderAccount), { senderAccounts: accounts });
      await projector.execute({ eventId: 'e-1', lastAttempt: false });
      expect(events.finished).toEqual([{ id: 'e-1', status: 'ignored', reason, companyId: null }]);
      expect(inboxesOf(accounts, ORG)).toEqual({ '90211': ['active', null], '90212': ['active', null] });
    }
  });
});
