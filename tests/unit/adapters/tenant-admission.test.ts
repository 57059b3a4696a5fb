import { parse as parseQueryString } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import { admitTenant, refuseCallerSuppliedOrgId } from '../../../adapters/http/auth/tenant-admission.js';
import type { TenantPrincipal } from '../../../adapters/http/auth/principal.js';
import { RequestValidationError } from '../../../adapters/http/routing/request-validation-error.js';
import type { AnyRoute, HttpMethod } from '../../../adapters/http/routing/route.js';
import { OrganizationSuspendedError, PermissionDeniedError } from '../../../domain/access/access-errors.js';
import { PERMISSIONS, permissionsOf, type Permission } from '../../../domain/access/permission.js';
import { ROLES, type Role } from '../../../domain/access/role.js';
import type { OrganizationStatus } from '../../../domain/tenancy/organization.js';

function route(method: HttpMethod, options: { permission?: Permission; writes?: boolean } = {}): AnyRoute {
  return {
    method,
    path: '/api/test',
    operationId: 'test',
    summary: 'test',
    tags: [],
    auth: 'tenant',
    responses: {},
    ...options,
    handle: async () => ({ status: 204 }),
  } as AnyRoute;
}

function principal(role: Role, organizationStatus: OrganizationStatus = 'active'): TenantPrincipal {
  return {
    type: 'tenant',
    userId: '00000000-0000-4000-8000-000000000001',
    orgId: '00000000-0000-4000-8000-000000000002',
    companyId: role === 'org_admin' ? null : '00000000-0000-4000-8000-000000000003',
    role,
    organizationStatus,
    authMethod: 'session',
    apiTokenId: null,
    provenUserIds: ['00000000-0000-4000-8000-000000000001'],
  };
}

function outcome(run: () => void): unknown {
  try {
    run();
    return 'admitted';
  } catch (error) {
    return error;
  }
}

describe('admitTenant: permissions', () => {
  const cells = ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const));

  it.each(cells)('%s on a route needing %s follows the role table', (role, permission) => {
    const result = outcome(() => admitTenant(route('get', { permission }), principal(role)));

    if (permissionsOf(role).includes(permission)) {
      expect(result).toBe('admitted');
    } else {
      expect(result).toBeInstanceOf(PermissionDeniedError);
      expect(result).toMatchObject({ code: 'permission_denied', kind: 'forbidden', permission });
    }
  });

  it('spot checks: members read but do not write campaigns; only org admins manage users', () => {
    expect(outcome(() => admitTenant(route('get', { permission: 'campaigns.read' }), principal('company_member')))).toBe('admitted');
    expect(outcome(() => admitTenant(route('post', { permission: 'campaigns.write' }), principal('company_member')))).toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(outcome(() => admitTenant(route('post', { permission: 'campaigns.write' }), principal('company_admin')))).toBe('admitted');
    expect(outcome(() => admitTenant(route('post', { permission: 'org.manage_users' }), principal('company_admin')))).toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(outcome(() => admitTenant(route('post', { permission: 'org.manage_users' }), principal('org_admin')))).toBe('admitted');
  });

  it('a route without a permission admits every role', () => {
    for (const role of ROLES) expect(outcome(() => admitTenant(route('get'), principal(role)))).toBe('admitted');
  });

  it('checks the permission before the suspension', () => {
    const result = outcome(() => admitTenant(route('post', { permission: 'org.manage_users' }), principal('company_member', 'suspended')));

    expect(result).toBeInstanceOf(PermissionDeniedError);
  });
});

describe('admitTenant: suspended organizations read only', () => {
  it('a suspended organization may GET', () => {
    expect(outcome(() => admitTenant(route('get', { permission: 'campaigns.read' }), principal('org_admin', 'suspended')))).toBe('admitted');
  });

  it.each([['post'], ['put'], ['patch'], ['delete']] as const)('a suspended organization may not %s', (method) => {
    const result = outcome(() => admitTenant(route(method), principal('org_admin', 'suspended')));

    expect(result).toBeInstanceOf(OrganizationSuspendedError);
    expect(result).toMatchObject({ code: 'organization_suspended', kind: 'forbidden' });
  });

  it.each([['onboarding'], ['active']] as const)('a %s organization may write', (status) => {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      expect(outcome(() => admitTenant(route(method), principal('org_admin', status)))).toBe('admitted');
    }
  });

  it('writes: false lets a POST through a suspended organization', () => {
    expect(outcome(() => admitTenant(route('post', { writes: false }), principal('org_admin', 'suspended')))).toBe('admitted');
  });

  it('writes: true refuses even a GET of a suspended organization', () => {
    expect(outcome(() => admitTenant(route('get', { writes: true }), principal('org_admin', 'suspended')))).toBeInstanceOf(
      OrganizationSuspendedError,
    );
  });
});

describe('refuseCallerSuppliedOrgId', () => {
  const problem = (part: 'query' | 'body') => ({
    loc: [part, 'org_id'],
    msg: 'org_id comes from your credentials; do not send it',
    type: 'forbidden_field',
  });

  function problemsOf(query: unknown, body: unknown): unknown {
    const result = outcome(() => refuseCallerSuppliedOrgId(query, body));
    if (result === 'admitted') return 'admitted';
    expect(result).toBeInstanceOf(RequestValidationError);
    return (result as RequestValidationError).problems;
  }

  it('flags org_id in the query', () => {
    expect(problemsOf({ org_id: 'x', limit: '10' }, undefined)).toEqual([problem('query')]);
  });

  it('flags org_id in a query parsed the way Koa parses it (null prototype)', () => {
    const query = parseQueryString('org_id=00000000-0000-4000-8000-000000000002&limit=5');
    expect(Object.getPrototypeOf(query)).toBeNull();

    expect(problemsOf(query, {})).toEqual([problem('query')]);
  });

  it('flags org_id in the body, whatever its value', () => {
    expect(problemsOf({}, { name: 'x', org_id: '00000000-0000-4000-8000-000000000002' })).toEqual([problem('body')]);
    expect(problemsOf({}, { org_id: null })).toEqual([problem('body')]);
    expect(problemsOf({}, { org_id: '' })).toEqual([problem('body')]);
  });

  it('flags both, query first', () => {
    expect(problemsOf({ org_id: 'a' }, { org_id: 'b' })).toEqual([problem('query'), problem('body')]);
  });

  it.each([
    ['absent', {}, {}],
    ['undefined parts', undefined, undefined],
    ['null parts', null, null],
    ['array bodies', {}, [{ org_id: 'x' }]],
    ['string bodies', {}, 'org_id=x'],
    ['numbers', 1, 2],
    ['other fields', { company_id: 'x', orgId: 'y', ORG_ID: 'z' }, { organization_id: 'x', orgid: 'y' }],
    ['nested org_id', {}, { settings: { org_id: 'x' } }],
  ])('ignores %s', (_label, query, body) => {
    expect(problemsOf(query, body)).toBe('admitted');
  });

  it('ignores an org_id inherited through the prototype (only own fields are the caller’s)', () => {
    const body = Object.create({ org_id: 'inherited' }) as object;

    expect(problemsOf({}, body)).toBe('admitted');
  });
});
