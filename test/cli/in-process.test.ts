/**
 * The CLI's `run` with a rule catalogue of its own, for what the real rules cannot show: a rule that throws (no real
 * rule should); and the pure helpers (colour decision, SARIF regions and URIs, ignore globs).
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defineRule } from '../../server/src/engine/rule';
import { IgnoreMatcher } from '../../server/src/cli/files';
import { useColor } from '../../server/src/cli/color';
import { sarifRegion, sarifUri } from '../../server/src/cli/format-sarif';
import type { CliIO } from '../../server/src/cli/main';
import { run } from '../../server/src/cli/main';
import { RULES as allRules } from '../../server/src/composition';
import { DEPLOY, workspace } from './helpers';

const ws = workspace({ 'deploy.yaml': DEPLOY });
after(() => ws.cleanup());

function io(): CliIO & { out: string; err: string } {
  const state = {
    cwd: ws.dir,
    env: {},
    stdoutIsTTY: false,
    out: '',
    err: '',
    stdout(s: string | Buffer) {
      state.out += s.toString();
    },
    stderr(s: string) {
      state.err += s;
    },
    readStdin: () => Promise.resolve(Buffer.from('')),
  };
  return state;
}

const throwing = defineRule({
  meta: {
    id: 'always-throws',
    category: 'api',
    severity: 'warning',
    fixable: false,
    docs: { description: 'A rule with a bug.', remediation: 'None.' },
    messages: {},
  },
  check() {
    throw new Error('boom\nsecond line');
  },
});

test('a rule that throws: one warning on stderr per file, the other rules still report, exit code unchanged', async () => {
  const cpu = allRules.filter((r) => r.meta.id === 'cpu-request-missing');
  const state = io();
  const code = await run(['lint', 'deploy.yaml'], state, [...cpu, throwing]);
  assert.equal(code, 0);
  assert.equal(
    state.err,
    "kubewise: warning: rule 'always-throws' failed on deploy.yaml (other rules still ran): boom\n",
  );
  assert.match(state.out, /\[cpu-request-missing\]/);

  const sarif = io();
  await run(['lint', '-f', 'sarif', 'deploy.yaml'], sarif, [...cpu, throwing]);
  const log = JSON.parse(sarif.out) as {
    runs: Array<{
      invocations: Array<{
        toolExecutionNotifications: Array<{ message: { text: string }; associatedRule: { id: string } }>;
      }>;
    }>;
  };
  const [note] = log.runs[0].invocations[0].toolExecutionNotifications;
  assert.equal(note.associatedRule.id, 'always-throws');
  assert.equal(note.message.text, 'rule always-throws failed: boom');
});

test('an unexpected internal error propagates out of run (the entry prints one line, not a stack)', async () => {
  const state = io();
  state.readStdin = () => Promise.reject(new Error('stdin broke'));
  await assert.rejects(run(['lint', '-'], state), /stdin broke/);
});

test('useColor: flag, then FORCE_COLOR, then NO_COLOR and TERM=dumb, then the terminal', () => {
  assert.equal(useColor(undefined, {}, true), true);
  assert.equal(useColor(undefined, {}, false), false);
  assert.equal(useColor(undefined, { NO_COLOR: '1' }, true), false);
  assert.equal(useColor(undefined, { NO_COLOR: '' }, true), true, 'an empty NO_COLOR does not count');
  assert.equal(useColor(undefined, { TERM: 'dumb' }, true), false);
  assert.equal(useColor(undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
  assert.equal(useColor(undefined, { FORCE_COLOR: '' }, false), true);
  assert.equal(useColor(undefined, { FORCE_COLOR: '0' }, true), false);
  assert.equal(useColor(undefined, { FORCE_COLOR: 'false' }, true), false);
  assert.equal(useColor(false, { FORCE_COLOR: '1' }, true), false);
  assert.equal(useColor(true, { NO_COLOR: '1' }, false), true);
});

test('SARIF regions are 1-based with an exclusive end column; URIs are relative and encoded', () => {
  assert.deepEqual(sarifRegion({ start: { line: 0, character: 0 }, end: { line: 2, character: 5 } }), {
    startLine: 1,
    startColumn: 1,
    endLine: 3,
    endColumn: 6,
  });
  assert.equal(sarifUri('k8s/app/deploy.yaml'), 'k8s/app/deploy.yaml');
  assert.equal(sarifUri('k8s\\app\\my deploy.yaml'), 'k8s/app/my%20deploy.yaml');
  assert.equal(sarifUri('<stdin>'), '%3Cstdin%3E');
  assert.equal(sarifUri('/abs/x#1.yaml'), '/abs/x%231.yaml');
});

test('ignore globs match the path or any folder above it, relative to their base', () => {
  const base = '/repo';
  const m = new IgnoreMatcher([{ base, patterns: ['charts', 'gen/**', '**/*.tmp.yaml', './vendor/'] }]);
  const at = (p: string) => m.ignores(join(base, p));
  assert.equal(at('charts/x/templates/a.yaml'), true);
  assert.equal(at('gen/a.yaml'), true);
  assert.equal(at('apps/b.tmp.yaml'), true);
  assert.equal(at('vendor/lib/c.yaml'), true);
  assert.equal(at('apps/charts.yaml'), false);
  assert.equal(at('apps/gen/a.yaml'), false);
  assert.equal(m.ignores('/elsewhere/charts/a.yaml'), false, 'outside the base');
  assert.equal(new IgnoreMatcher([{ base, patterns: [] }]).empty, true);
});
