import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresCampaignMessageRepository } from '../../adapters/persistence/outreach/postgres-campaign-message.repository.js';
import { entityManagerFor } from '../../adapters/persistence/shared/entity-manager.js';
import type { CampaignMessage, MessageSighting } from '../../application/outreach/messages/campaign-message.repository.js';
import { InvalidCursorError, type Page } from '../../application/shared/pagination.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { campaignRows, keyOf } from './support/campaign-rows.js';

let orm: MikroORM;
let messages: PostgresCampaignMessageRepository;
let rows: ReturnType<typeof campaignRows>;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  messages = new PostgresCampaignMessageRepository(orm);
  rows = campaignRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

const T0 = Date.parse('2031-05-01T09:00:00.000Z');
const minutes = (count: number) => new Date(T0 + count * 60_000);

function sighting(externalId: string, overrides: Partial<MessageSighting> = {}): MessageSighting {
  return {
    leadId: null,
    externalId,
    direction: 'outbound',
    sentAt: minutes(0),
    stepNumber: 1,
    subject: 'Quick question',
    body: 'Hello there',
    fromAddress: 'sender@acme.test',
    toAddress: 'lead@prospect.test',
    ...overrides,
  };
}

async function companyWithCampaign(options: { createdByUserId?: string } = {}) {
  const org = await rows.tenants.organization();
  const company = await rows.tenants.company(org.id);
  const campaign = await rows.campaign(org.id, company.id, options);
  return { org, company, campaign };
}

/** Every page of a list, following its cursors. */
async function allPages(read: (after: string | undefined) => Promise<Page<CampaignMessage>>): Promise<CampaignMessage[]> {
  const seen: CampaignMessage[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await read(after);
    seen.push(...page.items);
    if (page.nextCursor === null) return seen;
    after = page.nextCursor;
  }
  throw new Error('the cursor never ended');
}

