// Proves that the architecture gate in .dependency-cruiser.cjs actually bites: a throwaway project
// tree full of deliberate layer violations is cruised with the real configuration, and every bad
// import must be reported under the expected rule, while clean code must pass. Finally the real
// source tree must currently be free of violations.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ICruiseResult, IConfiguration, IViolation } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CONFIG_FILE = join(PROJECT_ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE_BIN = join(PROJECT_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const PRODUCTION_FOLDERS = ['domain', 'application', 'adapters', 'infrastructure', 'migrations'];

interface CruiseRun {
  readonly result: ICruiseResult;
  readonly violations: readonly IViolation[];
}

/** Runs the depcruise CLI exactly as the lint script does, but with JSON output so we can inspect it. */
async function depcruise(cwd: string, targets: readonly string[]): Promise<CruiseRun> {
  const { stdout } = await execFileAsync(
    process.execPath,
    [DEPCRUISE_BIN, ...targets, '--config', CONFIG_FILE, '--output-type', 'json'],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as ICruiseResult;
  return { result, violations: result.summary.violations };
}

/** The names of every rule violated by imports *from* the given file, sorted. */
function rulesViolatedBy(violations: readonly IViolation[], from: string): string[] {
  return violations
    .filter((violation) => violation.from === from)
    .map((violation) => violation.rule.name)
    .sort();
}

/** A throwaway project that breaks every rule once (plus a clean pair of domain files). */
const THROWAWAY_TREE: Record<string, string> = {
  'domain/bad-framework.ts': "import Koa from 'koa';\nexport const app = new Koa();\n",
  'domain/bad-zod.ts': "import { z } from 'zod';\nexport const Email = z.string();\n",
  'domain/bad-node.ts': "import { randomUUID } from 'node:crypto';\nexport const newId = (): string => randomUUID();\n",
  'domain/bad-bare-core.ts': "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n",
  'domain/bad-type-only.ts': "import type { Context } from 'koa';\nexport type HttpContext = Context;\n",
  'domain/bad-layer.ts':
    "import { createCampaign } from '../application/use-case.js';\nexport const run = createCampaign;\n",
  'domain/bad-tests.ts': "import { fakeClock } from '../tests/support/fake-clock.js';\nexport const clock = fakeClock;\n",
  'domain/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = (): number => b() + 1;\n",
  'domain/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = (): number => (a.length > 0 ? 1 : 0);\n",
  'domain/good.ts': "import { other } from './other.js';\nexport const good = other + 1;\n",
  'domain/other.ts': 'export const other = 41;\n',
  'application/use-case.ts':
    "import { MikroORM } from '@mikro-orm/core';\nexport const createCampaign = (): unknown => MikroORM;\n",
  'application/bad-adapter.ts':
    "import { adapter } from '../adapters/http-adapter.js';\nexport const useAdapter = adapter;\n",
  'application/good-use-case.ts':
    "import { good } from '../domain/good.js';\nimport type { HttpContext } from '../domain/bad-type-only.js';\n" +
    'export const goodUseCase = (_ctx: HttpContext): number => good;\n',
  'adapters/http-adapter.ts': "import { container } from '../infrastructure/container.js';\nexport const adapter = container;\n",
  'infrastructure/container.ts': "import { goodUseCase } from '../application/good-use-case.js';\nexport const container = goodUseCase;\n",
  'infrastructure/dev-dep.ts': "import fc from 'fast-check';\nexport const arbitrary = fc.integer();\n",
  'migrations/bad-migration.ts': "import { createCampaign } from '../application/use-case.js';\nexport const up = createCampaign;\n",
  'tests/support/fake-clock.ts': 'export const fakeClock = { now: (): Date => new Date(0) };\n',
};

describe('layer rule (.dependency-cruiser.cjs)', () => {
  let sandbox: string;
  let throwaway: CruiseRun;

  beforeAll(async () => {
    sandbox = mkdtempSync(join(tmpdir(), 'oex-layer-rule-'));
    for (const [file, source] of Object.entries(THROWAWAY_TREE)) {
      mkdirSync(dirname(join(sandbox, file)), { recursive: true });
      writeFileSync(join(sandbox, file), source);
    }
    // Mirror the project: same tsconfig, same package.json (to tell dependencies from
    // devDependencies) and the same installed packages, so npm imports resolve like they do here.
    copyFileSync(join(PROJECT_ROOT, 'tsconfig.json'), join(sandbox, 'tsconfig.json'));
    copyFileSync(join(PROJECT_ROOT, 'package.json'), join(sandbox, 'package.json'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(sandbox, 'node_modules'), 'junction');

    throwaway = await depcruise(sandbox, ['domain', 'application', 'adapters', 'infrastructure', 'migrations']);
  }, 20_000);

  afterAll(() => {
    // fs.rm removes the node_modules symlink itself, never what it points to.
    if (sandbox) rmSync(sandbox, { recursive: true, force: true });
  });

  it.each([
    ['domain/bad-framework.ts', 'domain-no-npm-packages', 'koa'],
    ['domain/bad-zod.ts', 'domain-no-npm-packages', 'zod'],
    ['domain/bad-type-only.ts', 'domain-no-npm-packages', 'koa'],
    ['domain/bad-node.ts', 'domain-no-node-core', 'node:crypto'],
    ['domain/bad-bare-core.ts', 'domain-no-node-core', 'fs'],
    ['domain/bad-layer.ts', 'domain-not-to-outer-layers', '../application/use-case.js'],
    ['application/use-case.ts', 'application-no-npm-packages', '@mikro-orm/core'],
    ['application/bad-adapter.ts', 'application-not-to-outer-layers', '../adapters/http-adapter.js'],
    ['adapters/http-adapter.ts', 'adapters-not-to-infrastructure', '../infrastructure/container.js'],
    ['migrations/bad-migration.ts', 'migrations-not-to-outer-layers', '../application/use-case.js'],
    ['domain/bad-tests.ts', 'not-to-tests', '../tests/support/fake-clock.js'],
    ['infrastructure/dev-dep.ts', 'not-to-dev-dep', 'fast-check'],
  ])('%s is reported as exactly one violation of %s (import of %s)', (file, rule, specifier) => {
    const fromFile = throwaway.violations.filter((violation) => violation.from === file);

    expect(fromFile.map((violation) => violation.rule.name)).toEqual([rule]);
    expect(fromFile[0]?.rule.severity).toBe('error');
    // The violation is about the import we planted (dependency-cruiser strips the `node:` prefix).
    const planted = throwaway.result.modules
      .find((module) => module.source === file)
      ?.dependencies.find((dependency) => dependency.module === specifier.replace(/^node:/, ''));
    expect(planted, `${file} should import ${specifier}`).toBeDefined();
    expect(planted?.valid).toBe(false);
    expect(planted?.rules?.map((violated) => violated.name)).toEqual([rule]);
  });

  it('reports the domain cycle once, as no-circular', () => {
    // dependency-cruiser reports each cycle once, from whichever of its modules it meets first.
    const circular = throwaway.violations.filter((violation) => violation.rule.name === 'no-circular');

    expect(circular).toHaveLength(1);
    expect(['domain/cycle-a.ts', 'domain/cycle-b.ts']).toContain(circular[0]?.from);
    expect(circular[0]?.cycle?.map((step) => step.name).sort()).toEqual(['domain/cycle-a.ts', 'domain/cycle-b.ts']);
    expect([
      ...rulesViolatedBy(throwaway.violations, 'domain/cycle-a.ts'),
      ...rulesViolatedBy(throwaway.violations, 'domain/cycle-b.ts'),
    ]).toEqual(['no-circular']);
  });

  it('accepts domain/good.ts, whose NodeNext ./other.js import resolves to domain/other.ts', () => {
    expect(rulesViolatedBy(throwaway.violations, 'domain/good.ts')).toEqual([]);
    expect(rulesViolatedBy(throwaway.violations, 'domain/other.ts')).toEqual([]);

    const good = throwaway.result.modules.find((module) => module.source === 'domain/good.ts');
    expect(good?.dependencies).toHaveLength(1);
    expect(good?.dependencies[0]).toMatchObject({
      module: './other.js',
      resolved: 'domain/other.ts',
      couldNotResolve: false,
      valid: true,
    });
  });

  it('accepts application importing the domain and infrastructure importing application', () => {
    expect(rulesViolatedBy(throwaway.violations, 'application/good-use-case.ts')).toEqual([]);
    expect(rulesViolatedBy(throwaway.violations, 'infrastructure/container.ts')).toEqual([]);
  });

  it('fails the gate: every planted violation is an error and nothing else is reported', () => {
    expect(throwaway.result.summary.error).toBe(throwaway.violations.length);
    // 12 single-rule files + the cycle.
    expect(throwaway.violations).toHaveLength(13);
  });

  it('gives every rule an error severity and an explanatory comment', () => {
    const config = createRequire(import.meta.url)(CONFIG_FILE) as IConfiguration;
    const rules = config.forbidden ?? [];

    // Everything is expressed as named `forbidden` rules, so violations always carry a rule name.
    expect(config.allowed).toBeUndefined();
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.severity, JSON.stringify(rule)).toBe('error');
      expect(rule.comment?.length ?? 0, `rule ${rule.name ?? '?'} needs a comment`).toBeGreaterThan(40);
    }
  });

  it('finds no violations in the real project tree', async () => {
    const folders = PRODUCTION_FOLDERS.filter((folder) => existsSync(join(PROJECT_ROOT, folder)));
    const real = await depcruise(PROJECT_ROOT, folders);

    expect(real.violations).toEqual([]);
    expect(real.result.summary.error).toBe(0);
  }, 20_000);
});
