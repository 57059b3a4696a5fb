/**
 * Who did something. `user` is a tenant user (by session or API token); `system` covers CLI
 * bootstrap and seeding; `anonymous` failed logins and rejected tokens.
 */
export type Actor =
  | { readonly type: 'super_admin'; readonly id: string }
  | { readonly type: 'user'; readonly id: string }
  | { readonly type: 'system' }
  | { readonly type: 'anonymous' };

export type AuditOutcome = 'success' | 'failure';

/**
 * One line of the append-only audit trail. It never holds secrets or personal data: targets are
 * ids, and `detail` carries reasons and changed field names, not values such as emails.
 */
export interface AuditEntry {
  readonly actor: Actor;
  readonly orgId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly requestId: string;
  readonly outcome: AuditOutcome;
  readonly detail: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  readonly occurredAt: Date;
}
