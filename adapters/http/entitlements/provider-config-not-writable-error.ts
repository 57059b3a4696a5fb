import { DomainError } from '../../../domain/shared/domain-error.js';

/**
 * The reference contract lets a tenant PUT an entitlement's `provider_config`. Here provider
 * settings belong to provisioning and stay inside the engine, so a non-null value is refused
 * rather than silently dropped.
 */
export class ProviderConfigNotWritableError extends DomainError {
  readonly code = 'provider_config_not_writable';
  readonly kind = 'invalid_input';

  constructor() {
    super('provider_config is managed by provisioning and cannot be set here; send null or leave it out.', [
      { loc: ['body', 'provider_config'], msg: 'must be null or absent', type: 'not_writable' },
    ]);
  }
}
