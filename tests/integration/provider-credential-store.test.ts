import { randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroOrmAuditLog } from '../../adapters/persistence/audit/mikro-orm-audit-log.js';
import { MikroOrmCatalogueRepository } from '../../adapters/persistence/entitlements/mikro-orm-catalogue.repository.js';
import { MikroOrmProviderCredentialStore } from '../../adapters/persistence/entitlements/mikro-orm-provider-credential-store.js';
import { MikroOrmTransactionRunner } from '../../adapters/persistence/shared/mikro-orm-transaction-runner.js';
import { MikroOrmOrganizationRepository } from '../../adapters/persistence/tenancy/mikro-orm-organization.repository.js';
import {
  AesGcmCredentialCipher,
  CredentialAuthenticationError,
  UnknownCredentialKeyError,
  type CredentialKey,
} from '../../adapters/security/aes-gcm-credential-cipher.js';
import { RandomUuidGenerator } from '../../adapters/system/random-uuid-generator.js';
import { SystemClock } from '../../adapters/system/system-clock.js';
import { AuditedTransaction } from '../../application/audit/audited-transaction.js';
import { SetProviderCredentials } from '../../application/entitlements/set-provider-credentials.js';
import { mikroOrmOptions } from '../../infrastructure/database/mikro-orm-options.js';
import { PROVIDER_IDS } from '../support/catalogue-ids.js';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database.js';
import { workerDatabaseUrl } from '../support/worker-database-url.js';
import { tenantRows, type TenantRows } from './support/tenant-rows.js';

const OLD_KEY: CredentialKey = { id: 'rotation-old', key: randomBytes(32) };
const NEW_KEY: CredentialKey = { id: 'rotation-new', key: randomBytes(32) };

let orm: MikroORM;
let transactions: MikroOrmTransactionRunner;
let seed: TenantRows;
const ids = new RandomUuidGenerator();

beforeAll(async () => {
  orm = await MikroORM.init(mikroOrmOptions({ url: workerDatabaseUrl(), poolMax: 4 }));
  transactions = new MikroOrmTransactionRunner(orm);
  seed = tenantRows(orm);
});

afterAll(async () => {
  await orm?.close();
});

function storeWith(keys: readonly CredentialKey[], activeKeyId: string): MikroOrmProviderCredentialStore {
  return new MikroOrmProviderCredentialStore(orm, new AesGcmCredentialCipher({ keys, activeKeyId }), ids);
}

function sql(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return orm.em.fork().getConnection().execute(query, params);
}

describe('MikroOrmProviderCredentialStore', () => {
  it('seals on save and opens on read; one row per organization and provider, replaced in place', async () => {
    const store = storeWith([OLD_KEY], OLD_KEY.id);
    const organization = await seed.organization();
    const first = new Date('2026-01-01T00:00:00Z');
    const second = new Date('2026-02-01T00:00:00Z');

    expect(await store.findFor(organization.id, PROVIDER_IDS.instantly)).toBeNull();
    expect(await transactions.run(() => store.save(organization.id, PROVIDER_IDS.instantly, { apiKey: 'key-one', workspaceId: 'ws-1' }, first))).toBe(
      'created',
    );
    expect(await transactions.run(() => store.save(organization.id, PROVIDER_IDS.instantly, { apiKey: 'key-two', workspaceId: null }, second))).toBe(
      'replaced',
    );
    await transactions.run(() => store.save(organization.id, PROVIDER_IDS.heyreach, { apiKey: 'key-three', workspaceId: null }, first));

    expect(await store.findFor(organization.id, PROVIDER_IDS.instantly)).toEqual({ apiKey: 'key-two', workspaceId: null });
    expect(await store.findFor(organization.id, PROVIDER_IDS.heyreach)).toEqual({ apiKey: 'key-three', workspaceId: null });
    expect(await store.providerIdsWithCredentials(organization.id)).toEqual(new Set([PROVIDER_IDS.instantly, PROVIDER_IDS.heyreach]));
    expect(await store.providerIdsWithCredentials((await seed.organization()).id)).toEqual(new Set());

    const rows = await sql('select key_id, created_at, updated_at from provider_credentials where org_id = ? and provider_id = ?', [
      organization.id,
      PROVIDER_IDS.instantly,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key_id: OLD_KEY.id });
    expect(new Date(rows[0]!['created_at'] as string).getTime()).toBe(first.getTime());
    expect(new Date(rows[0]!['updated_at'] as string).getTime()).toBe(second.getTime());
  });

  it('does not open a row copied to another organization or another provider', async () => {
    const store = storeWith([OLD_KEY], OLD_KEY.id);
    const [owner, thief] = [await seed.organization(), await seed.organization()];
    await transactions.run(() => store.save(owner.id, PROVIDER_IDS.smartlead, { apiKey: 'owner-key', workspaceId: null }, new Date()));

    const copy = (orgId: string, providerId: string) =>
      sql(
        `insert into provider_credentials (id, org_id, provider_id, key_id, nonce, ciphertext, auth_tag, created_at, updated_at)
         select ?, ?, ?, key_id, nonce, ciphertext, auth_tag, now(), now()
           from provider_credentials where org_id = ? and provider_id = ?`,
        [randomUUID(), orgId, providerId, owner.id, PROVIDER_IDS.smartlead],
      );
    await copy(thief.id, PROVIDER_IDS.smartlead);
    await copy(owner.id, PROVIDER_IDS.instantly);

    await expect(store.findFor(thief.id, PROVIDER_IDS.smartlead)).rejects.toBeInstanceOf(CredentialAuthenticationError);
    await expect(store.findFor(owner.id, PROVIDER_IDS.instantly)).rejects.toBeInstanceOf(CredentialAuthenticationError);
    expect(await store.findFor(owner.id, PROVIDER_IDS.smartlead)).toEqual({ apiKey: 'owner-key', workspaceId: null });
  });

  it('holds the nonce and tag sizes in the database', async () => {
    const organization = await seed.organization();
    const insert = (nonceBytes: number, tagBytes: number) =>
      sql(
        `insert into provider_credentials (id, org_id, provider_id, key_id, nonce, ciphertext, auth_tag, created_at, updated_at)
         values (?, ?, ?, 'k', decode(?, 'hex'), decode('00', 'hex'), decode(?, 'hex'), now(), now())`,
        [randomUUID(), organization.id, PROVIDER_IDS.smartlead, '00'.repeat(nonceBytes), '00'.repeat(tagBytes)],
      );
    await expect(insert(16, 16)).rejects.toThrow(/provider_credentials_nonce_length/);
    await expect(insert(12, 8)).rejects.toThrow(/provider_credentials_tag_length/);
  });
});

