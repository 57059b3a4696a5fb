import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../application/identity/password-hasher.port.js';

/** Cost parameters travel inside each hash, so they can be raised later without breaking old hashes. */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1) costs ~128 MiB and ~0.3 s a hash here. */
export const RECOMMENDED_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** Format: `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly cost: ScryptCost = RECOMMENDED_SCRYPT_COST) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, this.cost);
    const { N, r, p } = this.cost;
    return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, hash: string): Promise<boolean> {
    const parts = hash.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
    // A corrupt or hostile stored hash must not pick the cost: bounds keep memory and time sane.
    if (!isPowerOfTwo(N) || N < MIN_N || N > MAX_N || !inRange(r, 1, 32) || !inRange(p, 1, 16)) return false;
    const salt = Buffer.from(parts[4] ?? '', 'base64url');
    const expected = Buffer.from(parts[5] ?? '', 'base64url');
    if (salt.length < SALT_LENGTH || expected.length !== KEY_LENGTH) return false;
    try {
      return timingSafeEqual(await derive(password, salt, { N, r, p }), expected);
    } catch {
      return false;
    }
  }
}

const MIN_N = 2 ** 10;
const MAX_N = 2 ** 20;

function isPowerOfTwo(value: number): boolean {
  return Number.isSafeInteger(value) && value > 1 && (value & (value - 1)) === 0;
}

function inRange(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
