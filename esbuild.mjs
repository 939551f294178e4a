// Bundles the language server, the CLI and the VS Code client. Each ships as one file; `.vscodeignore` keeps
// node_modules out of the .vsix.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
for (const b of builds) {
  const entries = Object.fromEntries(Object.entries(b.entryPoints).filter(([, p]) => existsSync(p)));
  if (Object.keys(entries).length) existing.push({ ...b, entryPoints: entries });
}

// A build with nothing changed is skipped: bundling again costs about three seconds of CPU on every `npm run build`,
// which the fast test tier runs first. What the bundles were made from (every input esbuild read, node_modules
// included, by content; this script and esbuild's version; the entry points) is written beside them; when all of
// it is the same and the bundles are as that build left them, they are current. A changed, added or removed import
// changes some input's content, so it is seen. `--production` and `--watch` always build, and drop the record.
const RECORD = 'server/out/.esbuild-inputs.json';

function digest(...parts) {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** What makes these builds what they are, apart from their inputs: this script, esbuild, the entries built. */
function recipe() {
  return digest(
    readFileSync(fileURLToPath(import.meta.url)),
    esbuild.version,
    JSON.stringify(existing.map((b) => b.entryPoints)),
  );
}

/** size and modification time: enough to see that a bundle was rebuilt (by --production), deleted or edited. */
function outputState(path) {
  if (!existsSync(path)) return undefined;
  const s = statSync(path);
  return `${s.size} ${s.mtimeMs}`;
}

function current() {
  let record;
  try {
    record = JSON.parse(readFileSync(RECORD, 'utf8'));
  } catch {
    return false; // never recorded, or unreadable: build
  }
  if (record.recipe !== recipe()) return false;
  for (const [path, state] of Object.entries(record.outputs)) if (outputState(path) !== state) return false;
  for (const [path, hash] of Object.entries(record.inputs))
    if (!existsSync(path) || digest(readFileSync(path)) !== hash) return false;
  return true;
}

if (watch) {
  rmSync(RECORD, { force: true });
  for (const b of existing) await (await esbuild.context(b)).watch();
} else if (production) {
  rmSync(RECORD, { force: true });
  await Promise.all(existing.map((b) => esbuild.build(b)));
} else if (!current()) {
  rmSync(RECORD, { force: true });
  const results = await Promise.all(existing.map((b) => esbuild.build({ ...b, metafile: true })));
  const inputs = {};
  const outputs = {};
  for (const { metafile } of results) {
    for (const path of Object.keys(metafile.inputs)) inputs[path] = digest(readFileSync(path));
    for (const path of Object.keys(metafile.outputs)) outputs[path] = outputState(path);
  }
  writeFileSync(RECORD, JSON.stringify({ recipe: recipe(), inputs, outputs }, null, 1) + '\n');
}
