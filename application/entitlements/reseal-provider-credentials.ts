import type { AuditedTransaction } from '../audit/audited-transaction.js';
import type { Clock } from '../shared/clock.port.js';
import type { RequestContext } from '../shared/request-context.js';
import type { ProviderCredentialStore } from './provider-credential-store.port.js';

/**
 * The second half of a key rotation: every stored credential sealed with a key other than the
 * active one is re-sealed with it, in one transaction, so the old key can leave the ring.
 */
export class ResealProviderCredentials {
  constructor(
    private readonly credentials: ProviderCredentialStore,
    private readonly audited: AuditedTransaction,
    private readonly clock: Clock,
  ) {}

  execute(command: { readonly context: RequestContext }): Promise<number> {
    const action = { context: command.context, action: 'provider_credentials.reseal', targetType: 'provider_credentials', targetId: null, orgId: null };
    return this.audited.run(
      action,
      () => this.credentials.resealWithActiveKey(this.clock.now()),
      (resealed) => ({ resealed }),
    );
  }
}
