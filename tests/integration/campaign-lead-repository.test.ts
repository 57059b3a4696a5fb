import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmCampaignRepository } from '../../adapters/persistence/outreach/mikro-orm-campaign.repository.js';
import { PostgresCampaignLeadRepository } from '../../adapters/persistence/outreach/postgres-campaign-lead.repository.js';
import { PostgresLeadImportRepository } from '../../adapters/persistence/outreach/postgres-lead-import.repository.js';
import { PostgresSuppressionList } from '../../adapters/persistence/outreach/postgres-suppression-list.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import type { CampaignKey, NewLead } from '../../application/outreach/leads/campaign-lead.repository.js';
import { Campaign } from '../../domain/outreach/campaign.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

const SMARTLEAD = '0c0a0002-0000-4000-8000-000000000001';

let orm: MikroORM;
let leads: PostgresCampaignLeadRepository;
let imports: PostgresLeadImportRepository;
let suppressions: PostgresSuppressionList;
let campaigns: MikroOrmCampaignRepository;
let transactions: MikroOrmTransactionRunner;
let rows: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  leads = new PostgresCampaignLeadRepository(orm);
  imports = new PostgresLeadImportRepository(orm);
  suppressions = new PostgresSuppressionList(orm);
  campaigns = new MikroOrmCampaignRepository(orm);
  transactions = new MikroOrmTransactionRunner(orm);
  rows = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

function lead(email: string, overrides: Partial<NewLead> = {}): NewLead {
  return { email, firstName: 'Ada', lastName: null, companyName: 'Acme', title: null, phone: null, linkedinUrl: null, customFields: { tier: 'gold' }, ...overrides };
}

async function campaignKey(orgId?: string, companyId?: string): Promise<CampaignKey> {
  const org = orgId ?? (await rows.organization()).id;
  const company = companyId ?? (await rows.company(org)).id;
  const campaign = Campaign.draft({ id: randomUUID(), orgId: org, companyId: company, providerId: SMARTLEAD, name: 'Leads', createdByUserId: null, now: new Date() });
  await transactions.run(() => campaigns.add(campaign));
  return { orgId: org, companyId: company, campaignId: campaign.id };
}

/** Stores leads with their import, as AddCampaignLeads does: leads first, then the import row. */
async function store(key: CampaignKey, batch: NewLead[]) {
  const importId = randomUUID();
  return transactions.run(async () => {
    const outcome = await leads.insertNew(key, batch, { importJobId: importId, at: new Date() });
    await imports.add({ id: importId, ...key, submitted: batch.length, added: outcome.inserted, duplicatesInRequest: 0, alreadyInCampaign: outcome.alreadyInCampaign, suppressed: outcome.suppressed, createdByUserId: null, createdAt: new Date() });
    return { importId, outcome };
  });
}

