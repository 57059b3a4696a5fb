import type { ApiToken } from '../../domain/identity/api-token.js';
import { ApiTokenNotFoundError } from '../../domain/identity/api-token-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { Page, PageRequest } from '../shared/pagination.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { requireLiveOrganization } from '../tenancy/require-live-organization.js';
import type { ApiTokenRepository } from './api-token.repository.js';

/** Every token of an organization, revoked and expired ones included: the super-admin's inventory. */
export class ListApiTokens {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly apiTokens: ApiTokenRepository,
  ) {}

  async execute(query: { orgId: string; page: PageRequest }): Promise<Page<ApiToken>> {
    await requireLiveOrganization(this.organizations, query.orgId);
    return this.apiTokens.list(query.orgId, query.page);
  }
}

export interface RevokeApiTokenCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly tokenId: string;
}

/** Revocation takes effect on the token's next request: authentication reads the row every time. */
export class RevokeApiToken {
  constructor(
    private readonly apiTokens: ApiTokenRepository,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  async execute(command: RevokeApiTokenCommand): Promise<void> {
    const action = { context: command.context, action: 'api_token.revoke', targetType: 'api_token', targetId: command.tokenId, orgId: command.orgId };
    let changed = false;
    await this.audited.run(
      action,
      async () => {
        const token = await this.apiTokens.findById(command.orgId, command.tokenId);
        if (!token) throw new ApiTokenNotFoundError();
        changed = token.revoke(this.clock.now());
        if (changed) await this.apiTokens.save(token);
      },
      () => ({ already_revoked: !changed }),
    );
  }
}
