import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPABILITY_SLUGS, type CapabilitySlug } from '../../../domain/entitlements/capability.js';
import { ENTITLEMENT_STATUSES, Entitlement, LAST_ERROR_MAX_LENGTH, type EntitlementStatus } from '../../../domain/entitlements/entitlement.js';
import {
  CapabilityNotConnectedError,
  CapabilityNotEntitledError,
  EntitlementExistsError,
  EntitlementNotProvisionedError,
  IllegalEntitlementTransitionError,
  ProviderRequiredError,
} from '../../../domain/entitlements/entitlement-errors.js';
import { DomainError } from '../../../domain/shared/domain-error.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const LATER = new Date('2026-01-01T00:05:00.000Z');

function granted(capability: CapabilitySlug = 'email_outreach'): Entitlement {
  return Entitlement.grant({
    id: '00000000-0000-4000-8000-0000000000e1',
    orgId: '00000000-0000-4000-8000-0000000000a1',
    companyId: '00000000-0000-4000-8000-0000000000c1',
    capabilityId: '0c0a0001-0000-4000-8000-000000000001',
    capability,
    providerId: '0c0a0002-0000-4000-8000-000000000001',
    now: T0,
  });
}

function connected(): Entitlement {
  const entitlement = granted();
  entitlement.markConnected({ providerClientId: 'client-42', at: T0 });
  return entitlement;
}

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('Entitlement.grant', () => {
  it('starts entitled, waiting for provisioning, with nothing checked yet', () => {
    expect(granted()).toMatchObject({
      status: 'entitled',
      provisioningState: 'pending_client_mapping',
      providerClientId: null,
      lastError: null,
      lastCheckedAt: null,
      createdAt: T0,
      updatedAt: T0,
      deletedAt: null,
    });
  });
});

describe('provisioning moves', () => {
  it('markConnected connects, records the client and when it was checked, and clears the last error', () => {
    const entitlement = granted();
    entitlement.markConnectionFailed({ error: 'The credentials were refused.', at: T0 });

    entitlement.markConnected({ providerClientId: 'client-7', at: LATER });

    expect(entitlement).toMatchObject({
      status: 'connected',
      provisioningState: 'connected',
      providerClientId: 'client-7',
      lastError: null,
      lastCheckedAt: LATER,
      updatedAt: LATER,
    });
  });

  it('markConnected accepts a provider without clients', () => {
    const entitlement = granted();
    entitlement.markConnected({ providerClientId: null, at: LATER });
    expect(entitlement).toMatchObject({ status: 'connected', providerClientId: null });
  });

  it.each(['entitled', 'connected', 'disconnected'] as const)('markConnectionFailed from %s disconnects and records the reason', (from) => {
    const entitlement = granted();
    if (from !== 'entitled') entitlement.markConnected({ providerClientId: 'c', at: T0 });
    if (from === 'disconnected') entitlement.requestStatus('disconnected', T0);

    entitlement.markConnectionFailed({ error: '  The credentials were refused.  ', at: LATER });

    expect(entitlement).toMatchObject({
      status: 'disconnected',
      provisioningState: 'failed',
      lastError: 'The credentials were refused.',
      lastCheckedAt: LATER,
    });
  });

  it('keeps the client binding a failed attempt was made with, so a retry need not repeat it', () => {
    const entitlement = granted();
    entitlement.markConnectionFailed({ error: 'Unavailable.', at: LATER, providerClientId: 'client-9' });
    expect(entitlement.providerClientId).toBe('client-9');
    entitlement.markConnectionFailed({ error: 'Unavailable again.', at: LATER });
    expect(entitlement.providerClientId).toBe('client-9');
  });

  it("keeps a tenant's switch-off through re-provisioning, but reconnects after a failure", () => {
    const switchedOff = connected();
    switchedOff.requestStatus('disconnected', T0);
    switchedOff.markConnected({ providerClientId: 'client-42', at: LATER });
    expect(switchedOff).toMatchObject({ status: 'disconnected', provisioningState: 'connected', lastCheckedAt: LATER });

    const failed = connected();
    failed.markConnectionFailed({ error: 'Refused.', at: T0 });
    failed.markConnected({ providerClientId: 'client-42', at: LATER });
    expect(failed).toMatchObject({ status: 'connected', provisioningState: 'connected', lastError: null });
  });

  it('bounds the stored reason and never stores an empty one', () => {
    const long = granted();
    long.markConnectionFailed({ error: 'x'.repeat(5000), at: LATER });
    expect(long.lastError).toHaveLength(LAST_ERROR_MAX_LENGTH);

    const blank = granted();
    blank.markConnectionFailed({ error: '   ', at: LATER });
    expect(blank.lastError).toBe('The connection attempt failed.');
  });

  it('awaitClientMapping keeps an entitled entitlement entitled and marks the mapping pending', () => {
    const entitlement = granted();
    entitlement.awaitClientMapping({ at: LATER });
    expect(entitlement).toMatchObject({ status: 'entitled', provisioningState: 'pending_client_mapping', lastCheckedAt: LATER });
  });

  it('awaitClientMapping takes a connected entitlement offline: without its client binding no call may run', () => {
    const entitlement = connected();
    entitlement.awaitClientMapping({ at: LATER });
    expect(entitlement).toMatchObject({ status: 'disconnected', provisioningState: 'pending_client_mapping', providerClientId: null, lastError: null });
  });
});

