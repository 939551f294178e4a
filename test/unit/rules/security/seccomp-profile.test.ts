import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { fixture, lintSorted, summary } from './pss-support';
import { fixture as ruleFixture, ruleTester } from '../../../support/rule-tester';

const R = 'seccomp-profile';

describe(R, () => {
  test('an unset profile is a warning on the pod, Unconfined is an error where written', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['9:7-9:17', 'warning', 'Set seccompProfile type: RuntimeDefault on the pod'],
      ['26:11-26:27', 'error', 'Set seccompProfile type: RuntimeDefault'],
    ]);
    assert.equal(said(ds[0]), 'noSeccompProfile {container=Container "web"}');
    assert.equal(said(ds[1]), 'seccompUnconfined {who=Container "strace"}');
  });

  test('the pod-level fix inserts seccompProfile on the pod; Unconfined becomes RuntimeDefault', () => {
    const text = fixture(R, 'fire.yaml');
    const [unset, unconfined] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, unset),
      text.replace(
        'image: nginx:1.27\n---',
        'image: nginx:1.27\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n---',
      ),
    );
    assert.equal(applyFix(text, unconfined), text.replace('type: Unconfined #', 'type: RuntimeDefault #'));
  });

  test('Unconfined on the pod is an error even when every container overrides it', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    seccompProfile: {type: Unconfined}\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n';
    assert.deepEqual(summary(lint(text, [R])), [['7:22-7:38', 'error', 'Set seccompProfile type: RuntimeDefault']]);
  });

  test('in the minimal profile the rule is off; Windows pods need no profile', () => {
    assert.deepEqual(lint(fixture(R, 'fire.yaml'), [R], { profile: 'minimal' }), []);
    const windows =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  os: {name: windows}\n  containers:\n    - name: a\n      image: x:1\n';
    assert.deepEqual(lint(windows, [R]), []);
  });

  test('pod-level and container-level profiles pass', () => {
    assert.deepEqual(lint(fixture(R, 'pass.yaml'), [R]), []);
  });
});

// The fixtures as a table: test/fixtures/rules/seccomp-profile/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('seccomp-profile', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'noSeccompProfile',
          data: { container: 'Container "web"' },
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 17,
          severity: 'warning',
          fix: 'Set seccompProfile type: RuntimeDefault on the pod',
        },
        {
          messageId: 'seccompUnconfined',
          data: { who: 'Container "strace"' },
          line: 'pod-unconfined+14',
          column: 11,
          endLine: 'pod-unconfined+14',
          endColumn: 27,
          severity: 'error',
          fix: 'Set seccompProfile type: RuntimeDefault',
        },
      ],
    },
  ],
});
