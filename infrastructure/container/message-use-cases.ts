import type { Container } from 'inversify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PostgresCampaignAnalyticsReader } from '../../adapters/persistence/outreach/postgres-campaign-analytics.reader.js';
import { PostgresCampaignMessageRepository } from '../../adapters/persistence/outreach/postgres-campaign-message.repository.js';
import type { CampaignAnalyticsReader } from '../../application/outreach/analytics/campaign-analytics.reader.js';
import { GetCampaignAnalyticsSummary } from '../../application/outreach/analytics/get-campaign-analytics-summary.js';
import { GetCampaignProviderAnalytics } from '../../application/outreach/analytics/get-campaign-provider-analytics.js';
import type { CampaignRepository } from '../../application/outreach/campaigns/campaign.repository.js';
import type { CapabilityConnections } from '../../application/outreach/capability-connections.js';
import type { CampaignLeadRepository } from '../../application/outreach/leads/campaign-lead.repository.js';
import type { CampaignMessageRepository } from '../../application/outreach/messages/campaign-message.repository.js';
import { GetLeadThread } from '../../application/outreach/messages/get-lead-thread.js';
import { ListCampaignReplies } from '../../application/outreach/messages/list-campaign-replies.js';
import { ListMessageFeed } from '../../application/outreach/messages/list-message-feed.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { TransactionRunner } from '../../application/shared/transaction-runner.port.js';
import type { CompanyRepository } from '../../application/tenancy/company.repository.js';
import { TOKENS as T } from './tokens.js';

/** Campaign messages (replies, threads, the unified inbox) and a campaign's analytics. */
export function bindMessageUseCases(container: Container): void {
  container
    .bind<CampaignMessageRepository>(T.CampaignMessageRepository)
    .toResolvedValue((db: MikroORM) => new PostgresCampaignMessageRepository(db), [T.Orm]);
  container
    .bind<CampaignAnalyticsReader>(T.CampaignAnalyticsReader)
    .toResolvedValue((db: MikroORM) => new PostgresCampaignAnalyticsReader(db), [T.Orm]);
  container
    .bind(T.ListCampaignReplies)
    .toResolvedValue(
      (campaigns: CampaignRepository, messages: CampaignMessageRepository) => new ListCampaignReplies(campaigns, messages),
      [T.CampaignRepository, T.CampaignMessageRepository],
    );
  container
    .bind(T.ListMessageFeed)
    .toResolvedValue(
      (companies: CompanyRepository, campaigns: CampaignRepository, messages: CampaignMessageRepository) => new ListMessageFeed(companies, campaigns, messages),
      [T.CompanyRepository, T.CampaignRepository, T.CampaignMessageRepository],
    );
  container
    .bind(T.GetLeadThread)
    .toResolvedValue(
      (
        campaigns: CampaignRepository,
        leads: CampaignLeadRepository,
        messages: CampaignMessageRepository,
        connections: CapabilityConnections,
        transactions: TransactionRunner,
        clock: Clock,
      ) => new GetLeadThread(campaigns, leads, messages, connections, transactions, clock),
      [T.CampaignRepository, T.CampaignLeadRepository, T.CampaignMessageRepository, T.CapabilityConnections, T.TransactionRunner, T.Clock],
    );
  container
    .bind(T.GetCampaignAnalyticsSummary)
    .toResolvedValue(
      (campaigns: CampaignRepository, reader: CampaignAnalyticsReader, clock: Clock) => new GetCampaignAnalyticsSummary(campaigns, reader, clock),
      [T.CampaignRepository, T.CampaignAnalyticsReader, T.Clock],
    );
  container
    .bind(T.GetCampaignProviderAnalytics)
    .toResolvedValue(
      (campaigns: CampaignRepository, connections: CapabilityConnections, clock: Clock) => new GetCampaignProviderAnalytics(campaigns, connections, clock),
      [T.CampaignRepository, T.CapabilityConnections, T.Clock],
    );
}
