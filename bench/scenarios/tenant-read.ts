// Scenario: an authenticated tenant read, GET /api/auth/me. It does no business work of its own,
// so it measures what every tenant request pays before its handler runs: the session check,
// the fresh read of user, organization and company, and the per-principal budget upsert.
import type { Target } from '../harness/measure.js';

/** Bare Koa + one trivial SELECT through the pool: a database round trip and nothing else. */
export function baselineReadTarget(url: string): Target {
  return { name: 'baseline-read', url, method: 'GET', path: '/baseline/read' };
}

export function serviceTenantReadTarget(url: string, sessionToken: string): Target {
  return { name: 'tenant-me', url, method: 'GET', path: '/api/auth/me', headers: { authorization: `Bearer ${sessionToken}` } };
}
