import type { SuperAdmin } from '../../domain/identity/super-admin.js';

export interface SuperAdminRepository {
  findById(id: string): Promise<SuperAdmin | null>;
  /** Expects the canonical (normalised) email. */
  findByEmail(email: string): Promise<SuperAdmin | null>;
  exists(): Promise<boolean>;
  add(superAdmin: SuperAdmin): Promise<void>;
}
