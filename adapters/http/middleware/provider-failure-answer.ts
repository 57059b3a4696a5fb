import type { ProviderCallError } from '../../../application/outreach/provider-call-error.js';
import { describeProviderFailure } from '../../../application/outreach/provider-failure-description.js';

export interface ProviderFailureAnswer {
  readonly status: 502 | 503;
  readonly code: string;
  readonly detail: string;
}

/**
 * What a tenant learns when a provider call fails: which capability is in trouble and whether
 * trying again may help (503) or not (502) — never which provider, what it answered, or with
 * which key.
 */
export function providerFailureAnswer(error: ProviderCallError): ProviderFailureAnswer {
  const description = describeProviderFailure(error);
  return { status: description.transient ? 503 : 502, code: description.code, detail: description.detail };
}
