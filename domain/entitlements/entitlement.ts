import { boundedReason, REASON_MAX_LENGTH } from '../shared/bounded-reason.js';
import type { CapabilitySlug } from './capability.js';
import { CapabilityNotConnectedError, EntitlementNotProvisionedError, IllegalEntitlementTransitionError } from './entitlement-errors.js';

/**
 * - `entitled`: granted, not yet usable; provisioning has not connected it.
 * - `connected`: provisioning verified the credentials (and the company's client at the provider,
 *   where it has one); the only status under which provider calls run.
 * - `disconnected`: switched off by the tenant, or the last provisioning attempt failed.
 */
export const ENTITLEMENT_STATUSES = ['entitled', 'connected', 'disconnected'] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];

/** Where provisioning stands, apart from what the tenant chose: a connection can be verified yet switched off. */
export const PROVISIONING_STATES = ['pending_client_mapping', 'connected', 'failed'] as const;
export type ProvisioningState = (typeof PROVISIONING_STATES)[number];

/** A stored reason, not a payload: longer ones are cut. */
export const LAST_ERROR_MAX_LENGTH = REASON_MAX_LENGTH;

/**
 * One company's right to one capability, fulfilled by one provider. Invariants, whatever the
 * sequence of calls:
 * - `connected` implies provisioning is `connected` (and `lastCheckedAt` is set);
 * - provisioning `failed` implies `disconnected`, and `lastError` is set exactly then;
 * - once it has left `entitled`, it never returns there.
 * Provisioning moves it with `markConnected`, `markConnectionFailed` and `awaitClientMapping`;
 * tenants only with `requestStatus`.
 */
export class Entitlement {
  constructor(
    readonly id: string,
    readonly orgId: string,
    readonly companyId: string,
    readonly capabilityId: string,
    /** Carried along so errors can name the capability without a catalogue lookup. */
    readonly capability: CapabilitySlug,
    readonly providerId: string,
    public status: EntitlementStatus,
    /** The company's client (sub-account) at the provider, where the provider has such a thing. */
    public providerClientId: string | null,
    public provisioningState: ProvisioningState,
    /** Why the last provisioning attempt failed, in capability terms; never a provider payload. */
    public lastError: string | null,
    public lastCheckedAt: Date | null,
    readonly createdAt: Date,
    public updatedAt: Date,
    public deletedAt: Date | null = null,
  ) {}

  static grant(props: {
    id: string;
    orgId: string;
    companyId: string;
    capabilityId: string;
    capability: CapabilitySlug;
    providerId: string;
    now: Date;
  }): Entitlement {
    return new Entitlement(
      props.id,
      props.orgId,
      props.companyId,
      props.capabilityId,
      props.capability,
      props.providerId,
      'entitled',
      null,
      'pending_client_mapping',
      null,
      null,
      props.now,
      props.now,
    );
  }

  /**
   * Provisioning verified the connection; `providerClientId` is null for providers without
   * clients. A tenant's switch-off (disconnected while provisioning stood at `connected`) is their
   * decision and survives re-provisioning: the check is recorded, the status stays.
   */
  markConnected(props: { providerClientId: string | null; at: Date }): void {
    const switchedOffByTenant = this.status === 'disconnected' && this.provisioningState === 'connected';
    if (!switchedOffByTenant) this.status = 'connected';
    this.provisioningState = 'connected';
    this.providerClientId = props.providerClientId;
    this.lastError = null;
    this.touchChecked(props.at);
  }

  /**
   * Provisioning could not connect: nothing may run until it succeeds. `error` must not hold a
   * provider payload. The client binding the attempt was made with is kept, so a retry after a
   * passing outage need not repeat it.
   */
  markConnectionFailed(props: { error: string; at: Date; providerClientId?: string | null }): void {
    this.status = 'disconnected';
    this.provisioningState = 'failed';
    if (props.providerClientId !== undefined) this.providerClientId = props.providerClientId;
    this.lastError = connectionFailureReason(props.error);
    this.touchChecked(props.at);
  }

  /**
   * The credentials work, but the company is not bound to a client at the provider yet. A
   * connected entitlement drops to `disconnected`: without its binding, calls would act for the
   * wrong client or for none.
   */
  awaitClientMapping(props: { at: Date }): void {
    if (this.status === 'connected') this.status = 'disconnected';
    this.provisioningState = 'pending_client_mapping';
    this.providerClientId = null;
    this.lastError = null;
    this.touchChecked(props.at);
  }

  /**
   * What a tenant may do: switch a connected entitlement off, and back on once provisioning has
   * verified it. Asking for the current status changes nothing, so a retried request is harmless.
   * Answers whether the status changed.
   */
  requestStatus(target: EntitlementStatus, now: Date): boolean {
    if (target === this.status) return false;
    if (target === 'entitled') throw new IllegalEntitlementTransitionError(this.status, target);
    if (target === 'disconnected' && this.status !== 'connected') throw new IllegalEntitlementTransitionError(this.status, target);
    if (target === 'connected' && this.provisioningState !== 'connected') throw new EntitlementNotProvisionedError(this.capability);
    this.status = target;
    this.updatedAt = now;
    return true;
  }

  /** The guard in front of every provider call made for this company and capability. */
  assertConnected(): void {
    if (this.status !== 'connected') throw new CapabilityNotConnectedError(this.capability);
  }

  softDelete(now: Date): void {
    if (this.deletedAt !== null) return;
    this.deletedAt = now;
    this.updatedAt = now;
  }

  private touchChecked(at: Date): void {
    this.lastCheckedAt = at;
    this.updatedAt = at;
  }
}

function connectionFailureReason(error: string): string {
  return boundedReason(error) || 'The connection attempt failed.';
}
