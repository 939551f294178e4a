// Runs every compiled test file (`*.test.js`) under test/out with node's test runner. Node 20's `--test` takes no
// globs, so the list is made here. Arguments narrow the run to files whose path contains one of them.
//
// node's runner starts one process per file, and each process of an engine test loads the whole rule set and the
// schema first (about a third of a second of CPU), then compiles and optimizes the same engine code again. The files
// of the folders in GROUPED, and of every folder under them, keep no global state (unit tests, rule tables, engine
// and render tests, the CLI tests, which run kubewise in process, and the language-server tests, which talk to a
// server process of their own), so each folder runs in one process: a small entry script requires its files one
// after another. Grouping took about a fifth off the CPU of what it grouped (CLI and LSP 46-48 s down to 37-38 s,
// test/unit's own files 19.4 s down to 14.3 s, under load). A test that needs a process of its own goes under a
// folder named in ALONE. A file that throws while
// loading becomes a failing test of that entry, so a grouped run fails whenever one of its files would have failed
// alone (test/unit/run-tests.test.ts proves it).
//
// Two processes run at a time, as many as the two cores this project's machines have; a run of the fast tier alone
// (unit, LSP and CLI tests: no editor, browser or Prometheus) runs one more than the machine has cores, because a
// language-server test spends seconds waiting on the server's pauses between an edit and its lint and a core would
// sit idle meanwhile (KUBEWISE_TEST_CONCURRENCY overrides both). So that the cores stay busy to the end the longest
// start first. node sorts the files it is given by path, so each
// runs through an entry script whose name starts with its place in that order. The order comes from the last runs:
// each records how long every file's tests took (./durations-reporter.mjs) in <root>/.durations.json. A file never
// timed counts as short; before any timed run a few known long ones go first.
//
// The tests run the real helm and kubectl (Go programs) a few hundred times, each for a fraction of a second; Go's
// garbage collector is most of what a run that short spends beyond its work (a quarter of kubectl's CPU). The test
// processes, and so every helm and kubectl they start, get GOGC=off unless GOGC is set: the same programs doing the
// same work, with their memory freed when they exit (about 100 MB at most for a kustomize build of a fixture).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.env.KUBEWISE_TEST_OUT ?? 'test/out/test';
/** Folders (relative to the root, `/`-separated) whose test files share one process: every subfolder of each. */
const GROUPED = ['unit', 'cli', 'lsp'];
/** Folders under GROUPED whose files run alone (none yet: a test that changes process-wide state goes there). */
const ALONE = ['unit/alone'];
/** Run first while nothing is timed yet (a name that no longer matches only loses the head start). */
const KNOWN_LONG = ['cli', 'unit', 'lsp', 'unit/engine'];

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

/** A path under the root as the durations file names it: relative, `/`-separated. */
function nameOf(file) {
  return relative(root, file).split(sep).join('/');
}

/** The folder a file shares a process with, or undefined when it runs alone. */
function groupOf(file) {
  const folder = nameOf(dirname(file));
  const under = (folders) => folders.some((g) => folder === g || folder.startsWith(`${g}/`));
  return under(GROUPED) && !under(ALONE) ? folder : undefined;
}

/** What runs in one process: a file alone, or a grouped folder's files. */
const runs = [];
const grouped = new Map();
for (const f of files) {
  const g = groupOf(f);
  if (g === undefined) runs.push({ name: nameOf(f), files: [f], alone: true });
  else if (grouped.has(g)) grouped.get(g).files.push(f);
  else {
    const run = { name: g, files: [f], alone: false };
    grouped.set(g, run);
    runs.push(run);
  }
}

const durationsFile = join(root, '.durations.json');
const timed = readDurations();
const weight = (run) => {
  const names = run.files.map(nameOf);
  if (names.some((n) => n in timed)) return names.reduce((sum, n) => sum + (timed[n] ?? 0), 0);
  return KNOWN_LONG.includes(run.name) ? Number.MAX_SAFE_INTEGER - KNOWN_LONG.indexOf(run.name) : 0;
};
runs.sort((a, b) => weight(b) - weight(a));

