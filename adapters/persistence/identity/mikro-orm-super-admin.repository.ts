import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SuperAdminRepository } from '../../../application/identity/super-admin.repository.js';
import { SuperAdminAlreadyExistsError } from '../../../domain/identity/identity-errors.js';
import type { SuperAdmin } from '../../../domain/identity/super-admin.js';
import { entityManagerFor } from '../shared/entity-manager.js';
import { SuperAdminSchema } from './super-admin.entity-schema.js';

export class MikroOrmSuperAdminRepository implements SuperAdminRepository {
  constructor(private readonly orm: MikroORM) {}

  findById(id: string): Promise<SuperAdmin | null> {
    return entityManagerFor(this.orm).findOne(SuperAdminSchema, { id });
  }

  findByEmail(email: string): Promise<SuperAdmin | null> {
    return entityManagerFor(this.orm).findOne(SuperAdminSchema, { email });
  }

  async exists(): Promise<boolean> {
    return (await entityManagerFor(this.orm).count(SuperAdminSchema)) > 0;
  }

  async add(superAdmin: SuperAdmin): Promise<void> {
    const em = entityManagerFor(this.orm);
    em.persist(superAdmin);
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new SuperAdminAlreadyExistsError();
      throw error;
    }
  }
}
