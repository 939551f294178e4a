/**
 * test/run-tests.mjs runs the files of some folders (rule tables, engine tests) in one process per folder. Driven here
 * on a scratch tree of compiled tests: a grouped run still runs every file, and fails when any one file fails or
 * cannot even load, as it would have alone; a process its tests leave running is ended after its last test.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/paths';

const work = mkdtempSync(join(tmpdir(), 'kubewise-runner-'));
after(() => rmSync(work, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(work, rel)), { recursive: true });
  writeFileSync(join(work, rel), text);
}

const passing = (name: string): string =>
  `const { test } = require('node:test');\ntest(${JSON.stringify(name)}, () => {});\n`;

/** Runs the runner on the scratch tree; returns its exit status and what it printed. */
function run(root: string, ...filters: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'test', 'run-tests.mjs'), ...filters], {
    cwd: repoRoot,
    encoding: 'utf8',
    // a runner of its own: without clearing this, node would take the nested run for part of this one; a process
    // left running by its tests is ended after 2 s here (30 s in a real run)
    env: { ...process.env, KUBEWISE_TEST_OUT: root, NODE_TEST_CONTEXT: undefined, KUBEWISE_TEST_LINGER_MS: '2000' },
    timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('a grouped folder runs every file, and passes when all pass', () => {
  const root = join(work, 'green');
  for (const [rel, name] of [
    ['unit/rules/api/first.test.js', 'first table'],
    ['unit/rules/api/second.test.js', 'second table'],
    ['unit/rules/storage/third.test.js', 'third table'],
    ['unit/engine/fourth.test.js', 'fourth engine test'],
    ['metrics/alone.test.js', 'a file of its own'],
  ])
    write(join('green', rel), passing(name));
  const r = run(root);
  assert.equal(r.status, 0, r.output);
  for (const name of ['first table', 'second table', 'third table', 'fourth engine test', 'a file of its own'])
    assert.match(r.output, new RegExp(`✔ ${name}`), r.output);
});

test('the unit, CLI and language-server folders each run in one process; other files each in their own', () => {
  const root = join(work, 'processes');
  const naming = (folder: string): string =>
    `const { test } = require('node:test');\ntest(${JSON.stringify(folder)} + ' in ' + process.pid, () => {});\n`;
  for (const rel of [
    'cli/a.test.js',
    'cli/b.test.js',
    'lsp/c.test.js',
    'lsp/d.test.js',
    'unit/e.test.js',
    'unit/f.test.js',
    'unit/alone/g.test.js',
    'unit/alone/h.test.js',
  ])
    write(join('processes', rel), naming(rel.split('/').slice(0, -1).join('/')));
  const r = run(root);
  assert.equal(r.status, 0, r.output);
  const pids = (folder: string): string[] =>
    [...r.output.matchAll(new RegExp(`✔ ${folder} in (\\d+)`, 'g'))].map((m) => m[1]);
  assert.equal(pids('cli').length, 2, r.output);
  assert.equal(new Set(pids('cli')).size, 1, 'the CLI files share a process');
  assert.equal(new Set(pids('lsp')).size, 1, 'the language-server files share a process');
  assert.equal(new Set(pids('unit')).size, 1, "test/unit's own files share a process");
  assert.equal(pids('unit/alone').length, 2, r.output);
  const all = ['cli', 'lsp', 'unit', 'unit/alone'].flatMap(pids);
  assert.equal(new Set(all).size, 5, `three shared processes and two of their own: ${all.join(' ')}`);
});

test('one failing table, or one that cannot load, fails the grouped run; the other files still run', () => {
  const root = join(work, 'red');
  write('red/unit/rules/api/first.test.js', "throw new Error('cannot load');\n");
  write('red/unit/rules/api/second.test.js', passing('second table'));
  write(
    'red/unit/rules/api/third.test.js',
    "const { test } = require('node:test');\nconst assert = require('node:assert');\ntest('third table', () => assert.equal(1, 2));\n",
  );
  write('red/unit/rules/api/fourth.test.js', passing('fourth table'));
  const r = run(root);
  assert.equal(r.status, 1, r.output);
  assert.match(r.output, /✖ loads first\.test\.js/);
  assert.match(r.output, /cannot load/);
  assert.match(r.output, /✖ third table/);
  for (const name of ['second table', 'fourth table']) assert.match(r.output, new RegExp(`✔ ${name}`), r.output);
});

test('filters narrow a grouped folder to the files whose path contains them', () => {
  const root = join(work, 'filtered');
  write('filtered/unit/rules/api/first.test.js', passing('first table'));
  write('filtered/unit/rules/api/second.test.js', "throw new Error('should not run');\n");
  const r = run(root, 'rules/api/first');
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /✔ first table/);
});

