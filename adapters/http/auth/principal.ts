/** The authenticated caller of a request, as route handlers see it. */
export interface SuperAdminPrincipal {
  readonly type: 'super_admin';
  readonly id: string;
  readonly email: string;
}

export type Principal = SuperAdminPrincipal;
