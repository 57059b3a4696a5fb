import type { Organization } from '../../domain/tenancy/organization.js';
import { OrganizationNotFoundError } from '../../domain/tenancy/organization-errors.js';
import type { OrganizationRepository } from './organization.repository.js';

export interface GetOrganizationQuery {
  readonly organizationId: string;
}

export class GetOrganization {
  constructor(private readonly organizations: OrganizationRepository) {}

  async execute(query: GetOrganizationQuery): Promise<Organization> {
    const organization = await this.organizations.findById(query.organizationId);
    if (!organization) throw new OrganizationNotFoundError();
    return organization;
  }
}