describe('key rotation', () => {
  // A private database: re-sealing touches every organization's rows, and the shared worker
  // database holds rows other test files sealed with keys this file does not have.
  let database: FreshDatabase;
  let privateOrm: MikroORM;
  let privateTransactions: MikroOrmTransactionRunner;
  let privateRows: TenantRows;

  beforeAll(async () => {
    database = await freshDatabase();
    privateOrm = await MikroORM.init(mikroOrmOptions({ url: database.url, poolMax: 2 }));
    privateTransactions = new MikroOrmTransactionRunner(privateOrm);
    privateRows = tenantRows(privateOrm);
  });

  afterAll(async () => {
    await privateOrm?.close();
    await database?.drop();
  });

  const privateStore = (keys: readonly CredentialKey[], activeKeyId: string) =>
    new MikroOrmProviderCredentialStore(privateOrm, new AesGcmCredentialCipher({ keys, activeKeyId }), ids);
  const keyIdsOf = (orgId: string) =>
    privateOrm.em.fork().getConnection().execute('select provider_id, key_id from provider_credentials where org_id = ? order by provider_id', [orgId]);

  it('keeps opening rows sealed with an old key, seals new ones with the new key, and re-seals the old ones', async () => {
    const organization = await privateRows.organization();
    const before = privateStore([OLD_KEY], OLD_KEY.id);
    await privateTransactions.run(() => before.save(organization.id, PROVIDER_IDS.smartlead, { apiKey: 'sealed-before', workspaceId: null }, new Date()));

    const rotated = privateStore([OLD_KEY, NEW_KEY], NEW_KEY.id);
    expect(await rotated.findFor(organization.id, PROVIDER_IDS.smartlead)).toEqual({ apiKey: 'sealed-before', workspaceId: null });
    await privateTransactions.run(() => rotated.save(organization.id, PROVIDER_IDS.heyreach, { apiKey: 'sealed-after', workspaceId: null }, new Date()));
    expect(await keyIdsOf(organization.id)).toEqual([
      { provider_id: PROVIDER_IDS.smartlead, key_id: OLD_KEY.id },
      { provider_id: PROVIDER_IDS.heyreach, key_id: NEW_KEY.id },
    ]);
    // The ring from before the rotation does not know the new key, and says so.
    await expect(before.findFor(organization.id, PROVIDER_IDS.heyreach)).rejects.toBeInstanceOf(UnknownCredentialKeyError);

    expect(await privateTransactions.run(() => rotated.resealWithActiveKey(new Date()))).toBe(1);
    expect(await keyIdsOf(organization.id)).toEqual([
      { provider_id: PROVIDER_IDS.smartlead, key_id: NEW_KEY.id },
      { provider_id: PROVIDER_IDS.heyreach, key_id: NEW_KEY.id },
    ]);
    expect(await privateTransactions.run(() => rotated.resealWithActiveKey(new Date()))).toBe(0);

    const retired = privateStore([NEW_KEY], NEW_KEY.id);
    expect(await retired.findFor(organization.id, PROVIDER_IDS.smartlead)).toEqual({ apiKey: 'sealed-before', workspaceId: null });
    expect(await retired.findFor(organization.id, PROVIDER_IDS.heyreach)).toEqual({ apiKey: 'sealed-after', workspaceId: null });
  });

  it('stops, naming the row and changing nothing, when a row it must re-seal does not open', async () => {
    const organization = await privateRows.organization();
    const old = privateStore([OLD_KEY], OLD_KEY.id);
    await privateTransactions.run(() => old.save(organization.id, PROVIDER_IDS.instantly, { apiKey: 'fine', workspaceId: 'ws' }, new Date()));
    await privateTransactions.run(() => old.save(organization.id, PROVIDER_IDS.smartlead, { apiKey: 'doomed', workspaceId: null }, new Date()));
    await privateOrm.em.fork().getConnection().execute(
      `update provider_credentials set ciphertext = ciphertext || '\\x00'::bytea where org_id = ? and provider_id = ?`,
      [organization.id, PROVIDER_IDS.smartlead],
    );

    const attempt = privateTransactions.run(() => privateStore([OLD_KEY, NEW_KEY], NEW_KEY.id).resealWithActiveKey(new Date()));

    await expect(attempt).rejects.toThrow(`organization ${organization.id} for provider ${PROVIDER_IDS.smartlead}`);
    expect((await keyIdsOf(organization.id)).map((row) => row['key_id'])).toEqual([OLD_KEY.id, OLD_KEY.id]);
  });
});

