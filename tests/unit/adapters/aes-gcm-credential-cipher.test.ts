import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AesGcmCredentialCipher,
  CredentialAuthenticationError,
  UnknownCredentialKeyError,
  type CredentialKey,
} from '../../../adapters/security/aes-gcm-credential-cipher.js';
import type { SealedSecret } from '../../../application/entitlements/credential-cipher.port.js';

const OLD: CredentialKey = { id: 'k2025', key: randomBytes(32) };
const NEW: CredentialKey = { id: 'k2026', key: randomBytes(32) };
const AAD = '00000000-0000-4000-8000-0000000000a1:0c0a0002-0000-4000-8000-000000000001';
const SECRET = JSON.stringify({ api_key: 'sk-live-very-secret-key', workspace_id: null });

function flipFirstBit(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[0] = (copy[0] ?? 0) ^ 1;
  return copy;
}

describe('AesGcmCredentialCipher', () => {
  const cipher = new AesGcmCredentialCipher({ keys: [OLD], activeKeyId: OLD.id });

  it('opens what it sealed, with the active key named on the result', () => {
    const sealed = cipher.seal(SECRET, AAD);

    expect(sealed.keyId).toBe(OLD.id);
    expect(sealed.nonce).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    expect(Buffer.from(sealed.ciphertext).toString('utf8')).not.toContain('sk-live');
    expect(cipher.open(sealed, AAD)).toBe(SECRET);
  });

  it('uses a fresh nonce each time, so equal secrets never seal alike', () => {
    const first = cipher.seal(SECRET, AAD);
    const second = cipher.seal(SECRET, AAD);

    expect(Buffer.from(first.nonce).equals(Buffer.from(second.nonce))).toBe(false);
    expect(Buffer.from(first.ciphertext).equals(Buffer.from(second.ciphertext))).toBe(false);
  });

  it.each<[string, (sealed: SealedSecret) => SealedSecret]>([
    ['ciphertext', (sealed) => ({ ...sealed, ciphertext: flipFirstBit(sealed.ciphertext) })],
    ['authentication tag', (sealed) => ({ ...sealed, authTag: flipFirstBit(sealed.authTag) })],
    ['nonce', (sealed) => ({ ...sealed, nonce: flipFirstBit(sealed.nonce) })],
    ['truncated tag', (sealed) => ({ ...sealed, authTag: sealed.authTag.slice(0, 12) })],
  ])('refuses a tampered %s', (_part, tamper) => {
    const sealed = cipher.seal(SECRET, AAD);

    expect(() => cipher.open(tamper(sealed), AAD)).toThrow(CredentialAuthenticationError);
  });

  it('refuses to open under other associated data: a row moved to another organization or provider', () => {
    const sealed = cipher.seal(SECRET, AAD);
    const [orgId, providerId] = AAD.split(':');

    expect(() => cipher.open(sealed, `00000000-0000-4000-8000-0000000000a2:${providerId}`)).toThrow(CredentialAuthenticationError);
    expect(() => cipher.open(sealed, `${orgId}:0c0a0002-0000-4000-8000-000000000002`)).toThrow(CredentialAuthenticationError);
  });

  it('refuses key material swapped under the same id', () => {
    const sealed = cipher.seal(SECRET, AAD);
    const impostor = new AesGcmCredentialCipher({ keys: [{ id: OLD.id, key: randomBytes(32) }], activeKeyId: OLD.id });

    expect(() => impostor.open(sealed, AAD)).toThrow(CredentialAuthenticationError);
  });

  it('keeps opening rows sealed with an old key after rotation, and seals new ones with the new key', () => {
    const sealedBefore = cipher.seal(SECRET, AAD);
    const rotated = new AesGcmCredentialCipher({ keys: [OLD, NEW], activeKeyId: NEW.id });

    expect(rotated.open(sealedBefore, AAD)).toBe(SECRET);
    const sealedAfter = rotated.seal(SECRET, AAD);
    expect(sealedAfter.keyId).toBe(NEW.id);
    expect(rotated.open(sealedAfter, AAD)).toBe(SECRET);
    // The ring from before the rotation cannot open the new row: it does not hold the new key.
    expect(() => cipher.open(sealedAfter, AAD)).toThrow(UnknownCredentialKeyError);
  });

  it('names an unknown key id clearly, without any key material', () => {
    const sealed = { ...cipher.seal(SECRET, AAD), keyId: 'retired-key' };

    const error = (() => {
      try {
        cipher.open(sealed, AAD);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(UnknownCredentialKeyError);
    expect(error.message).toContain("'retired-key'");
    expect(error.message).toContain('CREDENTIAL_KEYS');
    expect(error.message).not.toContain(Buffer.from(OLD.key).toString('base64'));
  });

  it.each<[string, () => AesGcmCredentialCipher]>([
    ['a 16-byte key', () => new AesGcmCredentialCipher({ keys: [{ id: 'short', key: randomBytes(16) }], activeKeyId: 'short' })],
    ['an active key outside the ring', () => new AesGcmCredentialCipher({ keys: [OLD], activeKeyId: NEW.id })],
    ['a repeated key id', () => new AesGcmCredentialCipher({ keys: [OLD, { ...NEW, id: OLD.id }], activeKeyId: OLD.id })],
    ['a key id with a separator in it', () => new AesGcmCredentialCipher({ keys: [{ id: 'a:b', key: randomBytes(32) }], activeKeyId: 'a:b' })],
  ])('refuses to start with %s', (_label, build) => {
    expect(build).toThrow();
  });
});
