import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lint, where } from '../../../support/lint';
import { readFixture } from '../../../support/paths';
import { lintWorkspace } from '../../../support/workspace-lint';

const RULE = ['networkpolicy-dangling'];
const fixture = (name: string): string => readFixture('rules', 'networkpolicy-dangling', name);

describe('networkpolicy-dangling', () => {
  test('flags a podSelector that matches no pods, on its key; a warning when the workloads are beside it', () => {
    const ds = lint(fixture('fire.yaml'), RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity, !!d.fix]),
      [['6:3-6:14', 'warning', false]],
    );
    assert.equal(
      ds[0].message,
      'NetworkPolicy podSelector matches the pods of no workload in namespace "default" (searched 1 file: untitled:manifest.yaml): the policy isolates nothing.',
    );
  });

  test('matchExpressions that match and the empty selector pass', () => {
    assert.deepEqual(lint(fixture('pass.yaml'), RULE), []);
  });

  test('information when no workload of the namespace is defined near the policy', () => {
    const text = fixture('fire.yaml').replace(/---[\s\S]*$/, '');
    const ds = lint(text, RULE);
    assert.deepEqual(
      ds.map((d) => [where(d), d.severity]),
      [['6:3-6:14', 'info']],
    );
  });

  test('across a workspace: the same folder decides warning or information', () => {
    const out = lintWorkspace('networkpolicy-dangling', RULE);
    assert.deepEqual(
      [...out].map(([file, ds]) => [file, ds.map((d) => [where(d), d.severity])]),
      [
        ['app/web.yaml', [['26:3-26:14', 'warning']]],
        ['policies/shop.yaml', [['31:3-31:14', 'info']]],
      ],
    );
    assert.match(out.get('policies/shop.yaml')![0].message, /in namespace "analytics"/);
  });
});
