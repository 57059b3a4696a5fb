import type { MikroORM } from '@mikro-orm/postgresql';
import type { TransactionRunner } from '../../../application/shared/transaction-runner.port.js';

export class MikroOrmTransactionRunner implements TransactionRunner {
  constructor(private readonly orm: MikroORM) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    // A fork per transaction keeps its identity map private; nested runs join the outer one.
    return this.orm.em.fork().transactional(() => work());
  }
}
