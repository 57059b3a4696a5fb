import type { TenantAccess } from '../access/tenant-access.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { OrganizationNotFoundError } from '../../domain/tenancy/organization-errors.js';
import { SessionRequiredError } from '../../domain/access/access-errors.js';
import { choicesFor, type OrganizationChoice, type TenantSession } from './login-user.js';
import type { SessionTokens } from './session-tokens.port.js';
import type { UserRepository } from './user.repository.js';

/**
 * The organizations a session may switch to: the accounts its login proved that are still live.
 * An API token belongs to one user of one organization and switches nowhere.
 */
export class ListSwitchableOrganizations {
  constructor(
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
  ) {}

  async execute(access: TenantAccess): Promise<OrganizationChoice[]> {
    const me = await this.users.findById(access.orgId, access.userId);
    if (!me) return [];
    if (access.authMethod === 'api_token') return choicesFor([me], this.organizations);
    const proven = new Set(access.provenUserIds);
    const accounts = (await this.users.findLoginCandidates(me.email)).filter((user) => proven.has(user.id));
    return choicesFor(accounts, this.organizations);
  }
}

export interface SwitchOrganizationCommand {
  readonly context: RequestContext;
  readonly access: TenantAccess;
  readonly organizationId: string;
}

/** Issues a session for another of the caller's proven accounts; anything else is "not found". */
export class SwitchOrganization {
  constructor(
    private readonly switchable: ListSwitchableOrganizations,
    private readonly sessions: SessionTokens,
    private readonly audited: AuditedTransaction,
  ) {}

  async execute(command: SwitchOrganizationCommand): Promise<TenantSession> {
    const { access } = command;
    const action = { context: command.context, action: 'user.switch_organization', targetType: 'organization', orgId: access.orgId };
    if (access.authMethod !== 'session') {
      await this.audited.record({ ...action, targetId: command.organizationId }, 'failure', { reason: 'api_token' });
      throw new SessionRequiredError();
    }
    const choices = await this.switchable.execute(access);
    const current = choices.find((choice) => choice.orgId === command.organizationId);
    if (!current) {
      await this.audited.record({ ...action, targetId: command.organizationId }, 'failure', { reason: 'not_switchable' });
      throw new OrganizationNotFoundError();
    }
    const session = await this.sessions.issueTenantSession({
      userId: current.userId,
      orgId: current.orgId,
      provenUserIds: choices.map((choice) => choice.userId),
    });
    await this.audited.record({ ...action, targetId: current.orgId }, 'success', { to_user_id: current.userId });
    return { session, current, choices };
  }
}
