import type { RequestContext } from '../shared/request-context.js';

/** Whether the caller is this very tenant user (as opposed to another user or a super-admin). */
export function isActingUser(context: RequestContext, userId: string): boolean {
  return context.actor.type === 'user' && context.actor.id === userId;
}
