import { Organization } from '../../domain/tenancy/organization.js';
import { OrganizationSlugTakenError } from '../../domain/tenancy/organization-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from './organization.repository.js';

export interface CreateOrganizationCommand {
  readonly context: RequestContext;
  readonly name: string;
  readonly slug: string;
}

export class CreateOrganization {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: CreateOrganizationCommand): Promise<Organization> {
    const id = this.ids.next();
    const action = { context: command.context, action: 'organization.create', targetType: 'organization', targetId: id, orgId: id };
    return this.audited.run(action, async () => {
      const organization = Organization.register({ id, name: command.name, slug: command.slug, now: this.clock.now() });
      // The partial unique index is the real guard against races; this check gives the clear answer.
      if (await this.organizations.findBySlug(organization.slug)) throw new OrganizationSlugTakenError(organization.slug);
      await this.organizations.add(organization);
      return organization;
    });
  }
}
