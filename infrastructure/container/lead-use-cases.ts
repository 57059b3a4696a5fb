import type { Container } from 'inversify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PostgresLeadImportRepository } from '../../adapters/persistence/outreach/postgres-lead-import.repository.js';
import { PostgresSuppressionList } from '../../adapters/persistence/outreach/postgres-suppression-list.js';
import type { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { CapabilityConnections } from '../../application/outreach/capability-connections.js';
import type { CampaignRepository } from '../../application/outreach/campaigns/campaign.repository.js';
import type { ProviderCampaignLink } from '../../application/outreach/campaigns/provider-campaign-link.js';
import { AddCampaignLeads } from '../../application/outreach/leads/add-campaign-leads.js';
import type { CampaignLeadRepository } from '../../application/outreach/leads/campaign-lead.repository.js';
import { ChangeLeadState } from '../../application/outreach/leads/change-lead-state.js';
import { GetLeadImport } from '../../application/outreach/leads/get-lead-import.js';
import type { LeadImportRepository } from '../../application/outreach/leads/lead-import.repository.js';
import { ListCampaignLeads } from '../../application/outreach/leads/list-campaign-leads.js';
import { PushPendingLeads } from '../../application/outreach/leads/push-pending-leads.js';
import { RunLeadImport } from '../../application/outreach/leads/run-lead-import.js';
import type { SuppressionList } from '../../application/outreach/leads/suppression-list.port.js';
import type { BackgroundJobs } from '../../application/shared/background-jobs.port.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import type { TransactionRunner } from '../../application/shared/transaction-runner.port.js';
import type { OrganizationRepository } from '../../application/tenancy/organization.repository.js';
import { TOKENS as T } from './tokens.js';

/**
 * New leads an import hands to the provider within the request: one provider batch at most (100
 * on the strictest provider), so the answer stays fast; larger imports go to a background job.
 */
const INLINE_LEAD_LIMIT = 100;

/** Campaign leads: imports (inline or background), the suppression list, and per-lead controls. */
export function bindLeadUseCases(container: Container): void {
  container.bind<LeadImportRepository>(T.LeadImportRepository).toResolvedValue((db: MikroORM) => new PostgresLeadImportRepository(db), [T.Orm]);
  container.bind<SuppressionList>(T.SuppressionList).toResolvedValue((db: MikroORM) => new PostgresSuppressionList(db), [T.Orm]);
  container
    .bind<PushPendingLeads>(T.PushPendingLeads)
    .toResolvedValue(
      (
        campaigns: CampaignRepository,
        leads: CampaignLeadRepository,
        connections: CapabilityConnections,
        link: ProviderCampaignLink,
        transactions: TransactionRunner,
        clock: Clock,
      ) => new PushPendingLeads(campaigns, leads, connections, link, transactions, clock),
      [T.CampaignRepository, T.CampaignLeadRepository, T.CapabilityConnections, T.ProviderCampaignLink, T.TransactionRunner, T.Clock],
    );
  container
    .bind<RunLeadImport>(T.RunLeadImport)
    .toResolvedValue(
      (imports: LeadImportRepository, push: PushPendingLeads, clock: Clock) => new RunLeadImport(imports, push, clock),
      [T.LeadImportRepository, T.PushPendingLeads, T.Clock],
    );
  container
    .bind(T.AddCampaignLeads)
    .toResolvedValue(
      (
        organizations: OrganizationRepository,
        campaigns: CampaignRepository,
        leads: CampaignLeadRepository,
        imports: LeadImportRepository,
        connections: CapabilityConnections,
        runImport: RunLeadImport,
        jobs: BackgroundJobs,
        audited: AuditedTransaction,
        ids: IdGenerator,
        clock: Clock,
      ) => new AddCampaignLeads(organizations, campaigns, leads, imports, connections, runImport, jobs, audited, ids, clock, INLINE_LEAD_LIMIT),
      [
        T.OrganizationRepository, T.CampaignRepository, T.CampaignLeadRepository, T.LeadImportRepository, T.CapabilityConnections, T.RunLeadImport,
        T.BackgroundJobs, T.AuditedTransaction, T.IdGenerator, T.Clock,
      ],
    );
  container
    .bind(T.ListCampaignLeads)
    .toResolvedValue(
      (campaigns: CampaignRepository, leads: CampaignLeadRepository) => new ListCampaignLeads(campaigns, leads),
      [T.CampaignRepository, T.CampaignLeadRepository],
    );
  container
    .bind(T.GetLeadImport)
    .toResolvedValue((campaigns: CampaignRepository, imports: LeadImportRepository) => new GetLeadImport(campaigns, imports), [T.CampaignRepository, T.LeadImportRepository]);
  container
    .bind(T.ChangeLeadState)
    .toResolvedValue(
      (
        campaigns: CampaignRepository,
        leads: CampaignLeadRepository,
        suppressions: SuppressionList,
        connections: CapabilityConnections,
        audited: AuditedTransaction,
        clock: Clock,
      ) => new ChangeLeadState(campaigns, leads, suppressions, connections, audited, clock),
      [T.CampaignRepository, T.CampaignLeadRepository, T.SuppressionList, T.CapabilityConnections, T.AuditedTransaction, T.Clock],
    );
}
