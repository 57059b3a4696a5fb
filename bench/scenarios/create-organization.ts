// Scenario: create one organization per request, every one a success (unique slug each time).
import type { Target } from '../harness/measure.js';

function organizationBody(slugPrefix: string): (n: number) => string {
  return (n) => JSON.stringify({ name: `Bench Org ${n}`, slug: `${slugPrefix}-${n}` });
}

/** Bare Koa + one INSERT: what the same create costs with nothing but the framework and the driver. */
export function baselineCreateTarget(url: string): Target {
  return { name: 'baseline', url, method: 'POST', path: '/baseline', body: organizationBody('bench-baseline') };
}

/** The service: bearer auth lookup, slug check, insert and audit row in one transaction. */
export function serviceCreateTarget(url: string, accessToken: string): Target {
  return {
    name: 'service',
    url,
    method: 'POST',
    path: '/api/super-admin/organizations',
    headers: { authorization: `Bearer ${accessToken}` },
    body: organizationBody('bench-service'),
  };
}
