import type { Container } from 'inversify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { MikroOrmCampaignRepository } from '../../adapters/persistence/outreach/mikro-orm-campaign.repository.js';
import { PostgresCampaignLeadRepository } from '../../adapters/persistence/outreach/postgres-campaign-lead.repository.js';
import type { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { CapabilityConnections } from '../../application/outreach/capability-connections.js';
import type { CampaignRepository } from '../../application/outreach/campaigns/campaign.repository.js';
import type { CampaignLeadRepository } from '../../application/outreach/leads/campaign-lead.repository.js';
import { ChangeCampaignStatus } from '../../application/outreach/campaigns/change-campaign-status.js';
import { CreateCampaign } from '../../application/outreach/campaigns/create-campaign.js';
import { GetCampaign } from '../../application/outreach/campaigns/get-campaign.js';
import { ListCampaigns } from '../../application/outreach/campaigns/list-campaigns.js';
import { ProviderCampaignLink } from '../../application/outreach/campaigns/provider-campaign-link.js';
import type { SequenceVersionRepository } from '../../application/outreach/sequences/sequence-version.repository.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import type { TransactionRunner } from '../../application/shared/transaction-runner.port.js';
import type { CompanyRepository } from '../../application/tenancy/company.repository.js';
import type { OrganizationRepository } from '../../application/tenancy/organization.repository.js';
import { TOKENS as T } from './tokens.js';

/** Email campaigns: their rows, their link to the provider campaign, and their lifecycle. */
export function bindCampaignUseCases(container: Container): void {
  container.bind<CampaignRepository>(T.CampaignRepository).toResolvedValue((db: MikroORM) => new MikroOrmCampaignRepository(db), [T.Orm]);
  container.bind<CampaignLeadRepository>(T.CampaignLeadRepository).toResolvedValue((db: MikroORM) => new PostgresCampaignLeadRepository(db), [T.Orm]);
  container
    .bind<ProviderCampaignLink>(T.ProviderCampaignLink)
    .toResolvedValue(
      (campaigns: CampaignRepository, transactions: TransactionRunner, clock: Clock) => new ProviderCampaignLink(campaigns, transactions, clock),
      [T.CampaignRepository, T.TransactionRunner, T.Clock],
    );
  container
    .bind(T.CreateCampaign)
    .toResolvedValue(
      (
        organizations: OrganizationRepository,
        companies: CompanyRepository,
        campaigns: CampaignRepository,
        connections: CapabilityConnections,
        link: ProviderCampaignLink,
        audited: AuditedTransaction,
        ids: IdGenerator,
        clock: Clock,
      ) => new CreateCampaign(organizations, companies, campaigns, connections, link, audited, ids, clock),
      [T.OrganizationRepository, T.CompanyRepository, T.CampaignRepository, T.CapabilityConnections, T.ProviderCampaignLink, T.AuditedTransaction, T.IdGenerator, T.Clock],
    );
  container
    .bind(T.ListCampaigns)
    .toResolvedValue((companies: CompanyRepository, campaigns: CampaignRepository) => new ListCampaigns(companies, campaigns), [T.CompanyRepository, T.CampaignRepository]);
  container.bind(T.GetCampaign).toResolvedValue((campaigns: CampaignRepository) => new GetCampaign(campaigns), [T.CampaignRepository]);
  container
    .bind(T.ChangeCampaignStatus)
    .toResolvedValue(
      (
        organizations: OrganizationRepository,
        campaigns: CampaignRepository,
        sequences: SequenceVersionRepository,
        connections: CapabilityConnections,
        link: ProviderCampaignLink,
        audited: AuditedTransaction,
        clock: Clock,
      ) => new ChangeCampaignStatus(organizations, campaigns, sequences, connections, link, audited, clock),
      [T.OrganizationRepository, T.CampaignRepository, T.SequenceVersionRepository, T.CapabilityConnections, T.ProviderCampaignLink, T.AuditedTransaction, T.Clock],
    );
}
