import { describe, expect, it } from 'vitest';
import type { CampaignLeadRepository } from '../../../application/outreach/leads/campaign-lead.repository.js';
import type { SuppressionList } from '../../../application/outreach/leads/suppression-list.port.js';
import type { CampaignMessageRepository } from '../../../application/outreach/messages/campaign-message.repository.js';
import { ProjectWebhookEvent } from '../../../application/webhooks/project-webhook-event.js';
import type { ParsedWebhookEvent } from '../../../application/webhooks/provider-webhook.port.js';
import type { StoredWebhookEvent, WebhookEventStore } from '../../../application/webhooks/webhook-event.store.js';
import { FixedClock, ImmediateTransactionRunner, InMemoryCampaignRepository } from '../../support/fakes/index.js';

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

function makeSut(stored: StoredWebhookEvent | null, options: { campaignsFail?: boolean } = {}) {
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
    expect(unattributed.events.finished).toEqual([{ id: 'e-1', status: 'ignored', reason: 'unattributed: no organization holds the campaign this event names', companyId: null }]);

    const unknownCampaign = makeSut(received());
    await unknownCampaign.projector.execute({ eventId: 'e-1', lastAttempt: false });
    expect(unknownCampaign.events.finished).toEqual([{ id: 'e-1', status: 'ignored', reason: 'unknown campaign: no campaign of the organization has this id', companyId: null }]);
  });
});
