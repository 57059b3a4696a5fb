import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresCampaignAnalyticsReader } from '../../adapters/persistence/outreach/postgres-campaign-analytics.reader.js';
import { PostgresCampaignMessageRepository } from '../../adapters/persistence/outreach/postgres-campaign-message.repository.js';
import type { MessageSighting } from '../../application/outreach/messages/campaign-message.repository.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { campaignRows, keyOf } from './support/campaign-rows.js';

let orm: MikroORM;
let reader: PostgresCampaignAnalyticsReader;
let messages: PostgresCampaignMessageRepository;
let rows: ReturnType<typeof campaignRows>;

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  reader = new PostgresCampaignAnalyticsReader(orm);
  messages = new PostgresCampaignMessageRepository(orm);
  rows = campaignRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

function message(externalId: string, leadId: string | null, direction: MessageSighting['direction'], sentAt: string): MessageSighting {
  return { leadId, externalId, direction, sentAt: new Date(sentAt), stepNumber: null, subject: null, body: null, fromAddress: null, toAddress: null };
}

async function campaignWithLeads(emails: readonly string[]) {
  const org = await rows.tenants.organization();
  const company = await rows.tenants.company(org.id);
  const campaign = await rows.campaign(org.id, company.id);
  const leads = await rows.leadsOf(keyOf(campaign), emails);
  return { org, campaign, leads };
}

describe('PostgresCampaignAnalyticsReader', () => {
  it('counts leads by status and messages by direction, distinct contacted and replied leads, and the newest message', async () => {
    const { org, campaign, leads } = await campaignWithLeads(['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test']);
    const [a, b, c, d] = leads;
    const at = new Date();
    await rows.leads.setStatus(org.id, campaign.id, a!.id, 'replied', at);
    await rows.leads.setStatus(org.id, campaign.id, b!.id, 'replied', at);
    await rows.leads.setStatus(org.id, campaign.id, c!.id, 'active', at);
    await rows.leads.setStatus(org.id, campaign.id, d!.id, 'unsubscribed', at);
    await messages.upsertMany(
      keyOf(campaign),
      [
        message('o-a', a!.id, 'outbound', '2031-01-01T10:00:00Z'),
        message('o-b', b!.id, 'outbound', '2031-01-01T10:01:00Z'),
        message('o-c', c!.id, 'outbound', '2031-01-01T10:02:00Z'),
        message('o-c2', c!.id, 'outbound', '2031-01-03T10:02:00Z'),
        message('i-a', a!.id, 'inbound', '2031-01-02T08:00:00Z'),
        message('i-a2', a!.id, 'inbound', '2031-01-02T09:00:00Z'),
        message('i-b', b!.id, 'inbound', '2031-01-04T12:30:00Z'),
        // Untied to a lead: counted as a message, not as a lead.
        message('i-untracked', null, 'inbound', '2031-01-01T11:00:00Z'),
        message('u-1', null, 'unknown', '2031-01-01T11:30:00Z'),
      ],
      at,
    );

    expect(await reader.activityOf(org.id, campaign.id)).toEqual({
      leadsByStatus: { replied: 2, active: 1, unsubscribed: 1, pending: 1 },
      outboundMessages: 4,
      inboundMessages: 4,
      leadsContacted: 3,
      leadsReplied: 2,
      lastMessageAt: new Date('2031-01-04T12:30:00Z'),
    });
  });

  it('answers zeros for a campaign without leads or messages, and for another organization', async () => {
    const { org, campaign } = await campaignWithLeads(['only@x.test']);
    const empty = { leadsByStatus: {}, outboundMessages: 0, inboundMessages: 0, leadsContacted: 0, leadsReplied: 0, lastMessageAt: null };
    const stranger = await rows.tenants.organization();
    expect(await reader.activityOf(stranger.id, campaign.id)).toEqual(empty);
    const bare = await rows.campaign(org.id, campaign.companyId);
    expect(await reader.activityOf(org.id, bare.id)).toEqual(empty);
  });
});
