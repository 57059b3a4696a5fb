import type { JwtSettings } from '../../../adapters/security/jwt-session-tokens.js';
import type { ScryptCost } from '../../../adapters/security/scrypt-password-hasher.js';

/** Real scrypt, at a cost low enough for unit tests (about a millisecond a hash). */
export const FAST_SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

export const TEST_JWT_SETTINGS: JwtSettings = {
  secret: 'unit-test-secret-that-is-long-enough-32+',
  issuer: 'outbound-engine-x-test',
  ttlSeconds: 3600,
};
