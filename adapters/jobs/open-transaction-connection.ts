import { TransactionContext } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { fromKysely, type Db, type KyselyTransactionLike } from 'pg-boss';

/**
 * The connection of the transaction `TransactionRunner.run` has open around the caller, shaped as
 * pg-boss's `db` option, or undefined outside a transaction.
 *
 * MikroORM 7 keeps its open transaction as a Kysely transaction in the transaction context;
 * pg-boss's Kysely bridge runs its statements on it with their `$n` parameters bound by the
 * driver. (`em.execute` would not do: it inlines parameter values into the SQL text itself and
 * reads `?` as a placeholder, which pg-boss's jsonb operators use.) A nested `run` holds a
 * savepoint on the same connection, so the job also follows a rollback to that savepoint.
 */
export function openTransactionConnection(orm: MikroORM): Db | undefined {
  const transaction = TransactionContext.getEntityManager(orm.em.name)?.getTransactionContext<KyselyTransactionLike>();
  return transaction ? fromKysely(transaction) : undefined;
}
