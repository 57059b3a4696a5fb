import type { MikroORM } from '@mikro-orm/postgresql';
import { entityManagerFor } from './entity-manager.js';

type Row = Record<string, unknown>;

/**
 * Raw SQL on the open transaction when the call runs inside TransactionRunner.run, on the pool
 * otherwise. `em.getConnection().execute(…)` would always take a pool connection, silently
 * outside the transaction: its writes would survive a rollback and miss deferred checks.
 */
export function executeSql<T = Row[]>(orm: MikroORM, sql: string, params: readonly unknown[], method: 'all' | 'run' = 'all'): Promise<T> {
  return entityManagerFor(orm).execute(sql, [...params], method) as Promise<T>;
}
