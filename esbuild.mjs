// Bundles the language server, the CLI and the VS Code client. Each ships as one file; `.vscodeignore` keeps
// node_modules out of the .vsix.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
    entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' },
    outdir: 'server/out',
    banner: { js: '#!/usr/bin/env node' },
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

if (watch) {
  for (const b of existing) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(existing.map((b) => esbuild.build(b)));
}
