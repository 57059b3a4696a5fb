import { ApiToken } from '../../domain/identity/api-token.js';
import { UserNotFoundError } from '../../domain/identity/user-errors.js';
import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { IdGenerator } from '../shared/id-generator.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { OrganizationRepository } from '../tenancy/organization.repository.js';
import { requireLiveOrganization } from '../tenancy/require-live-organization.js';
import type { ApiTokenRepository } from './api-token.repository.js';
import type { ApiTokenSecrets } from './api-token-secrets.port.js';
import type { UserRepository } from './user.repository.js';

export interface IssueApiTokenCommand {
  readonly context: RequestContext;
  readonly orgId: string;
  readonly userId: string;
  readonly name?: string | null | undefined;
  readonly expiresAt?: Date | null | undefined;
}

export interface IssuedApiToken {
  readonly token: ApiToken;
  /** The only time the raw value exists outside the caller's hands. */
  readonly raw: string;
}

/** A super-admin issues an API token that authenticates as one live user of the organization. */
export class IssueApiToken {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly users: UserRepository,
    private readonly apiTokens: ApiTokenRepository,
    private readonly secrets: ApiTokenSecrets,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(command: IssueApiTokenCommand): Promise<IssuedApiToken> {
    const id = this.ids.next();
    const action = { context: command.context, action: 'api_token.issue', targetType: 'api_token', targetId: id, orgId: command.orgId };
    return this.audited.run(
      action,
      async () => {
        await requireLiveOrganization(this.organizations, command.orgId);
        if (!(await this.users.findById(command.orgId, command.userId))) throw new UserNotFoundError();
        const secret = this.secrets.generate();
        const token = ApiToken.issue({
          id,
          orgId: command.orgId,
          userId: command.userId,
          tokenHash: secret.hash,
          name: command.name,
          expiresAt: command.expiresAt,
          now: this.clock.now(),
        });
        await this.apiTokens.add(token);
        return { token, raw: secret.raw };
      },
      ({ token }) => ({ user_id: token.userId, expires: token.expiresAt !== null }),
    );
  }
}
