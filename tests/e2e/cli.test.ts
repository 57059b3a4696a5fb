import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

function run(script: string, args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'development' },
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

async function query(sql: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('npm run db:migrate', () => {
  it('applies the migrations once and is a no-op afterwards', async () => {
    const first = await run('infrastructure/cli/migrate.ts', []);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Applied: 0001-foundation, 0002-tenancy');
    const second = await run('infrastructure/cli/migrate.ts', []);
    expect(second.stdout).toContain('Schema is up to date.');
    expect(await query('select name from schema_migrations order by name')).toEqual([{ name: '0001-foundation' }, { name: '0002-tenancy' }]);
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