describe('Entitlement.requestStatus (what a tenant may do)', () => {
  it('switches a connected entitlement off and back on', () => {
    const entitlement = connected();

    expect(entitlement.requestStatus('disconnected', LATER)).toBe(true);
    expect(entitlement).toMatchObject({ status: 'disconnected', provisioningState: 'connected', updatedAt: LATER });
    expect(entitlement.requestStatus('connected', LATER)).toBe(true);
    expect(entitlement.status).toBe('connected');
  });

  it.each(ENTITLEMENT_STATUSES)('treats asking for the current status (%s) as a no-op', (status) => {
    const entitlement = granted();
    if (status !== 'entitled') entitlement.markConnected({ providerClientId: 'c', at: T0 });
    if (status === 'disconnected') entitlement.requestStatus('disconnected', T0);

    expect(entitlement.requestStatus(status, LATER)).toBe(false);
    expect(entitlement.updatedAt).toEqual(T0);
  });

  it('refuses to connect an entitlement provisioning never connected, naming the capability only', () => {
    const error = errorOf(() => granted().requestStatus('connected', LATER));

    expect(error).toBeInstanceOf(EntitlementNotProvisionedError);
    expect(error).toMatchObject({
      code: 'entitlement_not_provisioned',
      kind: 'conflict',
      message: 'This email outreach entitlement must be provisioned by a platform administrator first.',
    });
  });

  it('refuses to reconnect after a failed provisioning attempt', () => {
    const entitlement = connected();
    entitlement.markConnectionFailed({ error: 'refused', at: LATER });

    expect(() => entitlement.requestStatus('connected', LATER)).toThrow(EntitlementNotProvisionedError);
  });

  it('refuses to disconnect an entitlement that was never connected, naming the current status', () => {
    const error = errorOf(() => granted().requestStatus('disconnected', LATER));

    expect(error).toBeInstanceOf(IllegalEntitlementTransitionError);
    expect(error).toMatchObject({ code: 'illegal_entitlement_transition', kind: 'conflict', message: 'Cannot move an entitlement that is entitled to disconnected.' });
  });

  it('never lets an entitlement return to entitled', () => {
    const error = errorOf(() => connected().requestStatus('entitled', LATER));

    expect(error).toBeInstanceOf(IllegalEntitlementTransitionError);
    expect((error as Error).message).toBe('An entitlement never returns to entitled; this one is connected.');
  });
});

describe('Entitlement.assertConnected', () => {
  it('passes a connected entitlement', () => {
    expect(() => connected().assertConnected()).not.toThrow();
  });

  it.each(CAPABILITY_SLUGS)('refuses any other, naming the %s capability by its label', (capability) => {
    const error = errorOf(() => granted(capability).assertConnected());

    expect(error).toBeInstanceOf(CapabilityNotConnectedError);
    expect(error).toMatchObject({
      code: 'capability_not_connected',
      kind: 'conflict',
      message: capability === 'email_outreach' ? 'Email outreach is not connected for this company.' : 'LinkedIn outreach is not connected for this company.',
    });
  });
});

