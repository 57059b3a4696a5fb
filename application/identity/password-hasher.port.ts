export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time verification; false for any malformed hash. */
  verify(password: string, hash: string): Promise<boolean>;
}
