import type { Role } from '../../domain/access/role.js';
import type { OrganizationStatus } from '../../domain/tenancy/organization.js';

/** What authentication needs to know about a tenant user, fresh from the database. */
export interface TenantAccount {
  readonly userId: string;
  readonly orgId: string;
  readonly companyId: string | null;
  readonly role: Role;
  readonly organizationStatus: OrganizationStatus;
}

export interface TenantAccountReader {
  /**
   * Null unless the user, its organization and its company (when it has one) are all live: a
   * deleted user, organization or company loses access on its very next request.
   */
  findLive(orgId: string, userId: string): Promise<TenantAccount | null>;
}
