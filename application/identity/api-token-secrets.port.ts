export interface GeneratedApiToken {
  /** Shown once to the super-admin who asked for it; never stored. */
  readonly raw: string;
  /** SHA-256 hex of `raw`: the only form that is stored. */
  readonly hash: string;
}

export interface ApiTokenSecrets {
  generate(): GeneratedApiToken;
  hashOf(raw: string): string;
  /** Cheap shape check, so JWTs and garbage are not looked up as tokens. */
  looksLikeApiToken(raw: string): boolean;
}
