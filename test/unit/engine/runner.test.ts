import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createRuleSet, RULES } from '../../../server/src/composition';
import type { LintDiagnostic } from '../../../server/src/engine';
import { DocumentLinter, drain, lintText } from '../../../server/src/engine';
import { defineRule } from '../../../server/src/engine/rule';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { bigManifest } from '../../support/generate';
import { lint, settings, where } from '../../support/lint';

const strip = (ds: LintDiagnostic[]): string[] =>
  ds
    .map(
      (d) => `${d.ruleId}@${where(d)}:${d.fix?.edits.map((e) => `${e.range.start.line}:${e.newText}`).join('|') ?? ''}`,
    )
    .sort();

/** A small deterministic random generator, so that a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('runner', () => {
  test('an update and a lint run in steps, pausing between segments; a stopped update leaves the old text', () => {
    const rs = createRuleSet(settings());
    const [small, large] = [bigManifest(200), bigManifest(400)];
    const linter = new DocumentLinter();
    linter.lintText(small, rs);
    const update = linter.updateSteps(large);
    let pauses = 0;
    while (!update.next().done && pauses < 3) pauses++;
    update.return();
    assert.equal(pauses, 3, 'the update pauses after each segment it parses');
    assert.deepEqual(strip(linter.lint(rs).diagnostics), strip(lintText(small, rs).diagnostics));

    const fresh = new DocumentLinter();
    fresh.update(large);
    const lint = fresh.lintSteps(rs);
    let steps = 0;
    let next = lint.next();
    for (; !next.done; next = lint.next()) steps++;
    assert.ok(steps >= large.split(/^---$/m).length, 'the lint pauses after each segment it checks');
    assert.deepEqual(strip(next.value.diagnostics), strip(lintText(large, rs).diagnostics));
  });

  test('an update that finishes after a newer one took effect leaves the newer text in force', () => {
    const rs = createRuleSet(settings());
    const [older, newer] = [bigManifest(200), bigManifest(300)];
    const linter = new DocumentLinter();
    linter.lintText(bigManifest(100), rs);
    const stale = linter.updateSteps(older);
    stale.next();
    linter.update(newer);
    drain(stale);
    assert.deepEqual(strip(linter.lint(rs).diagnostics), strip(lintText(newer, rs).diagnostics));
  });

  test('incremental re-lint after random edits equals a fresh lint', () => {
    const rs = createRuleSet(settings());
    const random = rng(42);
    let text = bigManifest(600);
    const linter = new DocumentLinter();
    linter.lintText(text, rs);
    const pieces = ['a', '\n', '---\n', ': ', '  ', '# c\n', 'cpu: 1\n', '{', ''];
    for (let i = 0; i < 60; i++) {
      const at = Math.floor(random() * text.length);
      const del = Math.floor(random() * 4);
      text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + del);
      assert.deepEqual(
        strip(linter.lintText(text, rs).diagnostics),
        strip(lintText(text, rs).diagnostics),
        `after edit ${i}`,
      );
    }
  });

  test('a rule that throws is reported as a failure and the other rules still run', () => {
    const boom = defineRule({
      meta: {
        id: 'boom',
        category: 'api',
        severity: 'error',
        fixable: false,
        docs: { description: '', remediation: '' },
        messages: {},
      },
      check() {
        throw new Error('kaput');
      },
    });
    const rs = new RuleSet([boom, ...createRuleSetRules(['cpu-request-missing'])], settings());
    const res = lintText('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: x:1\n', rs);
    assert.equal(res.failures.length, 1);
    assert.equal(res.failures[0].ruleId, 'boom');
    assert.match(res.failures[0].message, /kaput/);
    assert.deepEqual(
      res.diagnostics.map((d) => d.ruleId),
      ['cpu-request-missing'],
    );
  });

  test('ctx.perObject computes once per parsed object for every rule that asks, and anew for another object', () => {
    const KEY = Symbol('test');
    let computed = 0;
    const seen: unknown[][] = [[], []];
    const asker = (id: string, into: unknown[]) =>
      defineRule({
        meta: {
          id,
          category: 'api',
          severity: 'warning',
          fixable: false,
          docs: { description: '', remediation: '' },
          messages: {},
        },
        check(ctx) {
          into.push(ctx.perObject(KEY, () => ({ n: ++computed, name: ctx.object.name })));
        },
      });
    const rs = new RuleSet([asker('first', seen[0]), asker('second', seen[1])], settings());
    const two =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n';
    lintText(two, rs);
    assert.equal(computed, 2);
    assert.deepEqual(seen[0], [
      { n: 1, name: 'a' },
      { n: 2, name: 'b' },
    ]);
    // the second rule got the very values the first one computed
    assert.ok(seen[1].length === 2 && seen[1].every((v, i) => v === seen[0][i]));
  });

  test('non-Kubernetes YAML and Helm templates get no diagnostics; a List holds objects', () => {
    assert.deepEqual(lint('services:\n  web:\n    image: nginx\n  web: dup\n'), []);
    const helm = lintText(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      createRuleSet(settings()),
    );
    assert.equal(helm.skipped, 'Helm template');
    assert.deepEqual(helm.diagnostics, []);
    const list =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    spec:\n      containers:\n        - name: a\n          image: x:1\n';
    assert.deepEqual(lint(list, ['cpu-request-missing']).map(where), ['8:11-8:18']);
  });

  test('profiles and per-rule overrides decide severities', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: x:1\n';
    assert.deepEqual(
      lint(pod, ['cpu-request-missing']).map((d) => d.severity),
      ['warning'],
    );
    assert.deepEqual(lint(pod, ['cpu-request-missing'], { profile: 'minimal' }), []);
    assert.deepEqual(
      lint(pod, ['cpu-request-missing'], { profile: 'strict' }).map((d) => d.severity),
      ['warning'],
    );
    assert.deepEqual(
      lint(pod, ['cpu-request-missing'], { rules: { 'cpu-request-missing': 'error' } }).map((d) => d.severity),
      ['error'],
    );
    assert.deepEqual(
      lint(pod, ['cpu-request-missing'], { profile: 'minimal', rules: { 'cpu-request-missing': 'info' } }).map(
        (d) => d.severity,
      ),
      ['info'],
    );
  });
});

function createRuleSetRules(ids: string[]) {
  return RULES.filter((r) => ids.includes(r.meta.id));
}
