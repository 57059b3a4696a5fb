import type { Organization } from '../../domain/tenancy/organization.js';
import { OrganizationNotFoundError } from '../../domain/tenancy/organization-errors.js';
import type { OrganizationRepository } from './organization.repository.js';

/**
 * Super-admins name the organization in the path, so a use case reachable from there cannot
 * assume it exists: without this, a list would answer an empty page and a create would hit a
 * foreign key instead of a clear 404.
 */
export async function requireLiveOrganization(organizations: OrganizationRepository, orgId: string): Promise<Organization> {
  const organization = await organizations.findById(orgId);
  if (!organization) throw new OrganizationNotFoundError();
  return organization;
}