test('the files run longest first, by the times the last runs recorded; each run records its own', () => {
  const root = join(work, 'ordered');
  // named so that node's own order (by path) would be the reverse
  for (const [rel, name] of [
    ['ordered/metrics/a.test.js', 'short file'],
    ['ordered/metrics/b.test.js', 'middle file'],
    ['ordered/unit/engine/c.test.js', 'long group, first file'],
    ['ordered/unit/engine/d.test.js', 'long group, second file'],
  ])
    write(rel, passing(name));
  // the group counts with the sum of its files' times; times as recorded (whole milliseconds), far above this run's
  const durations = {
    'metrics/a.test.js': 1_000_000,
    'metrics/b.test.js': 20_000_000,
    'unit/engine/c.test.js': 15_000_000,
    'unit/engine/d.test.js': 10_000_000,
  };
  write('ordered/.durations.json', JSON.stringify(durations));
  const r = run(root);
  assert.equal(r.status, 0, r.output);
  const order = ['long group, first file', 'long group, second file', 'middle file', 'short file'];
  assert.deepEqual(
    r.output.split('\n').flatMap((l) => order.filter((n) => l.startsWith(`✔ ${n} (`))),
    order,
    r.output,
  );
  const recorded = JSON.parse(readFileSync(join(root, '.durations.json'), 'utf8')) as Record<string, number>;
  assert.deepEqual(Object.keys(recorded).sort(), Object.keys(durations).sort());
  for (const [name, ms] of Object.entries(recorded))
    assert.ok(Number.isInteger(ms) && ms >= 0 && ms < durations[name as keyof typeof durations], `${name}: ${ms}`);

  // a filtered run records its files and keeps the others' times
  write('ordered/.durations.json', JSON.stringify(durations));
  assert.equal(run(root, 'metrics/b').status, 0);
  const after = JSON.parse(readFileSync(join(root, '.durations.json'), 'utf8')) as Record<string, number>;
  assert.ok(after['metrics/b.test.js'] < durations['metrics/b.test.js']);
  assert.deepEqual({ ...after, 'metrics/b.test.js': durations['metrics/b.test.js'] }, durations);
});

test("a process its tests leave running is ended after the last test, with what held it and the tests' verdict", () => {
  const root = join(work, 'lingering');
  // a server that nothing closes: the test passes, but the process would never end by itself
  const leaving = (name: string, pass: boolean): string =>
    `const { test } = require('node:test');\nconst net = require('node:net');\n` +
    `test(${JSON.stringify(name)}, () => { net.createServer().listen(0, '127.0.0.1'); ${pass ? '' : "throw new Error('no');"} });\n`;
  write('lingering/lsp/open.test.js', leaving('leaves a server open', true));
  write('lingering/lsp/other.test.js', passing('a file beside it'));
  write('lingering/metrics/open-alone.test.js', leaving('leaves one open alone', true));
  const r = run(root);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /✔ leaves a server open/);
  assert.match(r.output, /✔ a file beside it/);
  assert.match(r.output, /✔ leaves one open alone/);
  assert.match(r.output, /lsp ended its tests but left open: .*TCPServerWrap.* \(ended after 2000 ms\)/, r.output);
  assert.match(r.output, /metrics\/open-alone\.test\.js ended its tests but left open: .*TCPServerWrap/, r.output);

  // a failing test in such a process still fails the run
  write('lingering/lsp/open.test.js', leaving('leaves a server open and fails', false));
  const failing = run(root, 'lsp/');
  assert.notEqual(failing.status, 0, failing.output);
  assert.match(failing.output, /✖ leaves a server open and fails/);
  assert.match(failing.output, /left open: .*TCPServerWrap/, failing.output);
});

test('a process that ends by itself is not held back by the guard', () => {
  const root = join(work, 'ending');
  write('ending/lsp/a.test.js', passing('ends at once'));
  write('ending/metrics/b.test.js', passing('ends at once too'));
  const r = run(root);
  assert.equal(r.status, 0, r.output);
  assert.doesNotMatch(r.output, /left open/);
  // both processes end well before the 2 s the guard would wait (no timing assertion: the guard's message is the proof)
});
