import type { SuperAdminRepository } from '../../../application/identity/super-admin.repository.js';
import { SuperAdminAlreadyExistsError } from '../../../domain/identity/identity-errors.js';
import { SuperAdmin } from '../../../domain/identity/super-admin.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';

/**
 * Stores copies, like a database: changing a loaded SuperAdmin changes nothing stored. Emails are
 * unique (the table's unique index); lookups expect the canonical email, as the port says.
 */
export class InMemorySuperAdminRepository implements SuperAdminRepository, SnapshotableStore {
  private rows = new Map<string, SuperAdmin>();

  async findById(id: string): Promise<SuperAdmin | null> {
    const row = this.rows.get(id);
    return row ? copy(row) : null;
  }

  async findByEmail(email: string): Promise<SuperAdmin | null> {
    const row = [...this.rows.values()].find((candidate) => candidate.email === email);
    return row ? copy(row) : null;
  }

  async exists(): Promise<boolean> {
    return this.rows.size > 0;
  }

  async add(superAdmin: SuperAdmin): Promise<void> {
    if (this.rows.has(superAdmin.id)) throw new Error(`duplicate primary key ${superAdmin.id}`);
    if ([...this.rows.values()].some((row) => row.email === superAdmin.email)) throw new SuperAdminAlreadyExistsError();
    this.rows.set(superAdmin.id, copy(superAdmin));
  }

  /** Test helper: deletes an account outright, as an operator would in the database. */
  remove(id: string): boolean {
    return this.rows.delete(id);
  }

  /** Test helper: copies of every stored account. */
  all(): SuperAdmin[] {
    return [...this.rows.values()].map(copy);
  }

  snapshot(): Restore {
    const saved = new Map([...this.rows].map(([id, row]) => [id, copy(row)]));
    return () => {
      this.rows = saved;
    };
  }
}

function copy(superAdmin: SuperAdmin): SuperAdmin {
  return new SuperAdmin(
    superAdmin.id,
    superAdmin.email,
    superAdmin.passwordHash,
    new Date(superAdmin.createdAt),
    new Date(superAdmin.updatedAt),
  );
}
