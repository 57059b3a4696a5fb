import type { MikroORM } from '@mikro-orm/postgresql';
import type { TenantAccount, TenantAccountReader } from '../../../application/access/tenant-account-reader.port.js';
import type { Role } from '../../../domain/access/role.js';
import type { OrganizationStatus } from '../../../domain/tenancy/organization.js';
import { entityManagerFor } from '../shared/entity-manager.js';

interface TenantAccountRow {
  readonly user_id: string;
  readonly org_id: string;
  readonly company_id: string | null;
  readonly role: Role;
  readonly organization_status: OrganizationStatus;
}

/** Runs on every authenticated request, so it is one indexed query rather than three loads. */
export class MikroOrmTenantAccountReader implements TenantAccountReader {
  constructor(private readonly orm: MikroORM) {}

  async findLive(orgId: string, userId: string): Promise<TenantAccount | null> {
    const rows = await entityManagerFor(this.orm).execute<TenantAccountRow[]>(
      `select u.id as user_id, u.org_id, u.company_id, u.role, o.status as organization_status
         from users u
         join organizations o on o.id = u.org_id
         left join companies c on c.id = u.company_id and c.org_id = u.org_id
        where u.id = ? and u.org_id = ?
          and u.deleted_at is null
          and o.deleted_at is null
          and (u.company_id is null or (c.id is not null and c.deleted_at is null))`,
      [userId, orgId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.user_id,
      orgId: row.org_id,
      companyId: row.company_id,
      role: row.role,
      organizationStatus: row.organization_status,
    };
  }
}