describe('a database dump', () => {
  it('shows no api key in clear, nor its base64 or hex, in any column of any table', async () => {
    const organization = await seed.organization();
    const apiKey = `sk-live-${randomUUID()}-${randomUUID()}`;
    const workspaceId = `ws-${randomUUID()}`;
    const clock = new SystemClock();
    const audited = new AuditedTransaction(transactions, new MikroOrmAuditLog(orm, ids), clock);
    const setCredentials = new SetProviderCredentials(
      new MikroOrmOrganizationRepository(orm),
      new MikroOrmCatalogueRepository(orm),
      storeWith([OLD_KEY], OLD_KEY.id),
      audited,
      clock,
    );
    await setCredentials.execute({
      context: { actor: { type: 'system' }, requestId: `dump-${randomUUID()}` },
      orgId: organization.id,
      providerSlug: 'instantly',
      config: { api_key: apiKey, workspace_id: workspaceId },
    });

    const dump = await dumpEveryColumn();
    const needles: Record<string, string> = {
      'the key': apiKey,
      'the key, base64': Buffer.from(apiKey).toString('base64'),
      'the key, base64url': Buffer.from(apiKey).toString('base64url'),
      'the key, hex': Buffer.from(apiKey).toString('hex'),
      'the workspace id': workspaceId,
    };
    const found = Object.entries(needles).flatMap(([label, needle]) =>
      dump.filter((line) => line.text.toLowerCase().includes(needle.toLowerCase())).map((line) => `${label} in ${line.where}`),
    );

    expect(found).toEqual([]);
    // The dump is only evidence if it saw the credential row, ciphertext and all.
    expect(dump.some((line) => line.where.startsWith('provider_credentials') && line.text.includes(organization.id))).toBe(true);
    expect(dump.filter((line) => line.where.startsWith('provider_credentials.') && line.where.includes('ciphertext')).length).toBeGreaterThan(0);
  });
});

interface DumpLine {
  readonly where: string;
  readonly text: string;
}

/**
 * Every row of every table of the public schema rendered as text, plus every bytea column
 * rendered as hex, escape and base64: what someone holding a dump or a replica could read.
 */
async function dumpEveryColumn(): Promise<DumpLine[]> {
  const client = new pg.Client({ connectionString: workerDatabaseUrl() });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const lines: DumpLine[] = [];
    for (const { table_name: table } of tables.rows) {
      const identifier = pg.escapeIdentifier(table);
      const rows = await client.query<{ row: string }>(`select t::text as row from ${identifier} t`);
      lines.push(...rows.rows.map((row) => ({ where: table, text: row.row })));
      const binary = await client.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and data_type = 'bytea'`,
        [table],
      );
      for (const { column_name: column } of binary.rows) {
        const name = pg.escapeIdentifier(column);
        const encoded = await client.query<{ hex: string; escape: string; base64: string }>(
          `select encode(${name}, 'hex') as hex, encode(${name}, 'escape') as escape, encode(${name}, 'base64') as base64 from ${identifier}`,
        );
        for (const row of encoded.rows) {
          lines.push(
            { where: `${table}.${column} (hex)`, text: row.hex },
            { where: `${table}.${column} (escape)`, text: row.escape },
            // base64 output wraps lines every 76 characters.
            { where: `${table}.${column} (base64)`, text: row.base64.replaceAll('\n', '') },
          );
        }
      }
    }
    return lines;
  } finally {
    await client.end();
  }
}
