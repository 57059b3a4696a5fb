import { capabilityMidSentence, type CapabilitySlug } from '../../domain/entitlements/capability.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { ProviderOperation, ProviderOutcome } from './provider-outcome.js';

/** What each operation is called when a tenant is told it cannot be done. */
const OPERATION_PHRASES: Readonly<Record<ProviderOperation, string>> = {
  pause_lead: 'Pausing a single lead',
  resume_lead: 'Resuming a single lead',
  stop_lead: 'Stopping a single lead',
  unsubscribe_lead: 'Unsubscribing a single lead',
  stop_campaign: 'Stopping a campaign',
  save_sequence: 'Saving the sequence',
  lead_messages: "Reading a lead's messages",
};

/**
 * A port operation the company's provider cannot perform. It names the operation and the
 * capability, never the provider: to the tenant it is a property of their configuration.
 */
export class OperationNotSupportedError extends DomainError {
  readonly code = 'operation_not_supported';
  readonly kind = 'conflict';

  constructor(
    readonly operation: ProviderOperation,
    capability: CapabilitySlug,
  ) {
    super(`${OPERATION_PHRASES[operation]} is not available for ${capabilityMidSentence(capability)} on this company's account.`);
  }
}

/**
 * Turns an adapter's typed "unsupported" outcome into the refusal use cases answer with (409),
 * so no caller can mistake it for success.
 */
export function requireSupported(outcome: ProviderOutcome, capability: CapabilitySlug): void {
  if (!outcome.supported) throw new OperationNotSupportedError(outcome.operation, capability);
}
