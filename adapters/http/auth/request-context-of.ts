import type { RequestContext } from '../../../application/shared/request-context.js';
import type { Principal } from './principal.js';

/** The audit actor and request id every command carries, from the authenticated caller. */
export function requestContextOf(principal: Principal, requestId: string): RequestContext {
  return principal.type === 'super_admin'
    ? { actor: { type: 'super_admin', id: principal.id }, requestId }
    : { actor: { type: 'user', id: principal.userId }, requestId };
}
