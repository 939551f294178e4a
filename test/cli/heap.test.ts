/**
 * The one full garbage collection before a large lint (server/src/cli/heap.ts): asked for once, when the text read
 * crosses `LARGE_LINT_CHARS`, by a lint that keeps its files; done by V8 in the `kubewise` process, whose flags
 * expose V8's `gc`; nothing without them.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createRuleSet } from '../../server/src/composition';
import { DEFAULT_SETTINGS } from '../../server/src/engine';
import { LARGE_LINT_CHARS } from '../../server/src/cli/heap';
import type { Source } from '../../server/src/cli/lint';
import { lintSources } from '../../server/src/cli/lint';
import { SHORT_RUN_FLAGS } from '../../server/src/cli/tiering';
import { bigManifest } from '../support/generate';
import { CLI, DEPLOY, ensureBuilt, ROOT, workspace } from './helpers';

const ws = workspace({ 'deploy.yaml': DEPLOY });
after(() => ws.cleanup());

/** In-memory sources that log their reads into `events`. */
function sources(texts: Record<string, string>, events: string[]): Source[] {
  return Object.entries(texts).map(([display, text]) => ({
    display,
    read: () => {
      events.push(`read ${display}`);
      return Buffer.from(text);
    },
    write: () => undefined,
    requireManifest: false,
  }));
}

/** A manifest of at least `chars` characters. */
function manifestOf(chars: number): string {
  let lines = 200;
  let text = bigManifest(lines);
  while (text.length < chars) text = bigManifest((lines *= 2));
  return text;
}

function lintLogged(texts: Record<string, string>, only?: ReadonlySet<string>): string[] {
  const events: string[] = [];
  const ruleSet = createRuleSet({ ...DEFAULT_SETTINGS, rules: {}, ignorePaths: [] }, only);
  const outcomes = [
    ...lintSources(sources(texts, events), ruleSet, {
      fix: false,
      beforeLargeLint: () => events.push('collect'),
    }),
  ];
  assert.equal(outcomes.length, Object.keys(texts).length);
  return events;
}

test('a lint that keeps its files asks once, after reading the file that crosses the size, before the next', () => {
  const third = manifestOf(LARGE_LINT_CHARS / 3 + 1);
  assert.ok(third.length * 2 < LARGE_LINT_CHARS && third.length * 3 >= LARGE_LINT_CHARS);
  assert.deepEqual(lintLogged({ 'a.yaml': third, 'b.yaml': third, 'c.yaml': third, 'd.yaml': third }), [
    'read a.yaml',
    'read b.yaml',
    'read c.yaml',
    'collect',
    'read d.yaml',
  ]);
  assert.deepEqual(lintLogged({ 'big.yaml': manifestOf(LARGE_LINT_CHARS) }), ['read big.yaml', 'collect']);
});

test('a small lint, and one whose rules read no other object (files not kept), never ask', () => {
  assert.deepEqual(lintLogged({ 'a.yaml': DEPLOY, 'b.yaml': DEPLOY }), ['read a.yaml', 'read b.yaml']);
  const big = manifestOf(LARGE_LINT_CHARS);
  assert.deepEqual(lintLogged({ 'big.yaml': big }, new Set(['cpu-request-missing'])), ['read big.yaml']);
});

/** Full collections V8 reports by `--trace-gc` for a script run with the CLI's V8 flags set as `kubewise` sets them. */
function fullCollections(flags: string, script: string): string[] {
  const heap = JSON.stringify(join(ROOT, 'test/out/server/src/cli/heap.js'));
  const code = `require('node:v8').setFlagsFromString(${JSON.stringify(flags)}); require(${heap}).collectBeforeLargeLint(); ${script}`;
  const r = spawnSync(process.execPath, ['--trace-gc', '-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l.includes('Mark-Compact'));
}

test("with the CLI's V8 flags the call is one full collection; without them it does nothing", () => {
  const withFlags = fullCollections(SHORT_RUN_FLAGS, '');
  assert.equal(withFlags.length, 1, withFlags.join('\n'));
  assert.match(withFlags[0], /testing/); // V8's name for a collection `gc()` asked for
  assert.deepEqual(fullCollections('', ''), []);
});

test('the kubewise process collects before linting a large file, and not before a small one', () => {
  ensureBuilt();
  writeFileSync(join(ws.dir, 'big.yaml'), manifestOf(LARGE_LINT_CHARS));
  const asked = (file: string): number => {
    const r = spawnSync(process.execPath, ['--trace-gc', CLI, 'lint', '--format', 'json', file], {
      cwd: ws.dir,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return r.stdout.split('\n').filter((l) => /Mark-Compact.*testing/.test(l)).length;
  };
  assert.equal(asked('big.yaml'), 1);
  assert.equal(asked('deploy.yaml'), 0);
});
