import type { Organization } from '../../domain/tenancy/organization.js';
import type { Page, PageRequest } from '../shared/pagination.js';
import type { OrganizationRepository } from './organization.repository.js';

export class ListOrganizations {
  constructor(private readonly organizations: OrganizationRepository) {}

  execute(query: PageRequest): Promise<Page<Organization>> {
    return this.organizations.list(query);
  }
}
