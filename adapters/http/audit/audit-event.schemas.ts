import { z } from 'zod';
import { pageQueryFields } from '../routing/paged-response.js';
import type { AuditEvent } from '../../../application/audit/audit-trail.port.js';

const TenantFilters = {
  actor_id: z.uuid().optional().describe('Only events of this actor (user or super-admin id).'),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'must be a dotted action such as user.create')
    .max(100)
    .optional()
    .describe('Only this action, e.g. `user.login`.'),
  since: z.iso.datetime({ offset: true }).optional().describe('Events at or after this time.'),
  until: z.iso.datetime({ offset: true }).optional().describe('Events before this time.'),
  ...pageQueryFields,
};

function sinceBeforeUntil(query: { since?: string | undefined; until?: string | undefined }): boolean {
  return !query.since || !query.until || Date.parse(query.since) < Date.parse(query.until);
}

const orderedRange = { message: 'since must be earlier than until', path: ['until'] };

export const TenantAuditEventQuery = z.strictObject(TenantFilters).refine(sinceBeforeUntil, orderedRange);

export const SuperAdminAuditEventQuery = z
  .strictObject({ ...TenantFilters, org_id: z.uuid().optional().describe('Only events of this organization.') })
  .refine(sinceBeforeUntil, orderedRange);

export const AuditEventResponse = z
  .object({
    id: z.uuid(),
    occurred_at: z.iso.datetime(),
    org_id: z.uuid().nullable(),
    actor_type: z.enum(['super_admin', 'user', 'system', 'anonymous']),
    actor_id: z.uuid().nullable(),
    action: z.string(),
    target_type: z.string(),
    target_id: z.uuid().nullable(),
    request_id: z.string(),
    outcome: z.enum(['success', 'failure']),
    detail: z.record(z.string(), z.unknown()).describe('Reasons and changed field names; never values such as emails.'),
  })
  .meta({ id: 'AuditEvent' });

export const AuditEventList = z.array(AuditEventResponse).meta({ id: 'AuditEventList' });

export function toAuditEventResponse(event: AuditEvent): z.output<typeof AuditEventResponse> {
  return {
    id: event.id,
    occurred_at: event.occurredAt.toISOString(),
    org_id: event.orgId,
    actor_type: event.actor.type,
    actor_id: 'id' in event.actor ? event.actor.id : null,
    action: event.action,
    target_type: event.targetType,
    target_id: event.targetId,
    request_id: event.requestId,
    outcome: event.outcome,
    detail: { ...event.detail },
  };
}
