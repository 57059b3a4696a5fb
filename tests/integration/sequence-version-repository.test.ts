import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmCampaignRepository } from '../../adapters/persistence/outreach/mikro-orm-campaign.repository.js';
import { PostgresSequenceVersionRepository } from '../../adapters/persistence/outreach/postgres-sequence-version.repository.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { InvalidCursorError } from '../../application/shared/pagination.js';
import { Campaign } from '../../domain/outreach/campaign.js';
import { SequenceVersion, type SequenceStep } from '../../domain/outreach/sequence.js';
import { SequenceVersionConflictError } from '../../domain/outreach/sequence-errors.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

/** Catalogue id seeded by migration 0003. */
const SMARTLEAD = '0c0a0002-0000-4000-8000-000000000001';

let orm: MikroORM;
let repository: PostgresSequenceVersionRepository;
let campaigns: MikroOrmCampaignRepository;
let transactions: MikroOrmTransactionRunner;
let rows: TenantRows;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  repository = new PostgresSequenceVersionRepository(orm);
  campaigns = new MikroOrmCampaignRepository(orm);
  transactions = new MikroOrmTransactionRunner(orm);
  rows = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

async function storedCampaign(orgId?: string): Promise<Campaign> {
  const org = orgId ?? (await rows.organization()).id;
  const company = await rows.company(org);
  const campaign = Campaign.draft({ id: randomUUID(), orgId: org, companyId: company.id, providerId: SMARTLEAD, name: 'Q3', createdByUserId: null, now: new Date() });
  await transactions.run(() => campaigns.add(campaign));
  return campaign;
}

const STEPS: SequenceStep[] = [
  { externalId: '5001', stepNumber: 1, delayDays: 0, subject: 'Quick question', body: '<p>Hi {{first_name}}</p>', variants: [] },
  {
    externalId: '5002',
    stepNumber: 2,
    delayDays: 3,
    subject: '',
    body: 'Following up',
    variants: [
      { externalId: '9001', label: 'A', subject: '', body: 'Following up', distributionPercent: 70 },
      { externalId: null, label: 'B', subject: 'Another angle', body: 'Circling back', distributionPercent: 30 },
    ],
  },
];

function versionOf(campaign: Campaign, version: number, steps: readonly SequenceStep[] = STEPS, createdAt = new Date(Date.UTC(2030, 0, version))): SequenceVersion {
  return new SequenceVersion(randomUUID(), campaign.orgId, campaign.companyId, campaign.id, version, steps, null, createdAt);
}

describe('PostgresSequenceVersionRepository', () => {
  it('stores a version and gives it back exactly: steps, variants, provider ids, author and time', async () => {
    const campaign = await storedCampaign();
    const author = await rows.user(campaign.orgId);
    const version = new SequenceVersion(randomUUID(), campaign.orgId, campaign.companyId, campaign.id, 1, STEPS, author.id, new Date('2030-02-03T04:05:06.789Z'));

    await transactions.run(() => repository.append(version));

    expect(await repository.latest(campaign.orgId, campaign.id)).toEqual(version);
    expect(await repository.find(campaign.orgId, campaign.id, 1)).toEqual(version);
  });

  it('answers the newest version as the latest, and nothing for a campaign without one', async () => {
    const campaign = await storedCampaign();
    expect(await repository.latest(campaign.orgId, campaign.id)).toBeNull();

    for (const number of [1, 2, 3]) await repository.append(versionOf(campaign, number, STEPS.slice(0, number === 2 ? 1 : 2)));

    expect(await repository.latest(campaign.orgId, campaign.id)).toMatchObject({ version: 3 });
    expect(await repository.find(campaign.orgId, campaign.id, 2)).toMatchObject({ version: 2, steps: [STEPS[0]] });
    expect(await repository.find(campaign.orgId, campaign.id, 4)).toBeNull();
  });

  it('keeps organizations apart and treats malformed ids as unknown', async () => {
    const campaign = await storedCampaign();
    const otherOrg = await rows.organization();
    await repository.append(versionOf(campaign, 1));

    expect(await repository.latest(otherOrg.id, campaign.id)).toBeNull();
    expect(await repository.find(otherOrg.id, campaign.id, 1)).toBeNull();
    expect(await repository.list(otherOrg.id, campaign.id, { limit: 10 })).toEqual({ items: [], nextCursor: null });
    expect(await repository.latest(campaign.orgId, 'not-a-uuid')).toBeNull();
    expect(await repository.find(campaign.orgId, campaign.id, 2 ** 40)).toBeNull();
  });

  it('refuses a version number already taken for the campaign, leaving the first one as it was', async () => {
    const campaign = await storedCampaign();
    const first = versionOf(campaign, 1);
    await repository.append(first);

    const racing = transactions.run(() => repository.append(versionOf(campaign, 1, [STEPS[0]!])));

    await expect(racing).rejects.toBeInstanceOf(SequenceVersionConflictError);
    await expect(racing).rejects.toMatchObject({ code: 'sequence_version_conflict', kind: 'conflict' });
    expect(await repository.latest(campaign.orgId, campaign.id)).toEqual(first);
  });

  it('writes inside the open transaction: a rollback leaves no version, and the campaign lock does not block the insert', async () => {
    const campaign = await storedCampaign();

    const rolledBack = transactions.run(async () => {
      // The save use case appends while holding the campaign row locked; the insert must use that same transaction.
      await campaigns.findByIdForUpdate(campaign.orgId, campaign.id);
      await repository.append(versionOf(campaign, 1));
      expect(await repository.latest(campaign.orgId, campaign.id)).toMatchObject({ version: 1 });
      throw new Error('roll back');
    });

    await expect(rolledBack).rejects.toThrow('roll back');
    expect(await repository.latest(campaign.orgId, campaign.id)).toBeNull();
  });

  it('refuses, by constraint, a version pointing at a campaign of another company', async () => {
    const campaign = await storedCampaign();
    const otherCompany = await rows.company(campaign.orgId);
    const misfiled = new SequenceVersion(randomUUID(), campaign.orgId, otherCompany.id, campaign.id, 1, STEPS, null, new Date());

    await expect(repository.append(misfiled)).rejects.toThrow(/campaign_sequence_versions_campaign_fkey/);
  });

  it('lists versions newest first with their step counts, page by page, and refuses a foreign cursor', async () => {
    const campaign = await storedCampaign();
    for (const number of [1, 2, 3, 4, 5]) await repository.append(versionOf(campaign, number, STEPS.slice(0, number % 2 === 0 ? 1 : 2)));

    const first = await repository.list(campaign.orgId, campaign.id, { limit: 2 });
    const second = await repository.list(campaign.orgId, campaign.id, { limit: 2, after: first.nextCursor! });
    const third = await repository.list(campaign.orgId, campaign.id, { limit: 2, after: second.nextCursor! });

    expect([first, second, third].map((page) => page.items.map((item) => [item.version, item.stepCount]))).toEqual([
      [
        [5, 2],
        [4, 1],
      ],
      [
        [3, 2],
        [2, 1],
      ],
      [[1, 2]],
    ]);
    expect(third.nextCursor).toBeNull();
    expect(first.items[0]).toEqual({ campaignId: campaign.id, version: 5, stepCount: 2, createdByUserId: null, createdAt: new Date(Date.UTC(2030, 0, 5)) });
    await expect(repository.list(campaign.orgId, campaign.id, { limit: 2, after: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
