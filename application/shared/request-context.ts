import type { Actor } from '../../domain/audit/audit-entry.js';

/** What every command carries about the call that issued it, for audit and tracing. */
export interface RequestContext {
  readonly actor: Actor;
  readonly requestId: string;
}
