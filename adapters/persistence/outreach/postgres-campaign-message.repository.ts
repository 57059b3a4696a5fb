import type { MikroORM } from '@mikro-orm/postgresql';
import type {
  CampaignMessage,
  CampaignMessageRepository,
  FeedPageRequest,
  MessageDirection,
  MessageFeedFilter,
  MessageSighting,
  MessageUpsertOutcome,
} from '../../../application/outreach/messages/campaign-message.repository.js';
import type { CampaignKey } from '../../../application/outreach/leads/campaign-lead.repository.js';
import type { Page, PageRequest } from '../../../application/shared/pagination.js';
import { executeSql } from '../shared/execute-sql.js';
import { newestFirstPageOf, olderThanCursor } from '../shared/newest-first-keyset.js';
import { isUuid } from '../shared/uuid.js';

type Row = Record<string, unknown>;


/**
 * The values an upsert writes into a known row: a sighting that does not know a fact (null, or
 * direction `unknown`) keeps the stored one, so a sparse webhook never erases what a thread
 * refresh learnt. Used both to update and to tell whether anything would change.
 */
const MERGED = {
  lead_id: 'coalesce(excluded.lead_id, m.lead_id)',
  direction: `case when excluded.direction = 'unknown' then m.direction else excluded.direction end`,
  sequence_step_number: 'coalesce(excluded.sequence_step_number, m.sequence_step_number)',
  subject: 'coalesce(excluded.subject, m.subject)',
  body: 'coalesce(excluded.body, m.body)',
  from_address: 'coalesce(excluded.from_address, m.from_address)',
  to_address: 'coalesce(excluded.to_address, m.to_address)',
  sent_at: 'excluded.sent_at',
} as const;

const MERGED_COLUMNS = Object.keys(MERGED);
const MERGED_VALUES = Object.values(MERGED);

/**
 * Campaign messages in `campaign_messages`, written set-based: a whole batch travels as one JSON
 * parameter into one INSERT … ON CONFLICT (campaign_id, external_message_id) DO UPDATE, so a
 * message is stored once however often a refresh or a webhook sees it.
 */
export class PostgresCampaignMessageRepository implements CampaignMessageRepository {
  constructor(private readonly orm: MikroORM) {}

  async upsertMany(campaign: CampaignKey, messages: readonly MessageSighting[], at: Date): Promise<MessageUpsertOutcome> {
    // One statement may not touch a row twice: a batch naming a message twice keeps its last sighting.
    const distinct = [...new Map(messages.map((message) => [message.externalId, message])).values()];
    if (distinct.length === 0) return { inserted: 0, updated: 0 };
    const [counts] = await this.execute(
      `with incoming as (
         select r.* from jsonb_to_recordset(?::jsonb) as r (
           lead_id uuid, external_message_id text, direction text, sequence_step_number integer, subject text, body text,
           from_address text, to_address text, sent_at timestamptz)
       ),
       upserted as (
         insert into campaign_messages as m
           (id, org_id, company_id, campaign_id, lead_id, external_message_id, direction, sequence_step_number, subject, body,
            from_address, to_address, sent_at, created_at, updated_at)
         -- A lead id is kept only when it names a lead of this very campaign.
         select gen_random_uuid(), ?, ?, ?, l.id, i.external_message_id, i.direction, i.sequence_step_number, i.subject, i.body,
                i.from_address, i.to_address, i.sent_at, ?, ?
           from incoming i
           left join campaign_leads l on l.id = i.lead_id and l.campaign_id = ? and l.org_id = ?
         on conflict (campaign_id, external_message_id) do update
           set ${MERGED_COLUMNS.map((column, index) => `${column} = ${MERGED_VALUES[index]}`).join(', ')}, updated_at = excluded.updated_at
           -- Seeing a message again changes nothing unless it brings something new.
           where (${MERGED_COLUMNS.map((column) => `m.${column}`).join(', ')}) is distinct from (${MERGED_VALUES.join(', ')})
         returning (xmax = 0) as inserted
       )
       select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from upserted`,
      [
        JSON.stringify(
          distinct.map((message) => ({
            lead_id: message.leadId !== null && isUuid(message.leadId) ? message.leadId : null,
            external_message_id: message.externalId,
            direction: message.direction,
            sequence_step_number: message.stepNumber,
            subject: message.subject,
            body: message.body,
            from_address: message.fromAddress,
            to_address: message.toAddress,
            sent_at: message.sentAt.toISOString(),
          })),
        ),
        campaign.orgId, campaign.companyId, campaign.campaignId, at, at,
        campaign.campaignId, campaign.orgId,
      ],
    );
    return { inserted: Number(counts?.['inserted'] ?? 0), updated: Number(counts?.['updated'] ?? 0) };
  }

