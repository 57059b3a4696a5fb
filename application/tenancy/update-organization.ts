import type { Organization, OrganizationChanges } from '../../domain/tenancy/organization.js';
import { OrganizationNotFoundError, OrganizationSlugTakenError } from '../../domain/tenancy/organization-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from './organization.repository.js';

export interface UpdateOrganizationCommand {
  readonly context: RequestContext;
  readonly organizationId: string;
  readonly changes: OrganizationChanges;
}

export class UpdateOrganization {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateOrganizationCommand): Promise<Organization> {
    const { organizationId, changes } = command;
    const action = {
      context: command.context,
      action: 'organization.update',
      targetType: 'organization',
      targetId: organizationId,
      orgId: organizationId,
    };
    let changedFields: string[] = [];
    return this.audited.run(
      action,
      async () => {
        const organization = await this.organizations.findById(organizationId);
        if (!organization) throw new OrganizationNotFoundError();
        if (changes.slug !== undefined && changes.slug !== organization.slug) {
          const holder = await this.organizations.findBySlug(changes.slug);
          if (holder) throw new OrganizationSlugTakenError(changes.slug);
        }
        changedFields = organization.update(changes, this.clock.now());
        if (changedFields.length) await this.organizations.save(organization);
        return organization;
      },
      () => ({ fields: changedFields }),
    );
  }
}
