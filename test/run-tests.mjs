// Runs every compiled test file (`*.test.js`) under test/out with node's test runner. Node 20's `--test` takes no
// globs, so the list is made here. Arguments narrow the run to files whose path contains one of them.
//
// node's runner starts one process per file, and each process of an engine test loads the whole rule set and the
// schema first (about a third of a second of CPU). The files of the folders in GROUPED hold only in-process tests
// with no global state (rule tables, engine tests), so each folder runs in one process: a small entry script requires
// its files one after another. A file that throws while loading becomes a failing test of that entry, so a grouped
// run fails whenever one of its files would have failed alone (test/unit/run-tests.test.ts proves it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

const root = process.env.KUBEWISE_TEST_OUT ?? 'test/out/test';
/** Folders (relative to the root, `/`-separated) whose test files share one process: every subfolder of each. */
const GROUPED = ['unit/rules', 'unit/engine', 'unit/precision'];

const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => p.includes(f)))) files.push(p);
  }
})(root);
if (files.length === 0) {
  console.error(`no test files found under ${root}`);
  process.exit(1);
}

/** The folder a file shares a process with, or undefined when it runs alone. */
function groupOf(file) {
  const folder = relative(root, dirname(file)).split(sep).join('/');
  return GROUPED.some((g) => folder === g || folder.startsWith(`${g}/`)) ? folder : undefined;
}

const groups = new Map();
const alone = [];
for (const f of files) {
  const g = groupOf(f);
  if (g === undefined) alone.push(f);
  else groups.set(g, [...(groups.get(g) ?? []), f]);
}

// The longest files start first, so that the two workers finish together rather than one waiting on a long file
// started last (a name that no longer matches only loses the head start).
const SLOW = ['lsp/workspace-fixtures.test.js', 'unit/recipe.test.js', 'unit/clean-outputs.test.js'];
const slow = (f) => SLOW.some((s) => f.split(sep).join('/').endsWith(s));
alone.sort((a, b) => Number(slow(b)) - Number(slow(a)));

const entries = mkdtempSync(join(tmpdir(), 'kubewise-test-groups-'));
const runnable = [...alone];
for (const [folder, members] of groups) {
  if (members.length === 1) {
    runnable.push(members[0]);
    continue;
  }
  const entry = join(entries, `${folder.replaceAll('/', '-')}.test.js`);
  writeFileSync(entry, groupEntry(members.map((m) => resolve(m))));
  runnable.push(entry);
}

function groupEntry(paths) {
  return [
    `// ${paths.length} test files in one process (written by test/run-tests.mjs).`,
    "const { test } = require('node:test');",
    ...paths.map(
      (p) =>
        `try { require(${JSON.stringify(p)}); } catch (e) { test(${JSON.stringify(`loads ${basename(p)}`)}, () => { throw e; }); }`,
    ),
    '',
  ].join('\n');
}

const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...runnable], {
  stdio: 'inherit',
});
rmSync(entries, { recursive: true, force: true });
process.exit(r.status ?? 1);
