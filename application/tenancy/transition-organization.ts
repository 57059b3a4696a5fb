import type { Organization, OrganizationStatus, OrganizationTransition } from '../../domain/tenancy/organization.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from './organization.repository.js';
import { requireLiveOrganization } from './require-live-organization.js';

export interface TransitionOrganizationCommand {
  readonly context: RequestContext;
  readonly organizationId: string;
  readonly step: OrganizationTransition;
}

/** Super-admin lifecycle moves: activate (needs a name) and suspend. Audited as `organization.<step>`. */
export class TransitionOrganization {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: TransitionOrganizationCommand): Promise<Organization> {
    const { organizationId, step } = command;
    const action = {
      context: command.context,
      action: `organization.${step}`,
      targetType: 'organization',
      targetId: organizationId,
      orgId: organizationId,
    };
    let from: OrganizationStatus | undefined;
    return this.audited.run(
      action,
      async () => {
        const organization = await requireLiveOrganization(this.organizations, organizationId);
        from = organization.status;
        if (organization.transition(step, this.clock.now())) await this.organizations.save(organization);
        return organization;
      },
      (organization) => ({ from: from ?? organization.status, to: organization.status }),
    );
  }
}
