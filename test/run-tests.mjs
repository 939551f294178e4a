// Runs every compiled test file (`*.test.js`) under test/out with node's test runner. Node 20's `--test` takes no
// globs, so the list is made here. Arguments narrow the run to files whose path contains one of them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.env.KUBEWISE_TEST_OUT ?? 'test/out/test';
const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => p.includes(f)))) files.push(p);
  }
})(root);
// tsc never deletes the output of a deleted test: run only compiled tests whose source is still there
const gone = files.filter((p) => {
  if (process.env.KUBEWISE_TEST_OUT) return false; // a tree of its own: its sources are not known here
  const source = relative(join(root, '..'), p).replace(/\.js$/, '.ts');
  return !existsSync(source);
});
if (gone.length) console.error(`skipped, source deleted: ${gone.join(', ')}`);
files.splice(0, files.length, ...files.filter((p) => !gone.includes(p)));
if (files.length === 0) {
  console.error(`no test files found under ${root}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
