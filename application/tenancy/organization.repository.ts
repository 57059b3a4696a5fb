import type { Organization } from '../../domain/tenancy/organization.js';
import type { Page, PageRequest } from '../shared/pagination.js';

/** Only live (not soft-deleted) organizations are visible through this port. */
export interface OrganizationRepository {
  findById(id: string): Promise<Organization | null>;
  findBySlug(slug: string): Promise<Organization | null>;
  /** Oldest first, by keyset. */
  list(page: PageRequest): Promise<Page<Organization>>;
  /** Throws OrganizationSlugTakenError when a live organization already has the slug. */
  add(organization: Organization): Promise<void>;
  /** Persists changes to an organization loaded in the same transaction. */
  save(organization: Organization): Promise<void>;
}
