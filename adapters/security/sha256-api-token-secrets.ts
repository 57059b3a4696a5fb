import { createHash, randomBytes } from 'node:crypto';
import type { ApiTokenSecrets, GeneratedApiToken } from '../../application/identity/api-token-secrets.port.js';

/** A recognisable prefix lets secret scanners flag leaked tokens and keeps them apart from JWTs. */
const PREFIX = 'oex_';
const SHAPE = /^oex_[A-Za-z0-9_-]{43}$/;

/**
 * 256 random bits, so a plain SHA-256 is the right storage: there is nothing to brute-force that
 * a slow password hash would protect, and lookups stay a single indexed equality.
 */
export class Sha256ApiTokenSecrets implements ApiTokenSecrets {
  generate(): GeneratedApiToken {
    const raw = PREFIX + randomBytes(32).toString('base64url');
    return { raw, hash: this.hashOf(raw) };
  }

  hashOf(raw: string): string {
    return createHash('sha256').update(raw, 'utf8').digest('hex');
  }

  looksLikeApiToken(raw: string): boolean {
    return SHAPE.test(raw);
  }
}
