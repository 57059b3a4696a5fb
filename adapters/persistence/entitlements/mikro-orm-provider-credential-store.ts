import type { MikroORM } from '@mikro-orm/postgresql';
import type { CredentialCipher, SealedSecret } from '../../../application/entitlements/credential-cipher.port.js';
import type { ProviderCredentials, ProviderCredentialStore } from '../../../application/entitlements/provider-credential-store.port.js';
import type { IdGenerator } from '../../../application/shared/id-generator.port.js';
import { entityManagerFor } from '../shared/entity-manager.js';

interface SealedRow {
  readonly org_id: string;
  readonly provider_id: string;
  readonly key_id: string;
  readonly nonce_hex: string;
  readonly ciphertext_hex: string;
  readonly auth_tag_hex: string;
}

/** What is sealed: the whole config, so no setting of it is ever stored in clear. */
interface SealedConfig {
  readonly api_key: string;
  readonly workspace_id: string | null;
}

const SELECT_SEALED = `select org_id, provider_id, key_id, encode(nonce, 'hex') as nonce_hex,
                              encode(ciphertext, 'hex') as ciphertext_hex, encode(auth_tag, 'hex') as auth_tag_hex
                         from provider_credentials`;

/**
 * `provider_credentials` rows hold only ciphertext. Plain SQL: the upsert needs `on conflict`
 * and tells created from replaced in the same statement, and bytea travels as hex so it does not
 * depend on how a driver binds binary parameters.
 */
export class MikroOrmProviderCredentialStore implements ProviderCredentialStore {
  constructor(
    private readonly orm: MikroORM,
    private readonly cipher: CredentialCipher,
    private readonly ids: IdGenerator,
  ) {}

  async findFor(orgId: string, providerId: string): Promise<ProviderCredentials | null> {
    const rows = await entityManagerFor(this.orm).execute<SealedRow[]>(`${SELECT_SEALED} where org_id = ? and provider_id = ?`, [orgId, providerId]);
    const row = rows[0];
    return row ? this.open(row) : null;
  }

  async providerIdsWithCredentials(orgId: string): Promise<ReadonlySet<string>> {
    const rows = await entityManagerFor(this.orm).execute<{ provider_id: string }[]>(
      'select provider_id from provider_credentials where org_id = ?',
      [orgId],
    );
    return new Set(rows.map((row) => row.provider_id));
  }

  async save(orgId: string, providerId: string, credentials: ProviderCredentials, at: Date): Promise<'created' | 'replaced'> {
    const sealed = this.seal(orgId, providerId, credentials);
    const rows = await entityManagerFor(this.orm).execute<{ inserted: boolean }[]>(
      `insert into provider_credentials (id, org_id, provider_id, key_id, nonce, ciphertext, auth_tag, created_at, updated_at)
       values (?, ?, ?, ?, decode(?, 'hex'), decode(?, 'hex'), decode(?, 'hex'), ?, ?)
       on conflict (org_id, provider_id) do update
         set key_id = excluded.key_id, nonce = excluded.nonce, ciphertext = excluded.ciphertext,
             auth_tag = excluded.auth_tag, updated_at = excluded.updated_at
       returning (xmax = 0) as inserted`,
      [this.ids.next(), orgId, providerId, sealed.keyId, hex(sealed.nonce), hex(sealed.ciphertext), hex(sealed.authTag), at, at],
    );
    return rows[0]?.inserted ? 'created' : 'replaced';
  }

  async resealWithActiveKey(at: Date): Promise<number> {
    const em = entityManagerFor(this.orm);
    // `for update`: a credential saved meanwhile waits, rather than being overwritten with its old value.
    const rows = await em.execute<SealedRow[]>(`${SELECT_SEALED} where key_id <> ? order by org_id, provider_id for update`, [this.cipher.activeKeyId]);
    for (const row of rows) {
      const sealed = this.seal(row.org_id, row.provider_id, this.openForResealing(row));
      await em.execute(
        `update provider_credentials
            set key_id = ?, nonce = decode(?, 'hex'), ciphertext = decode(?, 'hex'), auth_tag = decode(?, 'hex'), updated_at = ?
          where org_id = ? and provider_id = ?`,
        [sealed.keyId, hex(sealed.nonce), hex(sealed.ciphertext), hex(sealed.authTag), at, row.org_id, row.provider_id],
      );
    }
    return rows.length;
  }

  /**
   * A row that does not open stops the whole run (the caller's transaction rolls back): retiring
   * a key while it still seals something must not go unnoticed. Ids say which row; they are no secret.
   */
  private openForResealing(row: SealedRow): ProviderCredentials {
    try {
      return this.open(row);
    } catch (error) {
      throw new Error(
        `cannot re-seal the credentials of organization ${row.org_id} for provider ${row.provider_id}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  private seal(orgId: string, providerId: string, credentials: ProviderCredentials): SealedSecret {
    const config: SealedConfig = { api_key: credentials.apiKey, workspace_id: credentials.workspaceId };
    return this.cipher.seal(JSON.stringify(config), associatedDataFor(orgId, providerId));
  }

  private open(row: SealedRow): ProviderCredentials {
    const sealed: SealedSecret = {
      keyId: row.key_id,
      nonce: Buffer.from(row.nonce_hex, 'hex'),
      ciphertext: Buffer.from(row.ciphertext_hex, 'hex'),
      authTag: Buffer.from(row.auth_tag_hex, 'hex'),
    };
    const config = JSON.parse(this.cipher.open(sealed, associatedDataFor(row.org_id, row.provider_id))) as SealedConfig;
    return { apiKey: config.api_key, workspaceId: config.workspace_id ?? null };
  }
}


/** Binds a sealed row to its organization and provider: copied anywhere else, it no longer opens. */
export function associatedDataFor(orgId: string, providerId: string): string {
  return `${orgId}:${providerId}`;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