  async listReplies(orgId: string, campaignId: string, page: PageRequest): Promise<Page<CampaignMessage>> {
    const conditions = ['org_id = ?', 'campaign_id = ?', `direction = 'inbound'`];
    const params: unknown[] = [orgId, campaignId];
    if (page.after !== undefined) {
      const older = olderThanCursor(page.after, { at: 'sent_at', id: 'id' });
      conditions.push(older.sql);
      params.push(...older.params);
    }
    params.push(page.limit + 1);
    const rows = await this.execute(
      `select * from campaign_messages where ${conditions.join(' and ')} order by sent_at desc, id desc limit ?`,
      params,
    );
    return newestFirstPageOf(rows.map(toMessage), page.limit, positionOf);
  }

  async thread(orgId: string, campaignId: string, leadId: string): Promise<CampaignMessage[]> {
    if (!isUuid(leadId)) return [];
    const rows = await this.execute(
      `select * from campaign_messages where org_id = ? and campaign_id = ? and lead_id = ? order by sent_at, id`,
      [orgId, campaignId, leadId],
    );
    return rows.map(toMessage);
  }

  async feed(orgId: string, filter: MessageFeedFilter, page: FeedPageRequest): Promise<Page<CampaignMessage>> {
    // Messages of deleted campaigns leave the inbox with their campaign.
    const conditions = ['m.org_id = ?', 'c.deleted_at is null'];
    const params: unknown[] = [orgId];
    if (filter.scope.kind === 'company') {
      conditions.push('m.company_id = ?');
      params.push(filter.scope.companyId);
    }
    if (filter.campaignId !== undefined) {
      conditions.push('m.campaign_id = ?');
      params.push(filter.campaignId);
    }
    if (filter.direction !== undefined) {
      conditions.push('m.direction = ?');
      params.push(filter.direction);
    }
    if (filter.createdByUserId !== undefined) {
      conditions.push('c.created_by_user_id = ?');
      params.push(filter.createdByUserId);
    }
    if (page.after !== undefined) {
      const older = olderThanCursor(page.after, { at: 'm.sent_at', id: 'm.id' });
      conditions.push(older.sql);
      params.push(...older.params);
    }
    params.push(page.limit + 1, page.offset ?? 0);
    const rows = await this.execute(
      `select m.* from campaign_messages m
         join campaigns c on c.id = m.campaign_id
        where ${conditions.join(' and ')}
        order by m.sent_at desc, m.id desc
        limit ? offset ?`,
      params,
    );
    return newestFirstPageOf(rows.map(toMessage), page.limit, positionOf);
  }

  private execute<T = Row[]>(sql: string, params: unknown[], method: 'all' | 'run' = 'all'): Promise<T> {
    return executeSql<T>(this.orm, sql, params, method);
  }
}

function positionOf(message: CampaignMessage): { at: Date; id: string } {
  return { at: message.sentAt, id: message.id };
}

function toMessage(row: Row): CampaignMessage {
  return {
    id: row['id'] as string,
    orgId: row['org_id'] as string,
    companyId: row['company_id'] as string,
    campaignId: row['campaign_id'] as string,
    leadId: (row['lead_id'] as string | null) ?? null,
    externalId: row['external_message_id'] as string,
    direction: row['direction'] as MessageDirection,
    stepNumber: (row['sequence_step_number'] as number | null) ?? null,
    subject: (row['subject'] as string | null) ?? null,
    body: (row['body'] as string | null) ?? null,
    fromAddress: (row['from_address'] as string | null) ?? null,
    toAddress: (row['to_address'] as string | null) ?? null,
    sentAt: new Date(row['sent_at'] as string),
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
  };
}
