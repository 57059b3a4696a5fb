import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORGANIZATION_STATUSES, Organization, type OrganizationStatus, type OrganizationTransition } from '../../../domain/tenancy/organization.js';
import {
  IllegalOrganizationTransitionError,
  OrganizationNameRequiredError,
  OrganizationNotActiveError,
} from '../../../domain/tenancy/organization-errors.js';

const ID = '00000000-0000-4000-8000-000000000001';
const T0 = new Date('2025-01-01T00:00:00.000Z');
const T1 = new Date('2025-01-02T00:00:00.000Z');

function organization(status: OrganizationStatus = 'onboarding', name = 'Acme'): Organization {
  return new Organization(ID, name, 'acme', status, T0, T0);
}

/** The lifecycle written out as a table, to check the model against. */
const EXPECTED: Record<OrganizationTransition, Record<OrganizationStatus, OrganizationStatus | 'illegal'>> = {
  activate: { onboarding: 'active', active: 'active', suspended: 'active' },
  suspend: { onboarding: 'illegal', active: 'suspended', suspended: 'suspended' },
};

describe('Organization.transition', () => {
  it.each(
    (['activate', 'suspend'] as const).flatMap((step) => ORGANIZATION_STATUSES.map((status) => [step, status, EXPECTED[step][status]] as const)),
  )('%s from %s → %s', (step, status, expected) => {
    const org = organization(status);
    if (expected === 'illegal') {
      expect(() => org.transition(step, T1)).toThrow(IllegalOrganizationTransitionError);
      expect(org).toMatchObject({ status, updatedAt: T0 });
      return;
    }
    const changed = org.transition(step, T1);
    expect(org.status).toBe(expected);
    expect(changed).toBe(expected !== status);
    expect(org.updatedAt).toEqual(changed ? T1 : T0);
  });

  it('refuses to activate without a name, from onboarding and from suspended', () => {
    for (const status of ['onboarding', 'suspended'] as const) {
      const org = organization(status, '');
      expect(() => org.transition('activate', T1)).toThrow(OrganizationNameRequiredError);
      expect(org.status).toBe(status);
    }
  });

  it('gives the stable codes clients branch on', () => {
    expect(() => organization('onboarding').transition('suspend', T1)).toThrow(
      expect.objectContaining({ code: 'illegal_organization_transition', kind: 'conflict' }),
    );
    expect(() => organization('onboarding', '').transition('activate', T1)).toThrow(
      expect.objectContaining({ code: 'organization_name_required', kind: 'rule_violation' }),
    );
  });

  it('follows the table for any sequence of steps, and never leaves a nameless organization active', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'Acme'), fc.array(fc.constantFrom<OrganizationTransition>('activate', 'suspend'), { maxLength: 20 }), (name, steps) => {
        const org = organization('onboarding', name);
        for (const step of steps) {
          const before = org.status;
          const expected = EXPECTED[step][before];
          try {
            org.transition(step, T1);
            expect(expected).not.toBe('illegal');
            expect(org.status).toBe(expected);
          } catch (error) {
            expect(org.status).toBe(before);
            if (expected === 'illegal') expect(error).toBeInstanceOf(IllegalOrganizationTransitionError);
            else expect(error).toBeInstanceOf(OrganizationNameRequiredError);
          }
          if (name === '') expect(org.status).toBe('onboarding');
          expect(org.acceptsTenantWrites).toBe(org.status !== 'suspended');
        }
      }),
    );
  });
});

describe('Organization guards', () => {
  it('assertActive passes only for an active organization', () => {
    expect(() => organization('active').assertActive()).not.toThrow();
    for (const status of ['onboarding', 'suspended'] as const) {
      expect(() => organization(status).assertActive()).toThrow(OrganizationNotActiveError);
    }
  });

  it('an organization outside onboarding keeps a non-empty name', () => {
    expect(() => organization('active').update({ name: '  ' }, T1)).toThrow(OrganizationNameRequiredError);
    expect(() => organization('suspended').update({ name: '' }, T1)).toThrow(OrganizationNameRequiredError);
    expect(organization('onboarding').update({ name: '' }, T1)).toEqual(['name']);
  });
});
