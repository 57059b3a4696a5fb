import { SuperAdminAlreadyExistsError } from '../../domain/identity/identity-errors.js';
import type { RequestContext } from '../shared/request-context.js';
import type { CreateSuperAdmin } from './create-super-admin.js';
import type { SuperAdminRepository } from './super-admin.repository.js';

export interface SeedFirstSuperAdminCommand {
  readonly context: RequestContext;
  readonly email: string;
  readonly password: string;
}

export type SeedOutcome = 'created' | 'skipped';

/**
 * Start-up seeding from configuration: creates the first super-admin only while there is none, so
 * restarting with the same variables never resets a password someone has since changed.
 */
export class SeedFirstSuperAdmin {
  constructor(
    private readonly superAdmins: SuperAdminRepository,
    private readonly createSuperAdmin: CreateSuperAdmin,
  ) {}

  async execute(command: SeedFirstSuperAdminCommand): Promise<SeedOutcome> {
    if (await this.superAdmins.exists()) return 'skipped';
    try {
      await this.createSuperAdmin.execute(command);
      return 'created';
    } catch (error) {
      // Another instance seeding at the same moment won the race: the outcome we wanted holds.
      if (error instanceof SuperAdminAlreadyExistsError) return 'skipped';
      throw error;
    }
  }
}
