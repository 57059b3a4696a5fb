import type { Container } from 'inversify';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SequenceUseCases } from '../../adapters/http/outreach/sequences.routes.js';
import { PostgresSequenceVersionRepository } from '../../adapters/persistence/outreach/postgres-sequence-version.repository.js';
import type { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import type { CampaignRepository } from '../../application/outreach/campaigns/campaign.repository.js';
import type { ProviderCampaignLink } from '../../application/outreach/campaigns/provider-campaign-link.js';
import type { CapabilityConnections } from '../../application/outreach/capability-connections.js';
import { GetCampaignSequence } from '../../application/outreach/sequences/get-campaign-sequence.js';
import { GetSequenceVersion } from '../../application/outreach/sequences/get-sequence-version.js';
import { ListSequenceVersions } from '../../application/outreach/sequences/list-sequence-versions.js';
import { SaveCampaignSequence } from '../../application/outreach/sequences/save-campaign-sequence.js';
import type { SequenceVersionRepository } from '../../application/outreach/sequences/sequence-version.repository.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { IdGenerator } from '../../application/shared/id-generator.port.js';
import { TOKENS as T } from './tokens.js';

/**
 * Campaign sequences and their version history. The two history use cases have no token in
 * tokens.ts yet, so they are bound under their classes; `sequenceUseCasesOf` hides the difference
 * from the server.
 */
export function bindSequenceUseCases(container: Container): void {
  container
    .bind<SequenceVersionRepository>(T.SequenceVersionRepository)
    .toResolvedValue((db: MikroORM) => new PostgresSequenceVersionRepository(db), [T.Orm]);
  container
    .bind(T.SaveCampaignSequence)
    .toResolvedValue(
      (
        campaigns: CampaignRepository,
        versions: SequenceVersionRepository,
        connections: CapabilityConnections,
        link: ProviderCampaignLink,
        audited: AuditedTransaction,
        ids: IdGenerator,
        clock: Clock,
      ) => new SaveCampaignSequence(campaigns, versions, connections, link, audited, ids, clock),
      [T.CampaignRepository, T.SequenceVersionRepository, T.CapabilityConnections, T.ProviderCampaignLink, T.AuditedTransaction, T.IdGenerator, T.Clock],
    );
  container
    .bind(T.GetCampaignSequence)
    .toResolvedValue(
      (campaigns: CampaignRepository, versions: SequenceVersionRepository, connections: CapabilityConnections) => new GetCampaignSequence(campaigns, versions, connections),
      [T.CampaignRepository, T.SequenceVersionRepository, T.CapabilityConnections],
    );
  container
    .bind(ListSequenceVersions)
    .toResolvedValue((campaigns: CampaignRepository, versions: SequenceVersionRepository) => new ListSequenceVersions(campaigns, versions), [
      T.CampaignRepository,
      T.SequenceVersionRepository,
    ]);
  container
    .bind(GetSequenceVersion)
    .toResolvedValue((campaigns: CampaignRepository, versions: SequenceVersionRepository) => new GetSequenceVersion(campaigns, versions), [
      T.CampaignRepository,
      T.SequenceVersionRepository,
    ]);
}

/** What the sequence routes need, resolved from the container. */
export function sequenceUseCasesOf(container: Container): SequenceUseCases {
  return {
    getCampaignSequence: container.get(T.GetCampaignSequence),
    saveCampaignSequence: container.get(T.SaveCampaignSequence),
    listSequenceVersions: container.get(ListSequenceVersions),
    getSequenceVersion: container.get(GetSequenceVersion),
  };
}
