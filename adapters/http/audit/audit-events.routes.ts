import type { ListAuditEvents } from '../../../application/audit/list-audit-events.js';
import { pagedResult, pagedResponseSpec } from '../routing/paged-response.js';
import { defineRoute, type AnyRoute } from '../routing/route.js';
import { AuditEventList, SuperAdminAuditEventQuery, TenantAuditEventQuery, toAuditEventResponse } from './audit-event.schemas.js';

const listResponse = pagedResponseSpec('One page of events, newest first.', AuditEventList);

function asDate(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

export function auditEventRoutes(useCases: { listAuditEvents: ListAuditEvents }): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/super-admin/audit-events',
      operationId: 'list_audit_events',
      summary: 'The audit trail of the whole engine, filtered by organization, actor, action and time.',
      tags: ['super-admin', 'audit'],
      auth: 'super_admin',
      query: SuperAdminAuditEventQuery,
      responses: { 200: listResponse },
      handle: async ({ query }) =>
        pagedResult(
          await useCases.listAuditEvents.execute({
            filter: { orgId: query.org_id, actorId: query.actor_id, action: query.action, since: asDate(query.since), until: asDate(query.until) },
            page: { limit: query.limit, after: query.after },
          }),
          toAuditEventResponse,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit-events',
      operationId: 'list_organization_audit_events',
      summary: "The audit trail of the caller's organization.",
      tags: ['audit'],
      auth: 'tenant',
      permission: 'org.read_audit',
      query: TenantAuditEventQuery,
      responses: { 200: listResponse },
      handle: async ({ query, principal }) =>
        pagedResult(
          await useCases.listAuditEvents.execute({
            filter: { orgId: principal.orgId, actorId: query.actor_id, action: query.action, since: asDate(query.since), until: asDate(query.until) },
            page: { limit: query.limit, after: query.after },
          }),
          toAuditEventResponse,
        ),
    }),
  ];
}