/**
 * How long a test process may stay after its last test before it is ended (KUBEWISE_TEST_LINGER_MS overrides). A
 * process its tests leave something running in (a server, a socket, a timer) would otherwise keep node's runner, and
 * CI, waiting for ever: the language-server tests once did, every test passed, under a loaded full run.
 */
const LINGER_MS = Number(process.env.KUBEWISE_TEST_LINGER_MS ?? 30_000);

const entries = mkdtempSync(join(tmpdir(), 'kubewise-test-runs-'));
const digits = String(runs.length).length;
const runnable = runs.map((run, i) => {
  const entry = join(
    entries,
    `${String(i).padStart(digits, '0')}-${run.name.replace(/\.test\.js$/, '').replaceAll('/', '-')}.test.js`,
  );
  writeFileSync(entry, entryScript(run));
  return entry;
});

/**
 * The first line of every entry: after the last test, an unreferenced timer (it keeps nothing alive itself) that, if
 * the process is still there when it fires, says what its tests left open and ends it with the tests' own verdict.
 */
function lingerGuard(name) {
  const message = `test/run-tests.mjs: ${name} ended its tests but left open: `;
  return [
    "require('node:test').after(() => {",
    '  setTimeout(() => {',
    `    process.stderr.write(${JSON.stringify(message)} + process.getActiveResourcesInfo().join(', ') + ${JSON.stringify(
      ` (ended after ${LINGER_MS} ms)\n`,
    )});`,
    '    process.exit();',
    `  }, ${LINGER_MS}).unref();`,
    '});',
  ].join('\n');
}

function entryScript(run) {
  const paths = run.files.map((f) => resolve(f));
  // A file alone loads as it would on its own: whatever it throws fails its process.
  if (run.alone) return `${lingerGuard(run.name)}\nrequire(${JSON.stringify(paths[0])});\n`;
  return [
    `// ${paths.length} test files in one process (written by test/run-tests.mjs).`,
    lingerGuard(run.name),
    "const { test } = require('node:test');",
    ...paths.map(
      (p) =>
        `try { require(${JSON.stringify(p)}); } catch (e) { test(${JSON.stringify(`loads ${basename(p)}`)}, () => { throw e; }); }`,
    ),
    '',
  ].join('\n');
}

/** The fast tier's folders: tests that start no editor, browser or Prometheus. */
const LIGHT = ['unit/', 'lsp/', 'cli/'];

function concurrency() {
  const light = files.every((f) => LIGHT.some((folder) => nameOf(f).startsWith(folder)));
  return light ? Math.max(2, availableParallelism()) + 1 : 2;
}

function readDurations() {
  try {
    return JSON.parse(readFileSync(durationsFile, 'utf8'));
  } catch {
    return {}; // none yet, or unreadable: this run writes it
  }
}

const measured = join(entries, 'durations.json');
const reporter = join(dirname(fileURLToPath(import.meta.url)), 'durations-reporter.mjs');
const r = spawnSync(
  process.execPath,
  [
    '--test',
    `--test-concurrency=${process.env.KUBEWISE_TEST_CONCURRENCY ?? concurrency()}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`,
    `--test-reporter-destination=${measured}`,
    ...runnable,
  ],
  { stdio: 'inherit', env: { ...process.env, GOGC: process.env.GOGC ?? 'off' } },
);
if (existsSync(measured)) {
  // Merged into what earlier (perhaps filtered) runs measured, and replaced whole, so a parallel run reads either.
  const durations = readDurations();
  for (const [file, ms] of Object.entries(JSON.parse(readFileSync(measured, 'utf8')))) {
    const name = nameOf(file);
    if (!name.startsWith('../')) durations[name] = Math.round(ms);
  }
  const next = `${durationsFile}.${process.pid}`;
  writeFileSync(next, JSON.stringify(durations, null, 1) + '\n');
  renameSync(next, durationsFile);
}
rmSync(entries, { recursive: true, force: true });
process.exit(r.status ?? 1);
