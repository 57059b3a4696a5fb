import { CAPABILITY_LABELS } from '../../domain/entitlements/capability.js';
import type { ProviderCallError } from './provider-call-error.js';

export interface ProviderFailureDescription {
  /** Trying again later may help (the HTTP answer is 503; otherwise 502). */
  readonly transient: boolean;
  readonly code: 'capability_unavailable' | 'capability_credentials_rejected' | 'capability_failed';
  /** For tenants and for `last_error`: names the capability, never the provider or its answer. */
  readonly detail: string;
}

/** The one wording of a provider failure, shared by error responses and recorded connection errors. */
export function describeProviderFailure(error: ProviderCallError): ProviderFailureDescription {
  const capability = CAPABILITY_LABELS[error.capability];
  if (error.transient) {
    return { transient: true, code: 'capability_unavailable', detail: `${capability} is temporarily unavailable. Try again shortly.` };
  }
  if (error.kind === 'auth_rejected') {
    return {
      transient: false,
      code: 'capability_credentials_rejected',
      detail: `${capability} could not authenticate with its service. A platform administrator must update the organization's credentials.`,
    };
  }
  return { transient: false, code: 'capability_failed', detail: `${capability} could not complete the request.` };
}
