import { DomainError } from '../shared/domain-error.js';

// Provisioning is super-admin work, but these messages still name no provider: the audit trail
// that records them is readable by the organization's admins.

export class ProviderCredentialsMissingError extends DomainError {
  readonly code = 'provider_credentials_missing';
  readonly kind = 'conflict';

  constructor() {
    super("The organization has no credentials for this company's provider. Set its provider config first.");
  }
}

export class ClientMappingNotSupportedError extends DomainError {
  readonly code = 'client_mapping_not_supported';
  readonly kind = 'invalid_input';

  constructor(field: string) {
    super(`This provider has no client accounts; leave ${field} out.`, [
      { loc: ['body', field], msg: 'not supported by this provider', type: 'client_mapping_not_supported' },
    ]);
  }
}

export class EntitlementProviderMismatchError extends DomainError {
  readonly code = 'entitlement_provider_mismatch';
  readonly kind = 'conflict';

  constructor() {
    super("The company's entitlement is fulfilled by another provider. Delete the entitlement to change providers.");
  }
}

/** Syncing accounts needs a connected entitlement with its client binding in place. */
export class ProvisioningIncompleteError extends DomainError {
  readonly code = 'provisioning_incomplete';
  readonly kind = 'conflict';

  constructor() {
    super('The company is not provisioned for this capability yet. Provision it first.');
  }
}
