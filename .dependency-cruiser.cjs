// Architecture gate for Outbound Engine X (hexagonal layout).
//
//   domain  <-  application  <-  adapters  <-  infrastructure
//
// An arrow points from the layer that may be imported to the layer that imports it: `domain/` knows
// nothing but itself, `application/` knows the domain, `adapters/` know application + domain, and
// only `infrastructure/` (composition root, HTTP server, ORM, CLI) may see everything. `migrations/`
// are pure schema changes and stand beside the domain.
//
// Run from the repository root (rule paths are relative to the working directory):
//   depcruise domain application adapters infrastructure migrations --config .dependency-cruiser.cjs
//
// Type-only imports count: `tsPreCompilationDeps: true` below makes dependency-cruiser look at the
// TypeScript source rather than the emitted JavaScript, so `import type { Context } from 'koa'` in
// domain/ is a violation just like a value import.

/** Every dependency type dependency-cruiser gives an import that resolves into node_modules. */
const NPM_PACKAGE_TYPES = [
  'npm',
  'npm-dev',
  'npm-optional',
  'npm-peer',
  'npm-bundled',
  'npm-no-pkg',
  'npm-unknown',
];

/** Folders of code that ships to production. */
const PRODUCTION_CODE = '^(domain|application|adapters|infrastructure|migrations)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    /* ---------------------------------------------------------------- domain ---- */
    {
      name: 'domain-no-npm-packages',
      severity: 'error',
      comment:
        'domain/ must not depend on any npm package (koa, @koa/*, @mikro-orm/*, zod, inversify, pg, ' +
        'pino, jose, ...). The domain is plain TypeScript: entities, value objects, domain services ' +
        'and the port interfaces it owns. Frameworks, validation libraries and drivers belong in ' +
        'adapters/ or infrastructure/; define a port in domain/ (or application/) and implement it there.',
      from: { path: '^domain/' },
      to: { dependencyTypes: NPM_PACKAGE_TYPES },
    },
    {
      name: 'domain-no-node-core',
      severity: 'error',
      comment:
        'domain/ must not import Node.js core modules (node:crypto, node:fs, fs, path, ...). Domain ' +
        'logic has to stay runtime-agnostic and deterministic: ask for what you need through a port ' +
        '(e.g. an IdGenerator or Clock interface in domain/) and implement it in adapters/ or infrastructure/.',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-not-to-outer-layers',
      severity: 'error',
      comment:
        'domain/ is the innermost layer and must not import application/, adapters/, infrastructure/ ' +
        'or migrations/ (layer rule: domain <- application <- adapters <- infrastructure). Move the ' +
        'shared type into domain/, or invert the dependency with a port defined in domain/.',
      from: { path: '^domain/' },
      to: { path: '^(application|adapters|infrastructure|migrations)/' },
    },
    {
      name: 'domain-only-domain',
      severity: 'error',
      comment:
        'domain/ may only import files inside domain/. This import reaches a local file elsewhere ' +
        '(tests/, scripts/, bench/, the repository root, ...). Move what you need into domain/.',
      from: { path: '^domain/' },
      to: {
        pathNot: ['^domain/', '^(application|adapters|infrastructure|migrations|tests)/'],
        dependencyTypesNot: ['core', ...NPM_PACKAGE_TYPES],
        couldNotResolve: false,
      },
    },

    /* ----------------------------------------------------------- application ---- */
    {
      name: 'application-no-npm-packages',
      severity: 'error',
      comment:
        'application/ (use cases, application services, ports) must not depend on npm packages ' +
        '(koa, @mikro-orm/*, zod, inversify, pg, pino, ...). Express what a use case needs as a port ' +
        'interface in application/ or domain/ and implement it in adapters/; wire it up in infrastructure/.',
      from: { path: '^application/' },
      to: { dependencyTypes: NPM_PACKAGE_TYPES },
    },
    {
      name: 'application-no-node-core',
      severity: 'error',
      comment:
        'application/ must not import Node.js core modules (node:crypto, node:fs, fs, ...). Put the ' +
        'capability behind a port and implement it in adapters/ or infrastructure/.',
      from: { path: '^application/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'application-not-to-outer-layers',
      severity: 'error',
      comment:
        'application/ may only depend on domain/ and application/; it must not import adapters/, ' +
        'infrastructure/ or migrations/ (layer rule: domain <- application <- adapters <- infrastructure). ' +
        'Depend on a port interface instead and let infrastructure/ inject the adapter.',
      from: { path: '^application/' },
      to: { path: '^(adapters|infrastructure|migrations)/' },
    },
    {
      name: 'application-only-domain-and-application',
      severity: 'error',
      comment:
        'application/ may only import files inside domain/ and application/. This import reaches a ' +
        'local file elsewhere (tests/, scripts/, bench/, the repository root, ...).',
      from: { path: '^application/' },
      to: {
        pathNot: ['^(domain|application)/', '^(adapters|infrastructure|migrations|tests)/'],
        dependencyTypesNot: ['core', ...NPM_PACKAGE_TYPES],
        couldNotResolve: false,
      },
    },

    /* -------------------------------------------------------------- adapters ---- */
    {
      name: 'adapters-not-to-infrastructure',
      severity: 'error',
      comment:
        'adapters/ must not import infrastructure/ (layer rule: domain <- application <- adapters <- ' +
        'infrastructure). infrastructure/ is the composition root that creates and wires adapters, ' +
        'not the other way round: receive the dependency through a constructor/factory parameter.',
      from: { path: '^adapters/' },
      to: { path: '^infrastructure/' },
    },

    /* ------------------------------------------------------------ migrations ---- */
    {
      name: 'migrations-not-to-outer-layers',
      severity: 'error',
      comment:
        'migrations/ must not import application/, adapters/ or infrastructure/. A migration is a ' +
        'frozen snapshot of a schema change; depending on code that keeps evolving (ORM entities, use ' +
        'cases, the container) makes old migrations change behaviour or stop compiling.',
      from: { path: '^migrations/' },
      to: { path: '^(application|adapters|infrastructure)/' },
    },

    /* --------------------------------------------------------------- general ---- */
    {
      name: 'not-to-tests',
      severity: 'error',
      comment:
        'Only code inside tests/ may import from tests/ (fixtures, fakes, support helpers). Production ' +
        'code, scripts and benchmarks must not depend on test code: move the shared piece out of tests/.',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This dependency is part of a circular relationship. Break the cycle: extract the shared part ' +
        'into its own module, or invert the dependency with an interface (port).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        "Production code (domain, application, adapters, infrastructure, migrations) imports a package " +
        "that is only in package.json's devDependencies, so it will be missing in a production " +
        "install (npm ci --omit=dev). Type-only imports count too. Either move the package to " +
        "'dependencies' or move the importing code out of the production folders (tests/, scripts/, bench/).",
      from: { path: PRODUCTION_CODE },
      to: {
        dependencyTypes: ['npm-dev'],
        pathNot: ['node_modules/@types/'],
      },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment:
        "This module imports an npm package that is not listed in package.json's 'dependencies' " +
        '(it is only present as a transitive dependency, or not declared at all). It may vanish or ' +
        'change version without notice: add it to package.json explicitly.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'This import cannot be resolved to a file on disk. If it is an npm package, install it and add ' +
        'it to package.json; if it is a relative import, check the path (use the .js extension for ' +
        'TypeScript files, NodeNext style: ./foo.js resolves to ./foo.ts).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],

  options: {
    // Look at what imports, never at what is inside npm packages.
    doNotFollow: { path: ['node_modules'] },
    // Cruise the TypeScript source (not the emitted JS) so type-only imports are seen too.
    tsPreCompilationDeps: true,
    // Relative to the working directory: run depcruise from the repository root.
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // `./foo.js` resolving to `./foo.ts` (NodeNext) is built into dependency-cruiser's resolver.
      extensions: ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
