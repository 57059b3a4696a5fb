import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AllCompaniesNotAllowedError,
  CompanyScopeConflictError,
  CompanyScopeRequiredError,
  PermissionDeniedError,
} from '../../../domain/access/access-errors.js';
import { resolveReadScope, resolveWriteCompany, type ScopedCaller, type ScopeRequest } from '../../../domain/access/company-scope.js';
import { ROLES } from '../../../domain/access/role.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { CompanyNotFoundError } from '../../../domain/tenancy/company-errors.js';

const OWN = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';

const ORG_ADMIN: ScopedCaller = { role: 'org_admin', companyId: null };
const COMPANY_ADMIN: ScopedCaller = { role: 'company_admin', companyId: OWN };
const COMPANY_MEMBER: ScopedCaller = { role: 'company_member', companyId: OWN };

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

describe('resolveReadScope: company users are pinned to their company', () => {
  it.each([
    ['company_admin', COMPANY_ADMIN],
    ['company_member', COMPANY_MEMBER],
  ])('%s without parameters reads their own company', (_label, caller) => {
    expect(resolveReadScope(caller, {})).toEqual({ kind: 'company', companyId: OWN });
  });

  it.each([
    ['company_admin', COMPANY_ADMIN],
    ['company_member', COMPANY_MEMBER],
  ])('%s naming their own company reads it', (_label, caller) => {
    expect(resolveReadScope(caller, { companyId: OWN })).toEqual({ kind: 'company', companyId: OWN });
    expect(resolveReadScope(caller, { companyId: OWN, allCompanies: false })).toEqual({ kind: 'company', companyId: OWN });
  });

  it.each([
    ['company_admin', COMPANY_ADMIN],
    ['company_member', COMPANY_MEMBER],
  ])('%s naming another company gets CompanyNotFoundError (404, existence never leaks)', (_label, caller) => {
    const error = outcome(() => resolveReadScope(caller, { companyId: OTHER }));
    expect(error).toBeInstanceOf(CompanyNotFoundError);
    expect(error).toMatchObject({ code: 'company_not_found', kind: 'not_found' });
  });

  it.each([
    ['company_admin', COMPANY_ADMIN],
    ['company_member', COMPANY_MEMBER],
  ])('%s asking for all companies gets AllCompaniesNotAllowedError (403)', (_label, caller) => {
    const error = outcome(() => resolveReadScope(caller, { allCompanies: true }));
    expect(error).toBeInstanceOf(AllCompaniesNotAllowedError);
    expect(error).toMatchObject({ code: 'all_companies_not_allowed', kind: 'forbidden' });
  });

  it('all_companies wins over naming the own company for a company user (still forbidden)', () => {
    expect(outcome(() => resolveReadScope(COMPANY_MEMBER, { companyId: OWN, allCompanies: true }))).toBeInstanceOf(
      AllCompaniesNotAllowedError,
    );
    expect(outcome(() => resolveReadScope(COMPANY_MEMBER, { companyId: OTHER, allCompanies: true }))).toBeInstanceOf(
      AllCompaniesNotAllowedError,
    );
  });

  it('organizationWideByDefault does not widen a company user', () => {
    expect(resolveReadScope(COMPANY_MEMBER, {}, { organizationWideByDefault: true })).toEqual({ kind: 'company', companyId: OWN });
  });
});

describe('resolveReadScope: org admins must choose', () => {
  it('company_id → exactly that company', () => {
    expect(resolveReadScope(ORG_ADMIN, { companyId: OTHER })).toEqual({ kind: 'company', companyId: OTHER });
    expect(resolveReadScope(ORG_ADMIN, { companyId: OTHER, allCompanies: false })).toEqual({ kind: 'company', companyId: OTHER });
  });

  it('all_companies=true → the whole organization', () => {
    expect(resolveReadScope(ORG_ADMIN, { allCompanies: true })).toEqual({ kind: 'organization' });
  });

  it.each([
    ['{}', {}],
    ['all_companies=false', { allCompanies: false }],
    ['explicit undefineds', { companyId: undefined, allCompanies: undefined }],
  ] as [string, ScopeRequest][])('neither (%s) → CompanyScopeRequiredError naming both alternatives', (_label, request) => {
    const error = outcome(() => resolveReadScope(ORG_ADMIN, request));
    expect(error).toBeInstanceOf(CompanyScopeRequiredError);
    expect(error).toMatchObject({ code: 'company_scope_required', kind: 'rule_violation' });
    expect((error as Error).message).toContain('company_id or all_companies=true');
  });

  it('both → CompanyScopeConflictError', () => {
    const error = outcome(() => resolveReadScope(ORG_ADMIN, { companyId: OTHER, allCompanies: true }));
    expect(error).toBeInstanceOf(CompanyScopeConflictError);
    expect(error).toMatchObject({ code: 'company_scope_conflict', kind: 'rule_violation' });
  });

  it('organizationWideByDefault: neither → organization; explicit choices still honoured', () => {
    const options = { organizationWideByDefault: true };
    expect(resolveReadScope(ORG_ADMIN, {}, options)).toEqual({ kind: 'organization' });
    expect(resolveReadScope(ORG_ADMIN, { companyId: OTHER }, options)).toEqual({ kind: 'company', companyId: OTHER });
    expect(resolveReadScope(ORG_ADMIN, { allCompanies: true }, options)).toEqual({ kind: 'organization' });
    expect(outcome(() => resolveReadScope(ORG_ADMIN, { companyId: OTHER, allCompanies: true }, options))).toBeInstanceOf(
      CompanyScopeConflictError,
    );
  });

  it('organizationWideByDefault: false behaves like the default', () => {
    expect(outcome(() => resolveReadScope(ORG_ADMIN, {}, { organizationWideByDefault: false }))).toBeInstanceOf(
      CompanyScopeRequiredError,
    );
  });

  it('a company role without a company (an impossible row) is refused, never widened', () => {
    const error = outcome(() => resolveReadScope({ role: 'company_admin', companyId: null }, { allCompanies: true }));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ code: 'permission_denied', kind: 'forbidden' });
  });
});

