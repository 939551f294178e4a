// Writes, in every docs/rules/<id>.md, the "Fix safety" row of the table at the top from the rule's `meta.fix`
// (safe fixes are applied by `kubewise lint --fix`, fix-all and fix on save; unsafe ones only one at a time or with
// `--unsafe-fixes`). Run by `npm run generate` (and so by `npm run build`); it reads the rules from their sources
// (scripts/rule-metas.mjs); idempotent. A meta-test (test/unit/fix-safety.test.ts) keeps the pages in step.
//
//   node scripts/docs-fix-safety.mjs           write what changed
//   node scripts/docs-fix-safety.mjs --check   exit 1 and name the pages that are out of date (writes nothing)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from './rule-metas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const allRules = await loadRules(root);

export const ROW = {
  safe: '| Fix safety | safe: keeps what runs, or corrects what the API server rejects or misreads; applied by `--fix`, fix-all and fix on save |',
  unsafe:
    '| Fix safety | unsafe: changes what runs; applied only as a quick fix taken on its own, or by `--fix --unsafe-fixes` |',
  mixed:
    '| Fix safety | safe and unsafe: spelling fixes are safe (applied by `--fix`); the others change what runs (`--fix --unsafe-fixes`) |',
  none: '| Fix safety | — (no automatic fix) |',
};

const changed = [];
for (const rule of allRules) {
  const page = join(root, 'docs', 'rules', `${rule.meta.id}.md`);
  if (!existsSync(page)) continue;
  const text = readFileSync(page, 'utf8');
  const row = ROW[rule.meta.fix ?? 'none'];
  const line = `**Fix safety:** ${row.split(' | ')[1].replace(/ \|$/, '')}.`;
  let next = text.replace(/^\| Fix safety \|.*\|\n/m, '').replace(/^\*\*Fix safety:\*\* .*\n\n/m, '');
  if (/^\| Quick fix \|/m.test(next)) next = next.replace(/^(\| Quick fix \|.*\|\n)/m, `$1${row}\n`);
  else if (/^## Quick fix\n/m.test(next)) next = next.replace(/^(## Quick fix\n)/m, `$1${line}\n\n`);
  else throw new Error(`${page}: no "| Quick fix |" row and no "## Quick fix" section`);
  if (next !== text) {
    if (!check) writeFileSync(page, next);
    changed.push(`docs/rules/${rule.meta.id}.md`);
  }
}
if (check && changed.length) {
  console.error(`docs-fix-safety: out of date: ${changed.join(', ')}\nRun: node scripts/docs-fix-safety.mjs`);
  process.exit(1);
}
if (!check && changed.length) console.log(`docs-fix-safety: ${changed.length} page(s) updated`);
