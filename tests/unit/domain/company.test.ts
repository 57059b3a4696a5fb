import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../domain/shared/domain-error.js';
import { COMPANY_NAME_MAX_LENGTH, Company } from '../../../domain/tenancy/company.js';

const ID = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-0000000000aa';
const T0 = new Date('2025-01-01T00:00:00.000Z');
const T1 = new Date('2025-01-02T00:00:00.000Z');

function register(overrides: { name?: string; domain?: string | null } = {}): Company {
  return Company.register({ id: ID, orgId: ORG, name: overrides.name ?? 'Acme', domain: overrides.domain, now: T0 });
}

function problemsOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).problems;
  }
  throw new Error('expected the action to throw');
}

describe('Company.register', () => {
  it('starts active and live, trimming the name and lowercasing the domain', () => {
    const company = register({ name: '  Acme Corp ', domain: ' Sales.ACME.com ' });

    expect(company).toMatchObject({ id: ID, orgId: ORG, name: 'Acme Corp', domain: 'sales.acme.com', status: 'active', deletedAt: null });
    expect(company.createdAt).toEqual(T0);
    expect(company.updatedAt).toEqual(T0);
  });

  it('treats an empty or absent domain as none', () => {
    expect(register({ domain: '  ' }).domain).toBeNull();
    expect(register().domain).toBeNull();
  });

  it.each([
    ['empty', '   ', 'empty'],
    ['too long', 'n'.repeat(COMPANY_NAME_MAX_LENGTH + 1), 'too_long'],
  ])('rejects a name that is %s', (_label, name, type) => {
    expect(problemsOf(() => register({ name }))).toEqual([expect.objectContaining({ loc: ['name'], type })]);
  });

  it.each(['localhost', 'acme', 'acme..com', '-acme.com', 'acme.com/path', 'https://acme.com', 'acme .com'])(
    'rejects the domain %s',
    (domain) => {
      expect(problemsOf(() => register({ domain }))).toEqual([expect.objectContaining({ loc: ['domain'], type: 'invalid_domain' })]);
    },
  );
});

describe('Company.update', () => {
  it('answers only the fields whose value changed and bumps updatedAt when something did', () => {
    const company = register({ domain: 'acme.com' });

    expect(company.update({ name: ' Acme ', domain: 'ACME.com', status: 'active' }, T1)).toEqual([]);
    expect(company.updatedAt).toEqual(T0);

    expect(company.update({ name: 'Acme EU', status: 'inactive' }, T1)).toEqual(['name', 'status']);
    expect(company).toMatchObject({ name: 'Acme EU', domain: 'acme.com', status: 'inactive', updatedAt: T1 });
  });

  it('clears the domain with null and keeps it when undefined', () => {
    const company = register({ domain: 'acme.com' });

    expect(company.update({ domain: undefined }, T1)).toEqual([]);
    expect(company.update({ domain: null }, T1)).toEqual(['domain']);
    expect(company.domain).toBeNull();
  });

  it('changes nothing when a value is invalid', () => {
    const company = register();

    expect(() => company.update({ name: 'Valid', domain: 'nope' }, T1)).toThrow(InvalidInputError);
    expect(company).toMatchObject({ name: 'Acme', domain: null, updatedAt: T0 });
  });
});

describe('Company.softDelete', () => {
  it('marks the company deleted once; a second call keeps the first time', () => {
    const company = register();
    company.softDelete(T1);
    company.softDelete(new Date('2026-01-01T00:00:00.000Z'));

    expect(company.deletedAt).toEqual(T1);
    expect(company.updatedAt).toEqual(T1);
  });
});

describe('Company.update (property-based)', () => {
  it('reports a field as changed exactly when its stored value differs afterwards', () => {
    const name = fc.constantFrom('Acme', ' Acme ', 'Globex', 'Initech');
    const domain = fc.constantFrom(undefined, null, '', 'acme.com', 'ACME.com', 'globex.io');
    const status = fc.constantFrom(undefined, 'active' as const, 'inactive' as const);
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.option(name, { nil: undefined }), domain, status })), (steps) => {
        const company = register();
        for (const changes of steps) {
          const before = { name: company.name, domain: company.domain, status: company.status };
          const changed = company.update(changes, T1);
          const after = { name: company.name, domain: company.domain, status: company.status };
          const differing = (Object.keys(before) as (keyof typeof before)[]).filter((field) => before[field] !== after[field]);
          expect(changed).toEqual(differing);
        }
      }),
    );
  });
});
