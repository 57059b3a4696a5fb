import type { Page, PageRequest } from '../shared/pagination.js';
import type { AuditEvent, AuditEventFilter, AuditTrail } from './audit-trail.port.js';

/**
 * Reads the trail. Super-admins filter freely; an organization's admin passes their own org id
 * from the principal, so the filter can never reach another tenant's rows.
 */
export class ListAuditEvents {
  constructor(private readonly trail: AuditTrail) {}

  execute(query: { filter: AuditEventFilter; page: PageRequest }): Promise<Page<AuditEvent>> {
    return this.trail.list(query.filter, query.page);
  }
}
