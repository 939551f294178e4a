import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyFix } from '../../../support/lint';
import { brief, fx } from './helpers';
import { fixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['hpa-min-equals-max'];

describe('hpa-min-equals-max', () => {
  test('flags equal bounds (an unset min is 1) and doubles maxReplicas', () => {
    const text = fx('hpa-min-equals-max', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [
      ['12:3-12:17', 'warning', true],
      ['25:3-25:17', 'warning', true],
    ]);
    assert.equal(said(ds[0]), 'minEqualsMax {min=3}');
    assert.equal(said(ds[1]), 'defaultMinEqualsMax {min=1}');
    assert.equal(
      applyFix(text, ds[0]),
      text.replace('  maxReplicas: 3 # pinned for the launch', '  maxReplicas: 6 # pinned for the launch'),
    );
    assert.equal(applyFix(text, ds[1]), text.replace('  maxReplicas: 1\n', '  maxReplicas: 2\n'));
  });
});

// The fixtures as a table: test/fixtures/rules/hpa-min-equals-max/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('hpa-min-equals-max', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'minEqualsMax',
          data: { min: 3 },
          line: 12,
          column: 3,
          endLine: 12,
          endColumn: 17,
          severity: 'warning',
          fix: 'Raise maxReplicas to 6',
        },
        {
          messageId: 'defaultMinEqualsMax',
          data: { min: 1 },
          line: 'horizontalpodautoscaler-worker+12',
          column: 3,
          endLine: 'horizontalpodautoscaler-worker+12',
          endColumn: 17,
          severity: 'warning',
          fix: 'Raise maxReplicas to 2',
        },
      ],
    },
  ],
});
