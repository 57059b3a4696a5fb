import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../routing/route.js';

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | 'failing'>>;
}

/** Supplied by the composition root: it alone knows what "ready" needs (database, migrations). */
export type ReadinessProbe = () => Promise<ReadinessReport>;

const HealthResponse = z.object({ status: z.literal('ok') }).meta({ id: 'HealthResponse' });
const ReadinessResponse = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.record(z.string(), z.enum(['ok', 'failing'])),
  })
  .meta({ id: 'ReadinessResponse' });

export function healthRoutes(probeReadiness: ReadinessProbe): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness: the process is up and serving HTTP.',
      tags: ['operations'],
      auth: 'public',
      responses: { 200: { description: 'Alive.', schema: HealthResponse } },
      handle: async () => ({ status: 200, body: { status: 'ok' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/ready',
      operationId: 'ready',
      summary: 'Readiness: the database answers and every migration is applied.',
      tags: ['operations'],
      auth: 'public',
      responses: {
        200: { description: 'Ready to serve traffic.', schema: ReadinessResponse },
        503: { description: 'Not ready; `checks` names what is failing.', schema: ReadinessResponse },
      },
      handle: async () => {
        const report = await probeReadiness();
        return {
          status: report.ready ? 200 : 503,
          body: { status: report.ready ? 'ready' : 'not_ready', checks: report.checks },
        };
      },
    }),
  ];
}
