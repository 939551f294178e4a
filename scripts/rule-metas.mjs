// The rules as their TypeScript sources define them, for the generators that run before `tsc` (the catalogue rows of
// docs/rules/README.md, the "Fix safety" rows of the rule pages): server/src/rules/index.ts bundled in memory with
// esbuild and evaluated, so every value comes from each rule's own `meta`, never from a copy.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Every rule of server/src/rules/index.ts (which scripts/generate-rules.mjs writes first), with its `meta`. */
export async function loadRules(root) {
  const entry = join(root, 'server', 'src', 'rules', 'index.ts');
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
    join(root, 'server', 'src', 'rules'),
  );
  return module.exports.allRules;
}
