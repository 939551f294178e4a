// Bundles the language server, the CLI and the VS Code client. Each ships as one file; `.vscodeignore` keeps
// node_modules out of the .vsix.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { digest, dropRecord, isCurrent, writeRecord } from './scripts/build-record.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const here = dirname(fileURLToPath(import.meta.url));
const yamlRoot = dirname(createRequire(import.meta.url).resolve('yaml/package.json'));

/**
 * `yaml` from its ES module build rather than its CommonJS one (`node` condition). Imported as CommonJS, every
 * `isMap(…)`, `isScalar(…)` of ours goes through an esbuild interop getter, and yaml's modules reach each other
 * through `require` objects; the ES build is bundled as plain functions (whole-process `kubewise lint` of a big
 * file: about 5 % less CPU). It is the same code, except two places where the CommonJS build uses Node: warnings
 * (`process.emitWarning`, kept by the shim below) and `!!binary` values (a Buffer there, a Uint8Array here; only
 * the YAML 1.1 schema reads them, and kubewise never asks for it). It also drops yaml's debugging switches
 * `LOG_TOKENS` and `LOG_STREAM`, which read the environment once per token.
 */
const yamlEsm = {
  name: 'yaml-esm',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: join(yamlRoot, 'browser/index.js') }));
    build.onResolve({ filter: /\/log\.js$/ }, (args) =>
      args.importer.startsWith(join(yamlRoot, 'browser')) ? { path: join(here, 'scripts/yaml-log.mjs') } : undefined,
    );
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [yamlEsm],
};

const builds = [
  {
    ...common,
    entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli-start.ts' },
    outdir: 'server/out',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The CLI itself, which server/out/cli.js (the `kubewise` script) loads with its code cache (see below). Without
    // indentation and comments (names kept, source map beside it): every start reads, decodes and hands V8 the whole
    // text, a fifth less of it so (about 0.5 % of a lint of a big file).
    ...common,
    minifyWhitespace: true,
    entryPoints: { 'cli-main': 'server/src/cli.ts' },
    outdir: 'server/out',
    // Written as the function CommonJS makes of a module (`compileBundle` in server/src/cli/code-cache.ts): V8 then
    // compiles the file's text as read, kept outside its heap, not a 3 MB copy joined on the heap at every start.
    banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
    footer: { js: '})' },
  },
  {
    ...common,
    minifyWhitespace: true,
    entryPoints: { 'code-cache-train': 'server/src/cli/code-cache-train.ts' },
    outdir: 'server/out',
  },
  {
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'client/out',
    external: ['vscode'],
  },
  {
    // The Cluster Metrics page: one script for the webview (its CSP allows only nonce'd scripts from client/media).
    ...common,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    entryPoints: { panel: 'client/webview/metrics/panel.ts' },
    outdir: 'client/media/metrics',
    sourcemap: false,
  },
];

const existing = [];
for (const b of builds) {
  const entries = Object.fromEntries(Object.entries(b.entryPoints).filter(([, p]) => existsSync(p)));
  if (Object.keys(entries).length) existing.push({ ...b, entryPoints: entries });
}

/**
 * The CLI's V8 code cache (server/cli/code-cache.ts): the bundle runs once on the examples (a chart and an overlay
 * left out: they would call helm and kubectl), and the bytecode of every function that run compiled is saved for
 * `kubewise` to load. A watched build skips it (the bundle keeps changing, and a cache of another bundle is ignored).
 */
function trainCodeCache() {
  const out = join(here, 'server/out');
  const cache = join(out, 'cli-main.cache');
  rmSync(cache, { force: true });
  const examples = ['web', 'database', 'jobs', 'namespace', 'broken'].map((d) => `examples/${d}`);
  const r = spawnSync(
    process.execPath,
    [join(out, 'code-cache-train.js'), join(out, 'cli-main.js'), cache, join(out, 'cli.js'), 'lint', ...examples],
    { cwd: here, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  if (r.status !== 0 || !existsSync(cache)) {
    rmSync(cache, { force: true });
    console.warn(`esbuild.mjs: no code cache for the CLI (it still works, slower to start): ${r.stderr || r.error}`);
  }
}

/**
 * Keeps the CLI bundle ASCII, which `kubewise` decodes at half the cost of UTF-8 (server/src/cli/code-cache.ts).
 * esbuild escapes every other character in code (its default `charset`) but copies comments as written: a `≤` or `→`
 * there becomes `?`, one UTF-16 unit for one, so the source map's columns still hold. (Control characters stay:
 * esbuild writes them as they are in strings, and `yaml`'s lexer marks tokens with some.)
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (/[\u0080-\uffff]/.test(text)) writeFileSync(file, text.replace(/[\u0080-\uffff]/g, '?'));
}

// A build with nothing changed is skipped: bundling and training the code cache again cost several seconds of CPU
// on every `npm run build`, which the fast test tier runs first. What the bundles were made from is recorded beside
// them (scripts/build-record.mjs: every input esbuild read, node_modules included, by content; the outputs, the code
// cache too); when all of it and the recipe are as they were, the bundles are current. `--production` and `--watch`
// always build, and drop the record.
const RECORD = 'server/out/.esbuild-inputs.json';
const CODE_CACHE = 'server/out/cli-main.cache';

/**
 * What makes these builds what they are, apart from their inputs: this script and the record's, esbuild, the
 * entries built, and the Node whose V8 made the code cache (V8 ignores a cache of another version).
 */
const recipe = digest(
  readFileSync(fileURLToPath(import.meta.url)),
  readFileSync(join(here, 'scripts/build-record.mjs')),
  esbuild.version,
  process.version,
  JSON.stringify(existing.map((b) => b.entryPoints)),
);

if (watch) {
  dropRecord(RECORD);
  for (const b of existing) await (await esbuild.context(b)).watch();
} else if (production || !isCurrent(RECORD, recipe)) {
  dropRecord(RECORD);
  const results = await Promise.all(existing.map((b) => esbuild.build({ ...b, metafile: true })));
  const training = existsSync(join(here, 'server/src/cli.ts'));
  if (training) {
    asciiOnly(join(here, 'server/out/cli-main.js'));
    trainCodeCache();
  }
  // (a production build is not recorded: the next plain build makes the bundles with source maps again)
  if (!production && (!training || existsSync(CODE_CACHE))) {
    const inputs = new Set(results.flatMap(({ metafile }) => Object.keys(metafile.inputs)));
    const outputs = new Set(results.flatMap(({ metafile }) => Object.keys(metafile.outputs)));
    if (training) outputs.add(CODE_CACHE);
    writeRecord(RECORD, recipe, inputs, outputs);
  }
}
