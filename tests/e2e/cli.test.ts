import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AesGcmCredentialCipher } from '../../adapters/security/aes-gcm-credential-cipher.js';
import { PROVIDER_IDS } from '../support/catalogue-ids.js';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database.js';

/** The command-line tools, run as a newcomer runs them, against a private empty database. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
let database: FreshDatabase;

beforeAll(async () => {
  database = await freshDatabase({ migrated: false });
});

afterAll(async () => {
  await database?.drop();
});

function run(
  script: string,
  args: string[],
  stdin?: string,
  environment: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'development', ...environment },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

async function query(sql: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('npm run db:migrate', () => {
  it('applies the migrations once and is a no-op afterwards', async () => {
    const first = await run('infrastructure/cli/migrate.ts', []);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Applied: 0001-foundation, 0002-tenancy, 0003-providers, 0004-email-outreach, 0005-webhook-ingestion, 0006-sender-account-status-reason');
    const second = await run('infrastructure/cli/migrate.ts', []);
    expect(second.stdout).toContain('Schema is up to date.');
    expect(await query('select name from schema_migrations order by name')).toEqual([
      { name: '0001-foundation' },
      { name: '0002-tenancy' },
      { name: '0003-providers' },
      { name: '0004-email-outreach' },
      { name: '0005-webhook-ingestion' },
      { name: '0006-sender-account-status-reason' },
    ]);
  }, 60_000);
});

describe('npm run admin:create', () => {
  it('creates a super-admin from flags, with a scrypt hash and an audit row', async () => {
    const result = await run('infrastructure/cli/create-super-admin.ts', ['--email', 'Ops@Example.test', '--password', 'a-very-long-password']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Super-admin created: [0-9a-f-]{36}/);
    const [admin] = await query('select email, password_hash from super_admins');
    expect(admin?.['email']).toBe('ops@example.test');
    expect(admin?.['password_hash']).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(String(admin?.['password_hash'])).not.toContain('a-very-long-password');
  }, 60_000);

  it('reads the password from stdin when asked to', async () => {
    const result = await run('infrastructure/cli/create-super-admin.ts', ['--email', 'stdin@example.test', '--password-stdin'], 'from-stdin-password\n');
    expect(result.code).toBe(0);
    expect(await query(`select 1 from super_admins where email = 'stdin@example.test'`)).toHaveLength(1);
  }, 60_000);

  it('refuses a duplicate, a short password and missing flags with exit code 1 and a reason', async () => {
    const duplicate = await run('infrastructure/cli/create-super-admin.ts', ['--email', 'ops@example.test', '--password', 'another-long-password']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');

    const short = await run('infrastructure/cli/create-super-admin.ts', ['--email', 'short@example.test', '--password', 'short']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');

    const missing = await run('infrastructure/cli/create-super-admin.ts', ['--email', 'not-an-email']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Usage: npm run admin:create');
  }, 60_000);
});

describe('npm run credentials:reseal', () => {
  it('moves every stored credential onto the active key, so the old one can leave the ring', async () => {
    expect((await run('infrastructure/cli/migrate.ts', [])).code).toBe(0);
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const orgId = randomUUID();
    await query(`insert into organizations (id, name, slug, created_at, updated_at) values ($1, 'Reseal', $2, now(), now())`, [orgId, `reseal-${orgId.slice(0, 8)}`]);
    const sealed = new AesGcmCredentialCipher({ keys: [{ id: 'old', key: oldKey }], activeKeyId: 'old' }).seal(
      JSON.stringify({ api_key: 'sk-reseal-me', workspace_id: null }),
      `${orgId}:${PROVIDER_IDS.smartlead}`,
    );
    await query(
      `insert into provider_credentials (id, org_id, provider_id, key_id, nonce, ciphertext, auth_tag, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, now(), now())`,
      [randomUUID(), orgId, PROVIDER_IDS.smartlead, sealed.keyId, Buffer.from(sealed.nonce), Buffer.from(sealed.ciphertext), Buffer.from(sealed.authTag)],
    );
    const ring = (...keys: [string, Buffer][]) => ({ CREDENTIAL_KEYS: keys.map(([id, key]) => `${id}:${key.toString('base64')}`).join(',') });

    // Retiring the old key too early is refused, naming the key, and changes nothing.
    const early = await run('infrastructure/cli/reseal-credentials.ts', [], undefined, ring(['new', newKey]));
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("'old'");
    expect(early.stderr).not.toContain(newKey.toString('base64'));

    const rotated = await run('infrastructure/cli/reseal-credentials.ts', [], undefined, ring(['new', newKey], ['old', oldKey]));
    expect(rotated).toMatchObject({ code: 0 });
    expect(rotated.stdout).toContain("Re-sealed 1 provider credential(s) with key 'new'.");
    const [row] = await query(`select key_id, nonce, ciphertext, auth_tag from provider_credentials where org_id = $1`, [orgId]);
    expect(row?.['key_id']).toBe('new');
    const opened = new AesGcmCredentialCipher({ keys: [{ id: 'new', key: newKey }], activeKeyId: 'new' }).open(
      { keyId: 'new', nonce: row?.['nonce'], ciphertext: row?.['ciphertext'], authTag: row?.['auth_tag'] },
      `${orgId}:${PROVIDER_IDS.smartlead}`,
    );
    expect(JSON.parse(opened)).toEqual({ api_key: 'sk-reseal-me', workspace_id: null });

    const again = await run('infrastructure/cli/reseal-credentials.ts', [], undefined, ring(['new', newKey]));
    expect(again.stdout).toContain('Re-sealed 0 provider credential(s)');
    expect(await query(`select outcome, detail from audit_events where action = 'provider_credentials.reseal' order by occurred_at`)).toEqual([
      { outcome: 'success', detail: { resealed: 1 } },
      { outcome: 'success', detail: { resealed: 0 } },
    ]);
  }, 90_000);
});
