import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { fixture, lintSorted, summary } from './pss-support';
import { fixture as ruleFixture, ruleTester, said } from '../../../support/rule-tester';

const R = 'run-as-non-root';

describe(R, () => {
  test('one pod-level finding for inheriting containers, one per explicit false', () => {
    const ds = lintSorted(fixture(R, 'fire.yaml'), [R]);
    assert.deepEqual(summary(ds), [
      ['9:7-9:17', 'warning', 'Set runAsNonRoot: true on the pod'],
      ['17:13-17:32', 'warning', 'Set runAsNonRoot: true'],
      ['26:5-26:24', 'warning', 'Set runAsNonRoot: true'],
    ]);
    assert.equal(said(ds[0]), 'mayRunAsRootMany {containers=Containers "web", "side"}');
    assert.equal(said(ds[1]), 'containerRunAsNonRootNotTrue {container=Container "legacy"}');
    // An explicit pod-level false fails even though the only container overrides it (as admission decides).
    assert.equal(said(ds[2]), 'podRunAsNonRootNotTrue');
  });

  test('the pod-level fix goes on the pod; explicit false is flipped where written', () => {
    const text = fixture(R, 'fire.yaml');
    const [pod, legacy, podFalse] = lintSorted(text, [R]);
    assert.equal(
      applyFix(text, pod),
      text.replace(
        'the image needs root\n',
        'the image needs root\n      securityContext:\n        runAsNonRoot: true\n',
      ),
    );
    assert.equal(applyFix(text, legacy), text.replace('runAsNonRoot: false # the', 'runAsNonRoot: true # the'));
    assert.equal(applyFix(text, podFalse), text.replace('    runAsNonRoot: false\n', '    runAsNonRoot: true\n'));
  });
});

// The fixtures as a table: test/fixtures/rules/run-as-non-root/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('run-as-non-root', {
  valid: [ruleFixture('pass')],
  invalid: [
    {
      code: ruleFixture('fire'),
      errors: [
        {
          messageId: 'containerRunAsNonRootNotTrue',
          data: { container: 'Container "legacy"' },
          line: 17,
          column: 13,
          endLine: 17,
          endColumn: 32,
          severity: 'warning',
          fix: 'Set runAsNonRoot: true',
        },
        {
          messageId: 'mayRunAsRootMany',
          data: { containers: 'Containers "web", "side"' },
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 17,
          severity: 'warning',
          fix: 'Set runAsNonRoot: true on the pod',
        },
        {
          messageId: 'podRunAsNonRootNotTrue',
          line: 'pod-pod-false+8',
          column: 5,
          endLine: 'pod-pod-false+8',
          endColumn: 24,
          severity: 'warning',
          fix: 'Set runAsNonRoot: true',
        },
      ],
    },
  ],
});