describe('entitlement errors speak in capabilities', () => {
  it('words capability labels correctly mid-sentence', () => {
    expect(new CapabilityNotEntitledError('email_outreach').message).toBe('This company has no email outreach entitlement.');
    expect(new CapabilityNotEntitledError('linkedin_outreach').message).toBe('This company has no LinkedIn outreach entitlement.');
    expect(new EntitlementExistsError('email_outreach').message).toBe('This company already has an email outreach entitlement.');
    expect(new EntitlementExistsError('linkedin_outreach').message).toBe('This company already has a LinkedIn outreach entitlement.');
    expect(new ProviderRequiredError('email_outreach', 0)).toMatchObject({ code: 'provider_required', kind: 'invalid_input' });
    expect(new ProviderRequiredError('email_outreach', 2).message).toContain('several providers of email outreach');
  });
});

type Move =
  | { kind: 'markConnected'; clientId: string | null }
  | { kind: 'markConnectionFailed'; error: string }
  | { kind: 'awaitClientMapping' }
  | { kind: 'requestStatus'; target: EntitlementStatus }
  | { kind: 'assertConnected' };

const moves: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ kind: fc.constant('markConnected' as const), clientId: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null }) }),
  fc.record({ kind: fc.constant('markConnectionFailed' as const), error: fc.string({ maxLength: 600 }) }),
  fc.record({ kind: fc.constant('awaitClientMapping' as const) }),
  fc.record({ kind: fc.constant('requestStatus' as const), target: fc.constantFrom(...ENTITLEMENT_STATUSES) }),
  fc.record({ kind: fc.constant('assertConnected' as const) }),
);

function apply(entitlement: Entitlement, move: Move, at: Date): void {
  switch (move.kind) {
    case 'markConnected':
      return entitlement.markConnected({ providerClientId: move.clientId, at });
    case 'markConnectionFailed':
      return entitlement.markConnectionFailed({ error: move.error, at });
    case 'awaitClientMapping':
      return entitlement.awaitClientMapping({ at });
    case 'requestStatus':
      entitlement.requestStatus(move.target, at);
      return;
    case 'assertConnected':
      return entitlement.assertConnected();
  }
}

function illegalStateOf(entitlement: Entitlement, hasLeftEntitled: boolean): string | null {
  if (entitlement.status === 'connected' && entitlement.provisioningState !== 'connected') return 'connected without verified provisioning';
  if (entitlement.status === 'connected' && entitlement.lastCheckedAt === null) return 'connected but never checked';
  if (entitlement.provisioningState === 'failed' && entitlement.status !== 'disconnected') return 'failed provisioning but not disconnected';
  if ((entitlement.lastError !== null) !== (entitlement.provisioningState === 'failed')) return 'last error out of step with provisioning';
  if (entitlement.lastError !== null && (entitlement.lastError === '' || entitlement.lastError.length > LAST_ERROR_MAX_LENGTH)) return 'unbounded last error';
  if (hasLeftEntitled && entitlement.status === 'entitled') return 'returned to entitled';
  return null;
}

describe('the state machine under arbitrary sequences of moves', () => {
  it('never reaches an illegal state, and a refused move changes nothing', () => {
    fc.assert(
      fc.property(fc.array(moves, { maxLength: 40 }), (sequence) => {
        const entitlement = granted();
        let hasLeftEntitled = false;
        sequence.forEach((move, index) => {
          const before = { ...entitlement };
          try {
            apply(entitlement, move, new Date(T0.getTime() + (index + 1) * 1000));
          } catch (error) {
            // Only expected business outcomes may be thrown, and they must leave no trace.
            expect(error).toBeInstanceOf(DomainError);
            expect({ ...entitlement }).toEqual(before);
          }
          hasLeftEntitled ||= entitlement.status !== 'entitled';
          expect(illegalStateOf(entitlement, hasLeftEntitled)).toBeNull();
        });
      }),
      { numRuns: 500 },
    );
  });

  it('lets provider calls through exactly when the entitlement is connected', () => {
    fc.assert(
      fc.property(fc.array(moves, { maxLength: 30 }), (sequence) => {
        const entitlement = granted();
        sequence.forEach((move, index) => {
          try {
            apply(entitlement, move, new Date(T0.getTime() + index * 1000));
          } catch {
            // refused moves are covered above
          }
        });
        const passes = (() => {
          try {
            entitlement.assertConnected();
            return true;
          } catch {
            return false;
          }
        })();
        expect(passes).toBe(entitlement.status === 'connected');
      }),
      { numRuns: 300 },
    );
  });
});
