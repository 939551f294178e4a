/**
 * `kubewise lint --jobs N` lints files on worker threads with the outcomes of one thread: the same findings in the
 * same order, the same summary, the same exit code and messages, on the repository's fixtures, on the corpus of public
 * manifests and on a generated tree whose findings cross files.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { createRuleSet } from '../../server/src/composition';
import type { Settings } from '../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import type { Outcome, Source } from '../../server/src/cli/lint';
import { lintSources, lintSourcesAsync } from '../../server/src/cli/lint';
import { lintSourcesInWorkers } from '../../server/src/cli/parallel';
import { appTree } from '../support/generate';
import { kubeToolsDir } from '../support/kube-tools';
import type { RunResult } from './helpers';
import { CLEAN, DEPLOY, kubewise, kubewiseProcess, ROOT, workspace } from './helpers';

const withTools = { PATH: `${kubeToolsDir()}${delimiter}${process.env.PATH}` };

function tree(apps: number): { dir: string; cleanup(): void } {
  return workspace(appTree(apps));
}

function sameRun(one: RunResult, many: RunResult, what: string): void {
  assert.equal(many.code, one.code, `${what}: exit code`);
  assert.equal(many.stderr, one.stderr, `${what}: messages`);
  assert.equal(many.stdout, one.stdout, `${what}: report`);
}

// Every extra thread loads kubewise again (in this process, from the compiled modules: about half a second of CPU), so
// one large comparison runs on three threads and the small trees compare one thread with two.
test("the repository's fixtures (json, three threads) and examples (text, two threads) report what one thread does", async () => {
  for (const [target, format, jobs] of [
    ['test/fixtures', 'json', '3'],
    ['examples', 'text', '2'],
  ]) {
    const args = ['lint', '--format', format, '--no-color', target];
    const one = await kubewise([...args, '--jobs', '1'], { cwd: ROOT, env: withTools });
    const many = await kubewise([...args, '--jobs', jobs], { cwd: ROOT, env: withTools });
    assert.ok(one.stdout.length > 1000, `${target} has findings`);
    sameRun(one, many, `${target} ${format}`);
  }
});

// No kubectl on PATH: the corpus's overlays are then linted file by file, so all 361 files go through the threads (the
// fixtures above cover overlays built on the main thread beside the workers), and no kustomize build costs CPU.
test('the corpus of public manifests (361 files): the same report on 1 and 2 threads', async () => {
  const args = ['lint', '--format', 'json', '--jobs'];
  const cwd = join(ROOT, 'test', 'corpus');
  const noTools = mkdtempSync(join(tmpdir(), 'kubewise-no-tools-'));
  try {
    const env = { PATH: noTools };
    const one = await kubewise([...args, '1', '.'], { cwd, env });
    const report = JSON.parse(one.stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string }> }> };
    const ids = new Set(report.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)));
    // cross-file findings, which a thread finds only in the workspace of every file's objects
    assert.ok(ids.has('service-selector-dangling') && ids.has('networkpolicy-dangling'), [...ids].join(' '));
    assert.ok(report.files.length > 300, `${report.files.length} files reported`);
    sameRun(one, await kubewise([...args, '2', '.'], { cwd, env }), 'the corpus on 2 threads');
  } finally {
    rmSync(noTools, { recursive: true, force: true });
  }
});

test('a tree of 60 files whose findings cross files: the same findings on 1 and 2 threads', async () => {
  const ws = tree(12);
  try {
    const one = await kubewise(['lint', '--format', 'json', '--jobs', '1', '.'], { cwd: ws.dir });
    const report = JSON.parse(one.stdout) as { files: Array<{ diagnostics: Array<{ ruleId: string }> }> };
    const ids = report.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId));
    // Services, HPAs and Deployments in separate files: found only when every thread sees every file's objects
    // (apps 0 and 7 scale a renamed Deployment; apps 0, 5 and 10 select an old label)
    assert.equal(ids.filter((id) => id === 'hpa-target-missing').length, 2);
    assert.equal(ids.filter((id) => id === 'service-selector-dangling').length, 3);
    assert.ok(ids.includes('replicas-with-hpa') && ids.includes('hpa-metric-without-request'));
    sameRun(one, await kubewise(['lint', '--format', 'json', '--jobs', '2', '.'], { cwd: ws.dir }), '--jobs 2');
    const text = ['lint', '--no-color', '--max-severity', 'warning', '.'];
    sameRun(
      await kubewise([...text, '--jobs', '1'], { cwd: ws.dir }),
      await kubewise([...text, '--jobs', '2'], { cwd: ws.dir }),
      'text',
    );
  } finally {
    ws.cleanup();
  }
});

test('files linted alone (--only a local rule), stdin among files, ignored and unreadable paths: the same on 2 threads', async () => {
  const ws = tree(8);
  try {
    writeFileSync(join(ws.dir, 'apps', 'binary.yaml'), Buffer.from([0, 1, 2, 3]));
    mkdirSync(join(ws.dir, 'vendor'));
    writeFileSync(join(ws.dir, 'vendor', 'deploy.yaml'), DEPLOY);
    const cases: Array<{ args: string[]; input?: string }> = [
      { args: ['--only', 'cpu-request-missing', '.'] },
      { args: ['--verbose', '--ignore', 'vendor/**', 'apps', '-', 'vendor', 'missing.yaml'], input: DEPLOY },
      { args: ['--format', 'sarif', 'apps', '-'], input: CLEAN },
    ];
    for (const { args, input } of cases) {
      const base = ['lint', '--no-color', ...args];
      const one = await kubewise([...base, '--jobs', '1'], { cwd: ws.dir, input });
      const many = await kubewise([...base, '--jobs', '2'], { cwd: ws.dir, input });
      assert.ok(one.stdout.length > 0);
      sameRun(one, many, args.join(' '));
    }
    // The real binary starts its workers from the bundle itself (this process starts them from the compiled modules).
    const { args, input } = cases[1];
    const base = ['lint', '--no-color', ...args];
    sameRun(
      await kubewise([...base, '--jobs', '1'], { cwd: ws.dir, input }),
      kubewiseProcess([...base, '--jobs', '3'], { cwd: ws.dir, input }),
      'the binary on 3 threads',
    );
  } finally {
    ws.cleanup();
  }
});

test('--jobs takes a number of threads: 0 and words are usage errors (exit 2)', async () => {
  for (const bad of ['0', 'many', '-1']) {
    const r = await kubewise(['lint', '--jobs', bad, '.'], { cwd: ROOT });
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--jobs/);
  }
});

/** The YAML files of `tree(12)` at `dir` as the CLI's sources (made anew by each call), and settings for them. */
function inProcess(dir: string): { files: string[]; sources: () => Source[]; settings: Settings } {
  const files = Object.keys(appTree(12))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const sources = (): Source[] =>
    files.map((rel) => {
      const path = join(dir, rel);
      return { display: rel, path, read: () => readFileSync(path), write: () => undefined, requireManifest: false };
    });
  return { files, sources, settings: { ...DEFAULT_SETTINGS, rules: {}, ignorePaths: [] } };
}

