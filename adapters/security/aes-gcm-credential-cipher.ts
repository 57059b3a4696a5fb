import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CredentialCipher, SealedSecret } from '../../application/entitlements/credential-cipher.port.js';

export const CREDENTIAL_KEY_BYTES = 32;
/** 96 bits: the nonce size GCM is specified for; random per seal, so a key may seal ~2^32 secrets safely. */
const NONCE_BYTES = 12;
const AUTH_TAG_BYTES = 16;

/** Key ids are stored with every row and written in `CREDENTIAL_KEYS` as `id:base64`. */
export const CREDENTIAL_KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export interface CredentialKey {
  readonly id: string;
  /** 32 bytes of key material for AES-256. */
  readonly key: Uint8Array;
}

/**
 * Every key that may still have sealed stored rows, and the one new seals use. Rotation adds a
 * key and makes it active; the old one stays in the ring until no row is sealed with it.
 */
export interface CredentialKeyRing {
  readonly keys: readonly CredentialKey[];
  readonly activeKeyId: string;
}

/** A row names a key the ring does not hold: it was removed before every row was re-sealed. */
export class UnknownCredentialKeyError extends Error {
  constructor(readonly keyId: string) {
    super(
      `Stored credentials were sealed with key '${keyId}', which is not in CREDENTIAL_KEYS; ` +
        'keep a key in the ring until no stored credential uses it.',
    );
    this.name = 'UnknownCredentialKeyError';
  }
}

/** Ciphertext, tag, nonce or associated data were altered, or the key material under the id changed. */
export class CredentialAuthenticationError extends Error {
  constructor() {
    super('Stored credentials failed authentication: they were altered, moved to another organization or provider, or the key changed.');
    this.name = 'CredentialAuthenticationError';
  }
}

/** AES-256-GCM with a random nonce per seal, over a ring of keys addressed by id. */
export class AesGcmCredentialCipher implements CredentialCipher {
  private readonly keys: ReadonlyMap<string, Uint8Array>;
  readonly activeKeyId: string;

  constructor(ring: CredentialKeyRing) {
    const keys = new Map<string, Uint8Array>();
    for (const { id, key } of ring.keys) {
      if (!CREDENTIAL_KEY_ID_PATTERN.test(id)) throw new Error(`credential key id '${id}' must match ${CREDENTIAL_KEY_ID_PATTERN.source}`);
      if (key.length !== CREDENTIAL_KEY_BYTES) throw new Error(`credential key '${id}' must be ${CREDENTIAL_KEY_BYTES} bytes`);
      if (keys.has(id)) throw new Error(`credential key id '${id}' appears twice`);
      keys.set(id, Uint8Array.from(key));
    }
    if (!keys.has(ring.activeKeyId)) throw new Error(`the active credential key '${ring.activeKeyId}' is not in the ring`);
    this.keys = keys;
    this.activeKeyId = ring.activeKeyId;
  }

  seal(plaintext: string, associatedData: string): SealedSecret {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(this.activeKeyId), nonce, { authTagLength: AUTH_TAG_BYTES });
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.activeKeyId, nonce, ciphertext, authTag: cipher.getAuthTag() };
  }

  open(sealed: SealedSecret, associatedData: string): string {
    const key = this.keyFor(sealed.keyId);
    if (sealed.nonce.length !== NONCE_BYTES || sealed.authTag.length !== AUTH_TAG_BYTES) throw new CredentialAuthenticationError();
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: AUTH_TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.authTag);
    try {
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // Node's own message ("unable to authenticate data") says nothing about what to check.
      throw new CredentialAuthenticationError();
    }
  }

  private keyFor(keyId: string): Uint8Array {
    const key = this.keys.get(keyId);
    if (!key) throw new UnknownCredentialKeyError(keyId);
    return key;
  }
}
