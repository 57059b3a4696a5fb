import { OrganizationSuspendedError, PermissionDeniedError } from '../../../domain/access/access-errors.js';
import { roleHasPermission } from '../../../domain/access/permission.js';
import { RequestValidationError } from '../routing/request-validation-error.js';
import type { AnyRoute } from '../routing/route.js';
import type { TenantPrincipal } from './principal.js';

/**
 * What a tenant route demands of its caller once authenticated, in this order: the permission of
 * the route, then — for writes — an organization that is not suspended.
 */
export function admitTenant(route: AnyRoute, principal: TenantPrincipal): void {
  if (route.permission && !roleHasPermission(principal.role, route.permission)) throw new PermissionDeniedError(route.permission);
  const writes = route.writes ?? route.method !== 'get';
  if (writes && principal.organizationStatus === 'suspended') throw new OrganizationSuspendedError();
}

/**
 * The tenant comes from the credential, never from the request (DESIGN.md §4): a query or body
 * naming `org_id` is refused outright rather than ignored, so a client bug cannot go unnoticed.
 */
export function refuseCallerSuppliedOrgId(query: unknown, body: unknown): void {
  const problems = [
    ...(carriesOrgId(query) ? [{ loc: ['query', 'org_id'], msg: 'org_id comes from your credentials; do not send it', type: 'forbidden_field' }] : []),
    ...(carriesOrgId(body) ? [{ loc: ['body', 'org_id'], msg: 'org_id comes from your credentials; do not send it', type: 'forbidden_field' }] : []),
  ];
  if (problems.length) throw new RequestValidationError(problems);
}

function carriesOrgId(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'org_id');
}
