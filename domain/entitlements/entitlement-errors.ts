import { DomainError, type FieldProblem } from '../shared/domain-error.js';
import { CAPABILITY_LABELS, capabilityMidSentence as midSentence, type CapabilitySlug } from './capability.js';

// Every message here may reach a tenant: capabilities are named by their label, providers never.

function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** Also the answer for an entitlement of another organization: existence never leaks across tenants. */
export class EntitlementNotFoundError extends DomainError {
  readonly code = 'entitlement_not_found';
  readonly kind = 'not_found';

  constructor() {
    super('Entitlement not found.');
  }
}

/** A company holds at most one live entitlement per capability. */
export class EntitlementExistsError extends DomainError {
  readonly code = 'entitlement_exists';
  readonly kind = 'conflict';

  constructor(readonly capability: CapabilitySlug) {
    super(`This company already has ${withArticle(midSentence(capability))} entitlement.`);
  }
}

export class UnknownCapabilityError extends DomainError {
  readonly code = 'unknown_capability';
  readonly kind = 'invalid_input';

  constructor() {
    super('capability_id names no capability.', [{ loc: ['capability_id'], msg: 'names no capability', type: 'unknown_capability' }]);
  }
}

/** `field` is how the caller named the provider: by id (tenants) or by slug (super-admins). */
export class UnknownProviderError extends DomainError {
  readonly code = 'unknown_provider';
  readonly kind = 'invalid_input';

  constructor(field: 'provider_id' | 'provider_slug') {
    super(`${field} names no provider.`, [{ loc: [field], msg: 'names no provider', type: 'unknown_provider' }]);
  }
}

export class ProviderCapabilityMismatchError extends DomainError {
  readonly code = 'provider_capability_mismatch';
  readonly kind = 'invalid_input';

  constructor(capability: CapabilitySlug) {
    super(`provider_id names a provider that does not serve ${midSentence(capability)}.`, [
      { loc: ['provider_id'], msg: 'does not serve the capability', type: 'provider_capability_mismatch' },
    ]);
  }
}

/**
 * provider_id may be left out only when the organization's credentials single out one provider
 * of the capability; with none or several, the caller has to choose.
 */
export class ProviderRequiredError extends DomainError {
  readonly code = 'provider_required';
  readonly kind = 'invalid_input';

  constructor(capability: CapabilitySlug, providersWithCredentials: number) {
    const why =
      providersWithCredentials === 0
        ? `this organization has no provider credentials for ${midSentence(capability)} yet`
        : `this organization has credentials for several providers of ${midSentence(capability)}`;
    super(`Pass provider_id: ${why}.`, [{ loc: ['provider_id'], msg: 'required here', type: 'provider_required' }]);
  }
}

export class IllegalEntitlementTransitionError extends DomainError {
  readonly code = 'illegal_entitlement_transition';
  readonly kind = 'conflict';

  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(
      to === 'entitled'
        ? `An entitlement never returns to entitled; this one is ${from}.`
        : `Cannot move an entitlement that is ${from} to ${to}.`,
    );
  }
}

/**
 * Only provisioning (a platform administrator's step that verifies the credentials and binds the
 * company at the provider) may connect an entitlement the first time, or after a failed attempt.
 */
export class EntitlementNotProvisionedError extends DomainError {
  readonly code = 'entitlement_not_provisioned';
  readonly kind = 'conflict';

  constructor(capability: CapabilitySlug) {
    super(`This ${midSentence(capability)} entitlement must be provisioned by a platform administrator first.`);
  }
}

/** The company has no live entitlement for a capability some work needs. */
export class CapabilityNotEntitledError extends DomainError {
  readonly code = 'capability_not_entitled';
  readonly kind = 'conflict';

  constructor(readonly capability: CapabilitySlug) {
    super(`This company has no ${midSentence(capability)} entitlement.`);
  }
}

/** The company is entitled to the capability, but it is not connected: no provider call may run. */
export class CapabilityNotConnectedError extends DomainError {
  readonly code = 'capability_not_connected';
  readonly kind = 'conflict';

  constructor(readonly capability: CapabilitySlug) {
    super(`${CAPABILITY_LABELS[capability]} is not connected for this company.`);
  }
}

/** Provider credentials sent by a super-admin that the provider could not use as they are. */
export class InvalidProviderConfigError extends DomainError {
  readonly code = 'invalid_provider_config';
  readonly kind = 'invalid_input';

  constructor(problems: readonly FieldProblem[]) {
    super('The provider config is not valid.', problems);
  }
}
