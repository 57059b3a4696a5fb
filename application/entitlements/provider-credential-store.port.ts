import type { ProviderCredentials } from '../../domain/entitlements/provider-credentials.js';

export type { ProviderCredentials } from '../../domain/entitlements/provider-credentials.js';

/**
 * Each organization's credentials per provider, encrypted at rest. Decrypted values leave the
 * store only through `findFor`, for provider adapters; no route ever returns them.
 */
export interface ProviderCredentialStore {
  /** The organization's decrypted credentials for the provider, or null when none were set. */
  findFor(orgId: string, providerId: string): Promise<ProviderCredentials | null>;
  /** The providers the organization has credentials for, without decrypting anything. */
  providerIdsWithCredentials(orgId: string): Promise<ReadonlySet<string>>;
  /** Creates or replaces the organization's credentials for the provider; answers which it was. */
  save(orgId: string, providerId: string, credentials: ProviderCredentials, at: Date): Promise<'created' | 'replaced'>;
  /**
   * After a key rotation: re-seals, with the active key, every stored credential of every
   * organization sealed with another one, so retired keys can leave the ring. Answers how many.
   */
  resealWithActiveKey(at: Date): Promise<number>;
}
