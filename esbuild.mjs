// Bundles the language server, the CLI and the VS Code client. Each ships as one file; `.vscodeignore` keeps
// node_modules out of the .vsix.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

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
import { existsSync } from 'node:fs';
for (const b of builds) {
  const entries = Object.fromEntries(Object.entries(b.entryPoints).filter(([, p]) => existsSync(p)));
  if (Object.keys(entries).length) existing.push({ ...b, entryPoints: entries });
}

if (watch) {
  for (const b of existing) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(existing.map((b) => esbuild.build(b)));
}
