/**
 * An operator of the whole engine. Super-admins live outside every tenant: they have their own
 * login, their own session type, and never pass tenant routes.
 */
export class SuperAdmin {
  constructor(
    readonly id: string,
    readonly email: string,
    public passwordHash: string,
    readonly createdAt: Date,
    public updatedAt: Date,
  ) {}

  static register(props: { id: string; email: string; passwordHash: string; now: Date }): SuperAdmin {
    return new SuperAdmin(props.id, normaliseEmail(props.email), props.passwordHash, props.now, props.now);
  }
}

/** Emails identify accounts case-insensitively; store and compare one canonical form. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Super-admins hold the keys to every tenant; a short password is refused outright. */
export const SUPER_ADMIN_PASSWORD_MIN_LENGTH = 12;