describe('PostgresCampaignLeadRepository', () => {
  it('stores new leads once, skips the campaign\'s existing ones and the company\'s suppressed addresses', async () => {
    const key = await campaignKey();
    await suppressions.add(key.orgId, key.companyId, [{ email: 'gone@x.test', reason: 'unsubscribed', sourceCampaignId: null }], new Date());
    const first = await store(key, [lead('a@x.test'), lead('b@x.test'), lead('gone@x.test')]);
    expect(first.outcome).toEqual({ inserted: 2, alreadyInCampaign: 0, suppressed: 1 });

    const second = await store(key, [lead('a@x.test'), lead('c@x.test')]);
    expect(second.outcome).toEqual({ inserted: 1, alreadyInCampaign: 1, suppressed: 0 });

    const page = await leads.list(key.orgId, key.campaignId, {}, { limit: 10 });
    expect(page.items.map((stored) => stored.email)).toEqual(['a@x.test', 'b@x.test', 'c@x.test']);
    expect(page.items[0]).toMatchObject({ status: 'pending', syncState: 'pending', firstName: 'Ada', companyName: 'Acme', customFields: { tier: 'gold' }, externalLeadId: null });
  });

  it('suppresses per company: another company of the organization may still add the address', async () => {
    const org = await rows.organization();
    const keyA = await campaignKey(org.id);
    const keyB = await campaignKey(org.id);
    await suppressions.add(org.id, keyA.companyId, [{ email: 'shared@x.test', reason: 'hard_bounce', sourceCampaignId: keyA.campaignId }], new Date());
    expect((await store(keyA, [lead('shared@x.test')])).outcome.suppressed).toBe(1);
    expect((await store(keyB, [lead('shared@x.test')])).outcome.inserted).toBe(1);
    expect(await suppressions.isSuppressed(org.id, keyA.companyId, 'shared@x.test')).toBe(true);
    expect(await suppressions.isSuppressed(org.id, keyB.companyId, 'shared@x.test')).toBe(false);
  });

  it('writes inside the surrounding transaction: a rolled-back import leaves no lead behind', async () => {
    const key = await campaignKey();
    await expect(
      transactions.run(async () => {
        await leads.insertNew(key, [lead('rolled@x.test')], { importJobId: null, at: new Date() });
        throw new Error('abandon the import');
      }),
    ).rejects.toThrow('abandon the import');
    expect((await leads.list(key.orgId, key.campaignId, {}, { limit: 10 })).items).toEqual([]);
  });

  it('hands over pending leads by import, oldest first, never unsubscribed ones, and marks them active with their provider ids', async () => {
    const key = await campaignKey();
    const first = await store(key, [lead('p1@x.test'), lead('p2@x.test')]);
    const second = await store(key, [lead('p3@x.test')]);
    const ofFirst = await leads.findPending(key.orgId, key.campaignId, 10, first.importId);
    expect(ofFirst.map((pending) => pending.email)).toEqual(['p1@x.test', 'p2@x.test']);
    await leads.setStatus(key.orgId, key.campaignId, ofFirst[1]!.id, 'unsubscribed', new Date());
    // Left behind: only leads of imports that ended; queued or running ones hand over their own.
    expect(await leads.findPending(key.orgId, key.campaignId, 10, null)).toEqual([]);
    await imports.recordFailure(key.orgId, first.importId, { reason: 'unavailable', retrying: false }, new Date());
    expect((await leads.findPending(key.orgId, key.campaignId, 10, null)).map((pending) => pending.email)).toEqual(['p1@x.test']);
    await imports.recordFailure(key.orgId, second.importId, { reason: 'unavailable', retrying: false }, new Date());
    expect((await leads.findPending(key.orgId, key.campaignId, 10, null)).map((pending) => pending.email)).toEqual(['p1@x.test', 'p3@x.test']);
    expect(await leads.countPending(key.orgId, key.campaignId)).toBe(3);

    await leads.markSynced(key.orgId, key.campaignId, [{ leadId: ofFirst[0]!.id, externalLeadId: 'ext-1' }], new Date());
    const synced = await leads.findById(key.orgId, key.campaignId, ofFirst[0]!.id);
    expect(synced).toMatchObject({ status: 'active', syncState: 'synced', externalLeadId: 'ext-1' });
    expect((await leads.findPending(key.orgId, key.campaignId, 10, second.importId)).map((pending) => pending.email)).toEqual(['p3@x.test']);
    expect((await leads.list(key.orgId, key.campaignId, { status: 'unsubscribed' }, { limit: 10 })).items.map((found) => found.email)).toEqual(['p2@x.test']);
  });

  it('locks a lead for the rest of a transaction: a second reader waits and then sees the first one\'s change', async () => {
    const key = await campaignKey();
    await store(key, [lead('locked@x.test')]);
    const [target] = (await leads.list(key.orgId, key.campaignId, {}, { limit: 1 })).items;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];

    const first = transactions.run(async () => {
      await leads.findByIdForUpdate(key.orgId, key.campaignId, target!.id);
      order.push('first locked');
      await held;
      await leads.setStatus(key.orgId, key.campaignId, target!.id, 'unsubscribed', new Date());
      order.push('first wrote');
    });
    while (!order.includes('first locked')) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = transactions.run(async () => {
      const seen = await leads.findByIdForUpdate(key.orgId, key.campaignId, target!.id);
      order.push(`second saw ${seen!.status}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await Promise.all([first, second]);

    expect(order).toEqual(['first locked', 'first wrote', 'second saw unsubscribed']);
  });

  it('keeps organizations apart: another org\'s ids find nothing', async () => {
    const key = await campaignKey();
    await store(key, [lead('mine@x.test')]);
    const [mine] = (await leads.list(key.orgId, key.campaignId, {}, { limit: 1 })).items;
    const other = await rows.organization();
    expect(await leads.findById(other.id, key.campaignId, mine!.id)).toBeNull();
    expect((await leads.list(other.id, key.campaignId, {}, { limit: 10 })).items).toEqual([]);
    expect(await leads.findById(key.orgId, key.campaignId, 'not-a-uuid')).toBeNull();
  });
});

describe('PostgresLeadImportRepository', () => {
  it('adds progress atomically and records a retrying failure, then a final one', async () => {
    const key = await campaignKey();
    const { importId } = await store(key, [lead('i1@x.test'), lead('i2@x.test')]);
    await imports.markRunning(key.orgId, importId, new Date());
    await Promise.all([imports.addProgress(key.orgId, importId, { pushed: 1, rejected: 0 }, new Date()), imports.addProgress(key.orgId, importId, { pushed: 1, rejected: 1 }, new Date())]);
    await imports.recordFailure(key.orgId, importId, { reason: 'Email outreach is temporarily unavailable.', retrying: true }, new Date());
    expect(await imports.findById(key.orgId, key.campaignId, importId)).toMatchObject({ status: 'queued', pushed: 2, rejectedByProvider: 1, attempts: 1, finishedAt: null });
    await imports.recordFailure(key.orgId, importId, { reason: 'x'.repeat(800), retrying: false }, new Date());
    const failed = await imports.findById(key.orgId, key.campaignId, importId);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed!.lastError).toHaveLength(500);
    expect(failed!.finishedAt).toBeInstanceOf(Date);
    await imports.markCompleted(key.orgId, importId, new Date());
    expect(await imports.findById(key.orgId, key.campaignId, importId)).toMatchObject({ status: 'completed', lastError: null });
  });
});
