import { OrganizationNotFoundError } from '../../domain/tenancy/organization-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from './organization.repository.js';

export interface DeleteOrganizationCommand {
  readonly context: RequestContext;
  readonly organizationId: string;
}

/** Soft delete: the row stays for audit and recovery, but the slug is free for a new organization. */
export class DeleteOrganization {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeleteOrganizationCommand): Promise<void> {
    const { organizationId } = command;
    const action = {
      context: command.context,
      action: 'organization.delete',
      targetType: 'organization',
      targetId: organizationId,
      orgId: organizationId,
    };
    await this.audited.run(action, async () => {
      const organization = await this.organizations.findById(organizationId);
      if (!organization) throw new OrganizationNotFoundError();
      organization.softDelete(this.clock.now());
      await this.organizations.save(organization);
    });
  }
}
