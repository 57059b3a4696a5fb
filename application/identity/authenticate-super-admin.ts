import { AuthenticationRequiredError } from '../../domain/identity/identity-errors.js';
import type { SuperAdmin } from '../../domain/identity/super-admin.js';
import type { SessionTokens } from './session-tokens.port.js';
import type { SuperAdminRepository } from './super-admin.repository.js';

/**
 * Turns a bearer token into the super-admin it belongs to. The account is read from the database
 * on every call, so a removed super-admin loses access at once, whatever its token says.
 */
export class AuthenticateSuperAdmin {
  constructor(
    private readonly sessions: SessionTokens,
    private readonly superAdmins: SuperAdminRepository,
  ) {}

  async execute(token: string | null): Promise<SuperAdmin> {
    if (!token) throw new AuthenticationRequiredError();
    const claims = await this.sessions.verifySuperAdminSession(token);
    if (!claims) throw new AuthenticationRequiredError('Invalid or expired token.');
    const superAdmin = await this.superAdmins.findById(claims.superAdminId);
    if (!superAdmin) throw new AuthenticationRequiredError('Invalid or expired token.');
    return superAdmin;
  }
}
