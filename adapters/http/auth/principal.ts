import type { TenantAccess } from '../../../application/access/tenant-access.js';

/** The authenticated caller of a request, as route handlers see it. */
export interface SuperAdminPrincipal {
  readonly type: 'super_admin';
  readonly id: string;
  readonly email: string;
}

export interface TenantPrincipal extends TenantAccess {
  readonly type: 'tenant';
}

export type Principal = SuperAdminPrincipal | TenantPrincipal;
