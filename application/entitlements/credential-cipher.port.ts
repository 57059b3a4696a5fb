/**
 * A secret sealed with authenticated encryption. `keyId` names the key of the ring that sealed
 * it, so rows sealed before a key rotation still open.
 */
export interface SealedSecret {
  readonly keyId: string;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly authTag: Uint8Array;
}

/**
 * Encrypts secrets at rest. `associatedData` is authenticated but not stored in the ciphertext:
 * sealing under `${orgId}:${providerId}` means a row copied to another organization or provider
 * no longer opens.
 */
export interface CredentialCipher {
  /** The key new seals use; a sealed secret under any other key is due for re-sealing. */
  readonly activeKeyId: string;
  /** Seals with the active key and a fresh random nonce. */
  seal(plaintext: string, associatedData: string): SealedSecret;
  /** Throws when the key is not in the ring, or the ciphertext, tag or associated data were altered. */
  open(sealed: SealedSecret, associatedData: string): string;
}
