// The rules as their TypeScript sources define them, for the generators that run before `tsc` (the catalogue rows of
// docs/rules/README.md, the "Fix safety" rows of the rule pages): server/src/rules/index.ts bundled in memory with
// esbuild and evaluated, so every value comes from each rule's own `meta`, never from a copy.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** A TypeScript module of the repository bundled in memory with esbuild and evaluated: its exports. */
async function loadModule(root, ...path) {
  const entry = join(root, ...path);
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    packages: 'external',
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', '__filename', '__dirname', out.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(entry),
    entry,
    join(entry, '..'),
  );
  return module.exports;
}

/** Every rule of server/src/rules/index.ts (which scripts/generate-rules.mjs writes first), with its `meta`. */
export async function loadRules(root) {
  return (await loadModule(root, 'server', 'src', 'rules', 'index.ts')).allRules;
}

/** The findings the editor makes from the live cluster (server/src/protocol/editor-findings.ts). */
export async function loadEditorFindings(root) {
  return (await loadModule(root, 'server', 'src', 'protocol', 'editor-findings.ts')).EDITOR_FINDINGS;
}
