import { describe, expect, it } from 'vitest';
import {
  IllegalOrganizationTransitionError,
  OrganizationNameRequiredError,
  OrganizationNotFoundError,
} from '../../../domain/tenancy/organization-errors.js';
import { SUPER_ADMIN, UNKNOWN_ID, makeTenancySut } from './tenancy-sut.js';

describe('TransitionOrganization', () => {
  it('activates an onboarding organization, then suspends and reactivates it, auditing each step', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    sut.clock.advanceSeconds(60);

    const active = await sut.transitionOrganization.execute({ context: { ...SUPER_ADMIN, requestId: 'req-act' }, organizationId: orgId, step: 'activate' });
    expect(active.status).toBe('active');
    expect(active.updatedAt).toEqual(sut.clock.now());
    expect((await sut.organizations.findById(orgId))?.status).toBe('active');

    await sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId, step: 'suspend' });
    expect((await sut.organizations.findById(orgId))?.status).toBe('suspended');
    await sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId, step: 'activate' });
    expect((await sut.organizations.findById(orgId))?.status).toBe('active');

    expect(sut.auditLog.entriesFor('organization.activate')).toEqual([
      expect.objectContaining({
        outcome: 'success',
        actor: SUPER_ADMIN.actor,
        orgId,
        targetType: 'organization',
        targetId: orgId,
        requestId: 'req-act',
        detail: { from: 'onboarding', to: 'active' },
      }),
      expect.objectContaining({ outcome: 'success', detail: { from: 'suspended', to: 'active' } }),
    ]);
    expect(sut.auditLog.entriesFor('organization.suspend')).toEqual([
      expect.objectContaining({ outcome: 'success', detail: { from: 'active', to: 'suspended' } }),
    ]);
  });

  it('treats repeating a step as a no-op that changes neither status nor updatedAt', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    const active = await sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId, step: 'activate' });
    sut.clock.advanceSeconds(60);

    const again = await sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId, step: 'activate' });

    expect(again).toMatchObject({ status: 'active', updatedAt: active.updatedAt });
    expect(sut.auditLog.entriesFor('organization.activate', 'success').at(-1)?.detail).toEqual({ from: 'active', to: 'active' });
  });

  it('refuses to suspend an onboarding organization with IllegalOrganizationTransitionError', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();

    await expect(sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId, step: 'suspend' })).rejects.toBeInstanceOf(
      IllegalOrganizationTransitionError,
    );
    expect((await sut.organizations.findById(orgId))?.status).toBe('onboarding');
    expect(sut.auditLog.entriesFor('organization.suspend')).toEqual([
      expect.objectContaining({ outcome: 'failure', detail: { code: 'illegal_organization_transition' } }),
    ]);
  });

  it('refuses to activate an organization without a name', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization('nameless', '   ');

    await expect(sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId, step: 'activate' })).rejects.toBeInstanceOf(
      OrganizationNameRequiredError,
    );
    expect((await sut.organizations.findById(orgId))?.status).toBe('onboarding');
    expect(sut.auditLog.entriesFor('organization.activate', 'failure')[0]?.detail).toEqual({ code: 'organization_name_required' });
  });

  it('answers OrganizationNotFoundError for an unknown or deleted organization', async () => {
    const sut = makeTenancySut();
    const orgId = await sut.organization();
    await sut.deleteOrganization.execute({ context: SUPER_ADMIN, organizationId: orgId });

    for (const organizationId of [orgId, UNKNOWN_ID]) {
      await expect(sut.transitionOrganization.execute({ context: SUPER_ADMIN, organizationId, step: 'activate' })).rejects.toBeInstanceOf(
        OrganizationNotFoundError,
      );
    }
  });
});
