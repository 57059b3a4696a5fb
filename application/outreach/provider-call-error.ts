import type { CapabilitySlug } from '../../domain/entitlements/capability.js';

/**
 * Why a provider call failed, in terms the engine acts on:
 * - transient ones (timeout, network, rate_limited, server_error) were already retried and may
 *   succeed later → 503;
 * - terminal ones (auth_rejected, request_rejected, not_found, malformed_response) will fail
 *   the same way again → 502.
 */
export type ProviderFailureKind =
  | 'timeout'
  | 'network'
  | 'rate_limited'
  | 'server_error'
  | 'auth_rejected'
  | 'request_rejected'
  | 'not_found'
  | 'malformed_response';

const TRANSIENT: ReadonlySet<ProviderFailureKind> = new Set(['timeout', 'network', 'rate_limited', 'server_error']);

export interface ProviderCallFailure {
  readonly capability: CapabilitySlug;
  readonly kind: ProviderFailureKind;
  /** A stable name of the port operation, e.g. `campaign.create`; safe to log. */
  readonly operation: string;
  /** The provider's HTTP status, when one was received. */
  readonly httpStatus: number | null;
  readonly attempts: number;
}

/**
 * Thrown by every provider adapter when a call does not succeed. It deliberately carries no
 * provider name, credential, URL or response body: it travels to logs and, through the error
 * mapper, to tenants, who may only ever learn which capability is in trouble.
 */
export class ProviderCallError extends Error {
  readonly capability: CapabilitySlug;
  readonly kind: ProviderFailureKind;
  readonly operation: string;
  readonly httpStatus: number | null;
  readonly attempts: number;

  constructor(failure: ProviderCallFailure) {
    super(`${failure.capability} ${failure.operation} failed: ${failure.kind}${failure.httpStatus ? ` (HTTP ${failure.httpStatus})` : ''} after ${failure.attempts} attempt(s)`);
    this.name = 'ProviderCallError';
    this.capability = failure.capability;
    this.kind = failure.kind;
    this.operation = failure.operation;
    this.httpStatus = failure.httpStatus;
    this.attempts = failure.attempts;
  }

  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }
}