describe('resolveWriteCompany', () => {
  it('company users write into their own company, named or not', () => {
    expect(resolveWriteCompany(COMPANY_ADMIN, undefined)).toBe(OWN);
    expect(resolveWriteCompany(COMPANY_ADMIN, OWN)).toBe(OWN);
    expect(resolveWriteCompany(COMPANY_MEMBER, undefined)).toBe(OWN);
  });

  it('a company user naming another company gets CompanyNotFoundError', () => {
    expect(outcome(() => resolveWriteCompany(COMPANY_ADMIN, OTHER))).toBeInstanceOf(CompanyNotFoundError);
    expect(outcome(() => resolveWriteCompany(COMPANY_MEMBER, OTHER))).toMatchObject({ code: 'company_not_found' });
  });

  it('an org admin writes into exactly the company it names', () => {
    expect(resolveWriteCompany(ORG_ADMIN, OTHER)).toBe(OTHER);
  });

  it('an org admin naming no company gets CompanyScopeRequiredError asking for company_id only', () => {
    const error = outcome(() => resolveWriteCompany(ORG_ADMIN, undefined));
    expect(error).toBeInstanceOf(CompanyScopeRequiredError);
    expect(error).toMatchObject({ code: 'company_scope_required' });
    expect((error as Error).message).toContain('company_id');
    expect((error as Error).message).not.toContain('all_companies');
  });

  it('a company role without a company is refused', () => {
    expect(outcome(() => resolveWriteCompany({ role: 'company_member', companyId: null }, OTHER))).toBeInstanceOf(
      PermissionDeniedError,
    );
  });
});

describe('company scoping properties', () => {
  const companyId = fc.uuid();
  const request = fc.record(
    { companyId: fc.option(fc.uuid(), { nil: undefined }), allCompanies: fc.option(fc.boolean(), { nil: undefined }) },
    { requiredKeys: [] },
  );
  const options = fc.record({ organizationWideByDefault: fc.boolean() }, { requiredKeys: [] });
  const companyRole = fc.constantFrom('company_admin' as const, 'company_member' as const);

  it("a company user's read scope is always their own company, or a domain error", () => {
    fc.assert(
      fc.property(companyRole, companyId, request, options, (role, own, req, opts) => {
        const result = outcome(() => resolveReadScope({ role, companyId: own }, req, opts));
        if (result instanceof Error) {
          expect(result).toBeInstanceOf(DomainError);
          expect([CompanyNotFoundError, AllCompaniesNotAllowedError].some((type) => result instanceof type)).toBe(true);
        } else {
          expect(result).toEqual({ kind: 'company', companyId: own });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never returns another company, nor the organization, for a company user (read or write)', () => {
    fc.assert(
      fc.property(companyRole, companyId, companyId, fc.boolean(), options, (role, own, asked, all, opts) => {
        fc.pre(own !== asked);
        const caller = { role, companyId: own };
        expect(outcome(() => resolveReadScope(caller, { companyId: asked }, opts))).toBeInstanceOf(CompanyNotFoundError);
        expect(outcome(() => resolveReadScope(caller, { companyId: asked, allCompanies: all }, opts))).toBeInstanceOf(DomainError);
        expect(outcome(() => resolveWriteCompany(caller, asked))).toBeInstanceOf(CompanyNotFoundError);
      }),
      { numRuns: 300 },
    );
  });

  it('an org admin naming company_id (without all_companies) always gets exactly that company', () => {
    fc.assert(
      fc.property(companyId, fc.constantFrom(undefined, false), options, (asked, all, opts) => {
        expect(resolveReadScope(ORG_ADMIN, { companyId: asked, allCompanies: all }, opts)).toEqual({ kind: 'company', companyId: asked });
        expect(resolveWriteCompany(ORG_ADMIN, asked)).toBe(asked);
      }),
      { numRuns: 300 },
    );
  });

  it('every outcome for any role, company and request is a scope or a DomainError, never anything else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.option(companyId, { nil: null }), request, options, (role, own, req, opts) => {
        const read = outcome(() => resolveReadScope({ role, companyId: own }, req, opts));
        if (read instanceof Error) expect(read).toBeInstanceOf(DomainError);
        else if (own !== null) expect(read).toEqual({ kind: 'company', companyId: own });
        else expect(role).toBe('org_admin');
        const write = outcome(() => resolveWriteCompany({ role, companyId: own }, req.companyId));
        if (write instanceof Error) expect(write).toBeInstanceOf(DomainError);
        else expect(write).toBe(own ?? req.companyId);
      }),
      { numRuns: 500 },
    );
  });
});
