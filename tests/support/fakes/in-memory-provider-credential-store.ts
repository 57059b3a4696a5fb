import type { ProviderCredentials, ProviderCredentialStore } from '../../../application/entitlements/provider-credential-store.port.js';
import type { Restore, SnapshotableStore } from './immediate-transaction-runner.js';

/**
 * One credential per (organization, provider), replaced on save, like the upsert over
 * `provider_credentials`. Kept in clear: encryption is the real store's concern and is tested
 * against PostgreSQL; the use cases only see decrypted values anyway.
 */
export class InMemoryProviderCredentialStore implements ProviderCredentialStore, SnapshotableStore {
  private rows = new Map<string, { credentials: ProviderCredentials; savedAt: Date; keyId: string }>();

  /** Stands for the cipher's active key: rows keep the id they were saved under, as sealed rows do. */
  activeKeyId = 'fake-key-1';

  async findFor(orgId: string, providerId: string): Promise<ProviderCredentials | null> {
    const row = this.rows.get(keyOf(orgId, providerId));
    return row ? { ...row.credentials } : null;
  }

  async providerIdsWithCredentials(orgId: string): Promise<ReadonlySet<string>> {
    const prefix = `${orgId}:`;
    return new Set([...this.rows.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)));
  }

  async save(orgId: string, providerId: string, credentials: ProviderCredentials, at: Date): Promise<'created' | 'replaced'> {
    const key = keyOf(orgId, providerId);
    const outcome = this.rows.has(key) ? 'replaced' : 'created';
    this.rows.set(key, { credentials: { ...credentials }, savedAt: new Date(at), keyId: this.activeKeyId });
    return outcome;
  }

  async resealWithActiveKey(at: Date): Promise<number> {
    const stale = [...this.rows.values()].filter((row) => row.keyId !== this.activeKeyId);
    for (const row of stale) {
      row.keyId = this.activeKeyId;
      row.savedAt = new Date(at);
    }
    return stale.length;
  }

  /** Test helper: the key a row was last sealed with, or undefined. */
  keyIdOf(orgId: string, providerId: string): string | undefined {
    return this.rows.get(keyOf(orgId, providerId))?.keyId;
  }

  /** Test helper: when the credentials were last saved, or undefined. */
  savedAt(orgId: string, providerId: string): Date | undefined {
    const row = this.rows.get(keyOf(orgId, providerId));
    return row ? new Date(row.savedAt) : undefined;
  }

  snapshot(): Restore {
    const saved = new Map([...this.rows].map(([key, row]) => [key, { ...row }]));
    return () => {
      this.rows = saved;
    };
  }
}

function keyOf(orgId: string, providerId: string): string {
  return `${orgId}:${providerId}`;
}