describe('PostgresCampaignMessageRepository.upsertMany', () => {
  it('stores each message once however often it is seen, and rewrites nothing unchanged', async () => {
    const { campaign } = await companyWithCampaign();
    const [lead] = await rows.leadsOf(keyOf(campaign), ['ana@prospect.test']);
    const batch = [
      sighting('<m1@mail>', { leadId: lead!.id, sentAt: minutes(0) }),
      sighting('<m2@mail>', { leadId: lead!.id, direction: 'inbound', stepNumber: null, subject: 'Re: Quick question', sentAt: minutes(5) }),
    ];

    expect(await messages.upsertMany(keyOf(campaign), batch, minutes(10))).toEqual({ inserted: 2, updated: 0 });
    expect(await messages.upsertMany(keyOf(campaign), batch, minutes(20))).toEqual({ inserted: 0, updated: 0 });

    const thread = await messages.thread(campaign.orgId, campaign.id, lead!.id);
    expect(thread.map((message) => message.externalId)).toEqual(['<m1@mail>', '<m2@mail>']);
    // Seeing it again brought nothing new: the rows keep their first write.
    expect(thread.every((message) => message.updatedAt.getTime() === minutes(10).getTime())).toBe(true);

    const edited = await messages.upsertMany(keyOf(campaign), [sighting('<m1@mail>', { leadId: lead!.id, subject: 'Quick question (v2)' })], minutes(30));
    expect(edited).toEqual({ inserted: 0, updated: 1 });
    const [first] = await messages.thread(campaign.orgId, campaign.id, lead!.id);
    expect(first).toMatchObject({ subject: 'Quick question (v2)', updatedAt: minutes(30), createdAt: minutes(10) });
  });

  it('keeps what a sparser sighting does not know (a webhook after a refresh)', async () => {
    const { campaign } = await companyWithCampaign();
    const [lead] = await rows.leadsOf(keyOf(campaign), ['bo@prospect.test']);
    await messages.upsertMany(keyOf(campaign), [sighting('<r1@mail>', { leadId: lead!.id, direction: 'inbound', body: 'Sounds good', stepNumber: 2 })], minutes(1));

    const sparse = sighting('<r1@mail>', { leadId: null, direction: 'unknown', body: null, subject: null, stepNumber: null, fromAddress: null, toAddress: null });
    await messages.upsertMany(keyOf(campaign), [sparse], minutes(2));

    const [stored] = await messages.thread(campaign.orgId, campaign.id, lead!.id);
    expect(stored).toMatchObject({ leadId: lead!.id, direction: 'inbound', body: 'Sounds good', subject: 'Quick question', stepNumber: 2, fromAddress: 'sender@acme.test' });
  });

  it('keeps the last sighting of a message named twice in one batch', async () => {
    const { campaign } = await companyWithCampaign();
    const outcome = await messages.upsertMany(keyOf(campaign), [sighting('<dup@mail>', { subject: 'first' }), sighting('<dup@mail>', { subject: 'second' })], minutes(1));
    expect(outcome).toEqual({ inserted: 1, updated: 0 });
    const page = await messages.feed(campaign.orgId, { scope: { kind: 'organization' } }, { limit: 10 });
    expect(page.items.map((message) => message.subject)).toEqual(['second']);
  });

  it('never ties a message to a lead of another campaign', async () => {
    const { org, company, campaign } = await companyWithCampaign();
    const other = await rows.campaign(org.id, company.id);
    const [foreignLead] = await rows.leadsOf(keyOf(other), ['cy@prospect.test']);
    await messages.upsertMany(keyOf(campaign), [sighting('<x@mail>', { leadId: foreignLead!.id }), sighting('<y@mail>', { leadId: randomUUID() })], minutes(1));
    const page = await messages.feed(org.id, { scope: { kind: 'organization' }, campaignId: campaign.id }, { limit: 10 });
    expect(page.items.map((message) => message.leadId)).toEqual([null, null]);
  });

  it('keeps the same provider message id apart in two campaigns', async () => {
    const { org, company, campaign } = await companyWithCampaign();
    const other = await rows.campaign(org.id, company.id);
    await messages.upsertMany(keyOf(campaign), [sighting('<shared@mail>')], minutes(1));
    expect(await messages.upsertMany(keyOf(other), [sighting('<shared@mail>')], minutes(1))).toEqual({ inserted: 1, updated: 0 });
  });

  it('stores a thousand messages in one statement', async () => {
    const { campaign } = await companyWithCampaign();
    const batch = Array.from({ length: 1000 }, (_, index) => sighting(`<bulk-${index}@mail>`, { sentAt: minutes(index) }));
    expect(await messages.upsertMany(keyOf(campaign), batch, minutes(0))).toEqual({ inserted: 1000, updated: 0 });
    expect(await messages.upsertMany(keyOf(campaign), [], minutes(0))).toEqual({ inserted: 0, updated: 0 });
  });
});

