import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix, fixAllText } from '../../../support/lint';
import { lintIds as lint, said } from '../../../support/rule-tester';
import { brief, fx } from './helpers';
import { fixture, ruleTester } from '../../../support/rule-tester';

const RULE = ['hpa-min-replicas-too-low'];

describe('hpa-min-replicas-too-low', () => {
  test('flags minReplicas: 1 and an unset minReplicas; the fix sets 2', () => {
    const text = fx('hpa-min-replicas-too-low', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['11:3-11:17', 'info', true],
      ['20:1-20:5', 'info', true],
    ]);
    assert.equal(said(ds[0]), 'minReplicasOne {min=1}');
    assert.equal(said(ds[1]), 'minReplicasUnset');
    assert.equal(
      applyFix(text, ds[0]),
      text.replace('  minReplicas: 1 # quiet at night', '  minReplicas: 2 # quiet at night'),
    );
    assert.equal(applyFix(text, ds[1]), `${text}  minReplicas: 2\n`);
  });

  test('no fix while maxReplicas is below 2 (it would make min > max); fix-all with hpa-min-equals-max converges', () => {
    const text = fx('hpa-min-equals-max', 'fire.yaml');
    const ds = lint(text, RULE);
    // web: 3..3 gets the fix; worker (min unset, max 1) does not.
    assert.deepEqual(brief(ds), [['20:1-20:5', 'info', false]]);
    const fixed = fixAllText(text, ['hpa-min-replicas-too-low', 'hpa-min-equals-max', 'hpa-min-greater-than-max']);
    assert.deepEqual(lint(fixed, ['hpa-min-replicas-too-low', 'hpa-min-equals-max', 'hpa-min-greater-than-max']), []);
    assert.match(fixed, / {2}maxReplicas: 4\n {2}minReplicas: 2\n$/);
  });
});

// The fixtures as a table: test/fixtures/rules/hpa-min-replicas-too-low/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('hpa-min-replicas-too-low', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'minReplicasOne',
          data: { min: 1 },
          line: 11,
          column: 3,
          endLine: 11,
          endColumn: 17,
          severity: 'info',
          fix: 'Set minReplicas: 2',
        },
        {
          messageId: 'minReplicasUnset',
          line: 'horizontalpodautoscaler-worker+7',
          column: 1,
          endLine: 'horizontalpodautoscaler-worker+7',
          endColumn: 5,
          severity: 'info',
          fix: 'Set minReplicas: 2',
        },
      ],
    },
  ],
});
