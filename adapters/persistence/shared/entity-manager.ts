import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { TransactionContext } from '@mikro-orm/core';

/**
 * The entity manager a repository call should use: the open transaction's, when the call runs
 * inside TransactionRunner.run, otherwise a fresh fork, so reads never share an identity map
 * across requests.
 */
export function entityManagerFor(orm: MikroORM): EntityManager {
  return (TransactionContext.getEntityManager(orm.em.name) as EntityManager | undefined) ?? orm.em.fork();
}
