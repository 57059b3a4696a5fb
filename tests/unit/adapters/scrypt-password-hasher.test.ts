import { describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from '../../../adapters/security/scrypt-password-hasher.js';
import { FAST_SCRYPT_COST } from '../../support/fakes/index.js';

const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
const PASSWORD = 'correct horse battery staple';

describe('ScryptPasswordHasher', () => {
  it('produces scrypt$N$r$p$salt$key carrying its cost parameters', async () => {
    const hash = await hasher.hash(PASSWORD);

    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(PASSWORD);
  });

  it('verifies the right password', async () => {
    await expect(hasher.verify(PASSWORD, await hasher.hash(PASSWORD))).resolves.toBe(true);
  });

  it.each([['a wrong password', 'correct horse battery stapler'], ['the empty string', ''], ['a case change', PASSWORD.toUpperCase()]])(
    'rejects %s',
    async (_label, attempt) => {
      await expect(hasher.verify(attempt, await hasher.hash(PASSWORD))).resolves.toBe(false);
    },
  );

  it('salts: two hashes of one password differ, and both verify', async () => {
    const first = await hasher.hash(PASSWORD);
    const second = await hasher.hash(PASSWORD);

    expect(first).not.toBe(second);
    await expect(hasher.verify(PASSWORD, first)).resolves.toBe(true);
    await expect(hasher.verify(PASSWORD, second)).resolves.toBe(true);
  });

  it('verifies a hash made with other cost parameters, read from the hash itself', async () => {
    const stronger = new ScryptPasswordHasher({ N: 2048, r: 8, p: 2 });
    const hash = await stronger.hash(PASSWORD);

    expect(hash.startsWith('scrypt$2048$8$2$')).toBe(true);
    await expect(hasher.verify(PASSWORD, hash)).resolves.toBe(true);
  });

  it('treats canonically equivalent Unicode spellings of a password as the same password (NFKC)', async () => {
    const composed = 'café-passwörd-123';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);

    await expect(hasher.verify(decomposed, await hasher.hash(composed))).resolves.toBe(true);
  });

  it('rejects a hash whose key was altered', async () => {
    const hash = await hasher.hash(PASSWORD);
    const parts = hash.split('$');
    const key = Buffer.from(parts[5] ?? '', 'base64url');
    key[0] = (key[0] ?? 0) ^ 0xff;
    parts[5] = key.toString('base64url');

    await expect(hasher.verify(PASSWORD, parts.join('$'))).resolves.toBe(false);
  });

  it('rejects a hash whose salt was swapped', async () => {
    const parts = (await hasher.hash(PASSWORD)).split('$');
    parts[4] = Buffer.alloc(16, 7).toString('base64url');

    await expect(hasher.verify(PASSWORD, parts.join('$'))).resolves.toBe(false);
  });

  describe('malformed hashes answer false without throwing', () => {
    const key = Buffer.alloc(32, 1).toString('base64url');
    const salt = Buffer.alloc(16, 2).toString('base64url');

    it.each([
      ['empty', ''],
      ['plain text', 'not a hash'],
      ['a bcrypt hash', '$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234'],
      ['the wrong scheme', `argon2$1024$8$1$${salt}$${key}`],
      ['too few fields', `scrypt$1024$8$1$${salt}`],
      ['too many fields', `scrypt$1024$8$1$${salt}$${key}$extra`],
      ['a non-numeric N', `scrypt$abc$8$1$${salt}$${key}`],
      ['a fractional r', `scrypt$1024$8.5$1$${salt}$${key}`],
      ['an empty p', `scrypt$1024$8$$${salt}$${key}`],
      ['a short key', `scrypt$1024$8$1$${salt}$${Buffer.alloc(16).toString('base64url')}`],
      ['an empty key', `scrypt$1024$8$1$${salt}$`],
      ['an empty salt', `scrypt$1024$8$1$$${key}`],
      ['an N that is not a power of two', `scrypt$3$8$1$${salt}$${key}`],
      ['a negative N', `scrypt$-1024$8$1$${salt}$${key}`],
      ['a zero r (Node would silently substitute its default)', `scrypt$1024$0$1$${salt}$${key}`],
      ['an N large enough to exhaust memory', `scrypt$${2 ** 30}$8$1$${salt}$${key}`],
      ['an r large enough to exhaust memory', `scrypt$1024$100000$1$${salt}$${key}`],
      ['a short salt', `scrypt$1024$8$1$${Buffer.alloc(4).toString('base64url')}$${key}`],
    ])('%s', async (_label, malformed) => {
      await expect(hasher.verify(PASSWORD, malformed)).resolves.toBe(false);
    });
  });
});
