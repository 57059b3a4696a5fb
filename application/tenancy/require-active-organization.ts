import type { Organization } from '../../domain/tenancy/organization.js';
import type { OrganizationRepository } from './organization.repository.js';
import { requireLiveOrganization } from './require-live-organization.js';

/**
 * The guard for work that needs a live business relationship — launching or resuming campaigns,
 * adding leads. It reads the status inside the caller's transaction rather than trusting what the
 * request's principal saw, so a suspension that lands mid-request still stops the work.
 * Throws OrganizationNotFoundError or OrganizationNotActiveError (409, names the status).
 */
export async function requireActiveOrganization(organizations: OrganizationRepository, orgId: string): Promise<Organization> {
  const organization = await requireLiveOrganization(organizations, orgId);
  organization.assertActive();
  return organization;
}