test('in process: worker threads give the outcomes of one thread, cross-file findings included', async () => {
  const ws = tree(12);
  try {
    const { files, sources, settings } = inProcess(ws.dir);
    const ruleSet = createRuleSet(settings);
    const readmes = files.map((f) => join(dirname(f), 'README.md'));
    const one: Outcome[] = [...lintSources(sources(), ruleSet, { fix: false, readmes })];
    const many = await lintSourcesInWorkers(sources(), {
      settings,
      readmes,
      hasIndexRules: ruleSet.hasIndexRules,
      threads: 3,
    });
    assert.equal(many.length, one.length);
    assert.deepEqual(many, one);
    const ids = one.flatMap((o) => (o.kind === 'linted' ? o.diagnostics.map((d) => d.ruleId) : []));
    assert.ok(ids.includes('hpa-target-missing') && ids.includes('service-selector-dangling'));
  } finally {
    ws.cleanup();
  }
});

test('in process: linting while the event loop gets turns (charts render meanwhile) gives the outcomes of a plain lint', async () => {
  const ws = tree(12);
  try {
    const { files, sources, settings } = inProcess(ws.dir);
    for (const ruleSet of [createRuleSet(settings), createRuleSet(settings, new Set(['cpu-request-missing']))]) {
      const options = { fix: false, readmes: files.map((f) => join(dirname(f), 'README.md')) };
      const one: Outcome[] = [...lintSources(sources(), ruleSet, options)];
      // an event-loop callback counts the turns the lint gives: with a slice of 0 ms, one per step
      let turns = 0;
      const tick = (): void => {
        turns++;
        if (!done) setImmediate(tick);
      };
      let done = false;
      setImmediate(tick);
      const interleaved = await lintSourcesAsync(sources(), ruleSet, options, 0);
      done = true;
      assert.deepEqual(interleaved, one);
      assert.ok(turns >= files.length, `${turns} turns for ${files.length} files`);
    }
  } finally {
    ws.cleanup();
  }
});
