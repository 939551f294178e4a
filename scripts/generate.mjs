// `npm run generate`: every generator of the repository, in order; `npm run build` runs it before tsc. Each writes
// a file only when its content changes (no needless rebuilds), and each has a --check mode that the tests run.
//
//   scripts/generate-field-table.mjs   server/src/schema/generated/ from kubernetes-models (skipped while current)
//   scripts/generate-rules.mjs         server/src/rules/index.ts, the catalogue rows of docs/rules/README.md and the
//                                      `kubewise.rules` setting of package.json, from the rule files and their meta
//   scripts/docs-fix-safety.mjs        the "Fix safety" row of each docs/rules/<id>.md, from `meta.fix`
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scripts = join(dirname(fileURLToPath(import.meta.url)));
for (const [script, ...args] of [
  ['generate-field-table.mjs', '--if-stale'],
  ['generate-rules.mjs'],
  ['docs-fix-safety.mjs'],
]) {
  const r = spawnSync(process.execPath, [join(scripts, script), ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`generate: ${script} failed`);
    process.exit(r.status ?? 1);
  }
}
