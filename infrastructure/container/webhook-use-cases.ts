import type { Container } from 'inversify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { webhookParserFor } from '../../adapters/providers/webhooks/webhook-parsers.js';
import { PostgresWebhookEndpointRepository } from '../../adapters/persistence/webhooks/postgres-webhook-endpoint.repository.js';
import { PostgresWebhookEventStore } from '../../adapters/persistence/webhooks/postgres-webhook-event.store.js';
import type { RateLimiter } from '../../application/access/rate-limiter.port.js';
import type { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { CatalogueRepository } from '../../application/entitlements/catalogue.repository.js';
import type { ApiTokenSecrets } from '../../application/identity/api-token-secrets.port.js';
import type { BackgroundJobs } from '../../application/shared/background-jobs.port.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { TransactionRunner } from '../../application/shared/transaction-runner.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import type { OrganizationRepository } from '../../application/tenancy/organization.repository.js';
import { IssueWebhookEndpoint } from '../../application/webhooks/issue-webhook-endpoint.js';
import { ListWebhookEndpoints, RevokeWebhookEndpoint } from '../../application/webhooks/manage-webhook-endpoints.js';
import { ProjectWebhookEvent } from '../../application/webhooks/project-webhook-event.js';
import { GetDeadLetter, ListWebhookEvents } from '../../application/webhooks/list-webhook-events.js';
import { ReplayWebhookEvents } from '../../application/webhooks/replay-webhook-events.js';
import type { WebhookEventQueries } from '../../application/webhooks/webhook-event.queries.js';
import { PostgresWebhookEventQueries } from '../../adapters/persistence/webhooks/postgres-webhook-event.queries.js';
import { ReceiveWebhook, type WebhookReception } from '../../application/webhooks/receive-webhook.js';
import { WebhookRefusals } from '../../application/webhooks/webhook-refusals.js';
import type { CampaignRepository } from '../../application/outreach/campaigns/campaign.repository.js';
import type { CampaignLeadRepository } from '../../application/outreach/leads/campaign-lead.repository.js';
import type { SuppressionList } from '../../application/outreach/leads/suppression-list.port.js';
import type { CampaignMessageRepository } from '../../application/outreach/messages/campaign-message.repository.js';
import type { SenderAccountRepository } from '../../application/outreach/sender-account.repository.js';
import type { WebhookEndpointRepository } from '../../application/webhooks/webhook-endpoint.repository.js';
import type { Config } from '../config/config.js';
import { TOKENS as T } from './tokens.js';

/**
 * Provider webhooks: the per-organization endpoint tokens and authenticated, once-only storage.
 * Endpoint tokens are generated and hashed like API tokens (same format, same SHA-256 storage).
 */
export function bindWebhookUseCases(container: Container, config: Config): void {
  container.bind<WebhookEndpointRepository>(T.WebhookEndpointRepository).toResolvedValue((db: MikroORM) => new PostgresWebhookEndpointRepository(db), [T.Orm]);
  container.bind<PostgresWebhookEventStore>(T.WebhookEventStore).toResolvedValue((db: MikroORM) => new PostgresWebhookEventStore(db), [T.Orm]);
  const reception: WebhookReception = { parserFor: webhookParserFor, sharedSecretsFor: (provider) => config.webhooks[provider] };
  container
    .bind(T.WebhookRefusals)
    .toResolvedValue(
      (limiter: RateLimiter, audited: AuditedTransaction, clock: Clock) => new WebhookRefusals(limiter, audited, clock, config.rateLimits.webhookRefusalsPerAddress),
      [T.RateLimiter, T.AuditedTransaction, T.Clock],
    );
  container
    .bind(T.ReceiveWebhook)
    .toResolvedValue(
      (
        catalogue: CatalogueRepository,
        endpoints: WebhookEndpointRepository,
        tokens: ApiTokenSecrets,
        events: PostgresWebhookEventStore,
        refusals: WebhookRefusals,
        transactions: TransactionRunner,
        jobs: BackgroundJobs,
        ids: IdGenerator,
        clock: Clock,
      ) => new ReceiveWebhook(reception, catalogue, endpoints, tokens, events, events, refusals, transactions, jobs, ids, clock),
      [
        T.CatalogueRepository, T.WebhookEndpointRepository, T.ApiTokenSecrets, T.WebhookEventStore, T.WebhookRefusals, T.TransactionRunner,
        T.BackgroundJobs, T.IdGenerator, T.Clock,
      ],
    );
  container
    .bind(T.ProjectWebhookEvent)
    .toResolvedValue(
      (
        events: PostgresWebhookEventStore,
        campaigns: CampaignRepository,
        leads: CampaignLeadRepository,
        messages: CampaignMessageRepository,
        suppressions: SuppressionList,
        senderAccounts: SenderAccountRepository,
        transactions: TransactionRunner,
        clock: Clock,
      ) => new ProjectWebhookEvent(events, campaigns, leads, messages, suppressions, senderAccounts, transactions, clock),
      [
        T.WebhookEventStore,
        T.CampaignRepository,
        T.CampaignLeadRepository,
        T.CampaignMessageRepository,
        T.SuppressionList,
        T.SenderAccountRepository,
        T.TransactionRunner,
        T.Clock,
      ],
    );
  container.bind<WebhookEventQueries>(T.WebhookEventQueries).toResolvedValue((db: MikroORM) => new PostgresWebhookEventQueries(db), [T.Orm]);
  container.bind(T.ListWebhookEvents).toResolvedValue((events: WebhookEventQueries) => new ListWebhookEvents(events), [T.WebhookEventQueries]);
  container.bind(T.GetDeadLetter).toResolvedValue((events: WebhookEventQueries) => new GetDeadLetter(events), [T.WebhookEventQueries]);
  container
    .bind(T.ReplayWebhookEvents)
    .toResolvedValue(
      (events: WebhookEventQueries, jobs: BackgroundJobs, audited: AuditedTransaction, clock: Clock) => new ReplayWebhookEvents(events, jobs, audited, clock),
      [T.WebhookEventQueries, T.BackgroundJobs, T.AuditedTransaction, T.Clock],
    );
  container
    .bind(T.IssueWebhookEndpoint)
    .toResolvedValue(
      (
        organizations: OrganizationRepository,
        catalogue: CatalogueRepository,
        endpoints: WebhookEndpointRepository,
        tokens: ApiTokenSecrets,
        audited: AuditedTransaction,
        ids: IdGenerator,
        clock: Clock,
      ) => new IssueWebhookEndpoint(organizations, catalogue, endpoints, tokens, audited, ids, clock),
      [T.OrganizationRepository, T.CatalogueRepository, T.WebhookEndpointRepository, T.ApiTokenSecrets, T.AuditedTransaction, T.IdGenerator, T.Clock],
    );
  container
    .bind(T.ListWebhookEndpoints)
    .toResolvedValue(
      (organizations: OrganizationRepository, endpoints: WebhookEndpointRepository) => new ListWebhookEndpoints(organizations, endpoints),
      [T.OrganizationRepository, T.WebhookEndpointRepository],
    );
  container
    .bind(T.RevokeWebhookEndpoint)
    .toResolvedValue(
      (endpoints: WebhookEndpointRepository, audited: AuditedTransaction, clock: Clock) => new RevokeWebhookEndpoint(endpoints, audited, clock),
      [T.WebhookEndpointRepository, T.AuditedTransaction, T.Clock],
    );
}
