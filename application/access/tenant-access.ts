import type { Role } from '../../domain/access/role.js';
import type { OrganizationStatus } from '../../domain/tenancy/organization.js';

export type TenantAuthMethod = 'session' | 'api_token';

/**
 * An authenticated tenant caller. Role, company and organization status come from the database
 * on every request; only the identity (user and organization) comes from the credential.
 */
export interface TenantAccess {
  readonly userId: string;
  readonly orgId: string;
  readonly companyId: string | null;
  readonly role: Role;
  readonly organizationStatus: OrganizationStatus;
  readonly authMethod: TenantAuthMethod;
  /** Set when the caller authenticated with an API token. */
  readonly apiTokenId: string | null;
  /**
   * Accounts (user ids) whose password the login that started this session matched: the
   * organizations a caller may switch to without logging in again. Empty for API tokens.
   */
  readonly provenUserIds: readonly string[];
}
