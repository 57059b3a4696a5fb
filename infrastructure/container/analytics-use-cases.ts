import type { MikroORM } from '@mikro-orm/postgresql';
import type { Container } from 'inversify';
import { PostgresReliabilityReader } from '../../adapters/persistence/webhooks/postgres-reliability.reader.js';
import { GetReliabilityAnalytics } from '../../application/analytics/get-reliability-analytics.js';
import type { ReliabilityReader } from '../../application/analytics/reliability.reader.js';
import type { Clock } from '../../application/shared/clock.port.js';
import type { CompanyRepository } from '../../application/tenancy/company.repository.js';
import { TOKENS as T } from './tokens.js';

/** Tenant analytics that span campaigns: webhook reliability, read from the engine's own tables. */
export function bindAnalyticsUseCases(container: Container): void {
  container.bind<ReliabilityReader>(T.ReliabilityReader).toResolvedValue((db: MikroORM) => new PostgresReliabilityReader(db), [T.Orm]);
  container
    .bind<GetReliabilityAnalytics>(T.GetReliabilityAnalytics)
    .toResolvedValue(
      (companies: CompanyRepository, reader: ReliabilityReader, clock: Clock) => new GetReliabilityAnalytics(companies, reader, clock),
      [T.CompanyRepository, T.ReliabilityReader, T.Clock],
    );
}