describe('PostgresCampaignMessageRepository reads', () => {
  it('answers a thread oldest first, for that lead of that campaign of that organization only', async () => {
    const { org, campaign } = await companyWithCampaign();
    const [ana, bo] = await rows.leadsOf(keyOf(campaign), ['ana@thread.test', 'bo@thread.test']);
    await messages.upsertMany(
      keyOf(campaign),
      [
        sighting('<3>', { leadId: ana!.id, sentAt: minutes(30), direction: 'inbound' }),
        sighting('<1>', { leadId: ana!.id, sentAt: minutes(10) }),
        sighting('<2>', { leadId: bo!.id, sentAt: minutes(20) }),
      ],
      minutes(40),
    );
    const thread = await messages.thread(org.id, campaign.id, ana!.id);
    expect(thread.map((message) => message.externalId)).toEqual(['<1>', '<3>']);
    const stranger = await rows.tenants.organization();
    expect(await messages.thread(stranger.id, campaign.id, ana!.id)).toEqual([]);
    expect(await messages.thread(org.id, campaign.id, 'not-a-uuid')).toEqual([]);
  });

  it('lists replies newest first and pages through ties in sent_at without gaps or repeats', async () => {
    const { org, campaign } = await companyWithCampaign();
    const replies = Array.from({ length: 7 }, (_, index) =>
      // Three share one timestamp: the id breaks the tie.
      sighting(`<reply-${index}>`, { direction: 'inbound', sentAt: minutes(index < 3 ? 5 : index) }),
    );
    await messages.upsertMany(keyOf(campaign), [...replies, sighting('<sent>', { sentAt: minutes(100) })], minutes(200));

    const paged = await allPages((after) => messages.listReplies(org.id, campaign.id, { limit: 2, after }));
    expect(paged).toHaveLength(7);
    expect(new Set(paged.map((message) => message.id)).size).toBe(7);
    expect(paged.every((message) => message.direction === 'inbound')).toBe(true);
    const whole = await messages.listReplies(org.id, campaign.id, { limit: 50 });
    expect(paged.map((message) => message.id)).toEqual(whole.items.map((message) => message.id));
    for (let index = 1; index < paged.length; index += 1) {
      const [newer, older] = [paged[index - 1]!, paged[index]!];
      expect(newer.sentAt.getTime() > older.sentAt.getTime() || (newer.sentAt.getTime() === older.sentAt.getTime() && newer.id > older.id)).toBe(true);
    }
    await expect(messages.listReplies(org.id, campaign.id, { limit: 2, after: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('feeds the inbox by scope, campaign, direction and creator, by cursor or offset alike', async () => {
    const org = await rows.tenants.organization();
    const alpha = await rows.tenants.company(org.id);
    const beta = await rows.tenants.company(org.id);
    const creator = await rows.tenants.user(org.id);
    const alphaMine = await rows.campaign(org.id, alpha.id, { createdByUserId: creator.id });
    const alphaOther = await rows.campaign(org.id, alpha.id);
    const betaCampaign = await rows.campaign(org.id, beta.id);
    await messages.upsertMany(keyOf(alphaMine), [sighting('<a1>', { sentAt: minutes(1) }), sighting('<a2>', { sentAt: minutes(4), direction: 'inbound' })], minutes(9));
    await messages.upsertMany(keyOf(alphaOther), [sighting('<a3>', { sentAt: minutes(2) })], minutes(9));
    await messages.upsertMany(keyOf(betaCampaign), [sighting('<b1>', { sentAt: minutes(3), direction: 'inbound' })], minutes(9));
    const ids = (page: Page<CampaignMessage>) => page.items.map((message) => message.externalId);

    expect(ids(await messages.feed(org.id, { scope: { kind: 'organization' } }, { limit: 10 }))).toEqual(['<a2>', '<b1>', '<a3>', '<a1>']);
    expect(ids(await messages.feed(org.id, { scope: { kind: 'company', companyId: alpha.id } }, { limit: 10 }))).toEqual(['<a2>', '<a3>', '<a1>']);
    expect(ids(await messages.feed(org.id, { scope: { kind: 'organization' }, direction: 'inbound' }, { limit: 10 }))).toEqual(['<a2>', '<b1>']);
    expect(ids(await messages.feed(org.id, { scope: { kind: 'organization' }, campaignId: alphaOther.id }, { limit: 10 }))).toEqual(['<a3>']);
    expect(ids(await messages.feed(org.id, { scope: { kind: 'organization' }, createdByUserId: creator.id }, { limit: 10 }))).toEqual(['<a2>', '<a1>']);

    const byCursor = await allPages((after) => messages.feed(org.id, { scope: { kind: 'organization' } }, { limit: 3, after }));
    const byOffset = [
      ...(await messages.feed(org.id, { scope: { kind: 'organization' } }, { limit: 3, offset: 0 })).items,
      ...(await messages.feed(org.id, { scope: { kind: 'organization' } }, { limit: 3, offset: 3 })).items,
    ];
    expect(byOffset.map((message) => message.id)).toEqual(byCursor.map((message) => message.id));
    const lastOffsetPage = await messages.feed(org.id, { scope: { kind: 'organization' } }, { limit: 3, offset: 3 });
    expect(lastOffsetPage.nextCursor).toBeNull();

    const stranger = await rows.tenants.organization();
    expect((await messages.feed(stranger.id, { scope: { kind: 'organization' } }, { limit: 10 })).items).toEqual([]);
  });

  it('drops the messages of a deleted campaign from the inbox', async () => {
    const { org, campaign } = await companyWithCampaign();
    await messages.upsertMany(keyOf(campaign), [sighting('<gone>')], minutes(1));
    expect((await messages.feed(org.id, { scope: { kind: 'organization' } }, { limit: 10 })).items).toHaveLength(1);
    await entityManagerFor(orm).getConnection().execute('update campaigns set deleted_at = now() where id = ?', [campaign.id], 'run');
    expect((await messages.feed(org.id, { scope: { kind: 'organization' } }, { limit: 10 })).items).toEqual([]);
  });
});
