import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine';
import { applyFix } from '../../../support/lint';
import { brief, fx } from './helpers';
import { fixture, lintIds as lint, ruleTester, said } from '../../../support/rule-tester';

const RULE = ['hpa-min-greater-than-max'];

describe('hpa-min-greater-than-max', () => {
  test('flags minReplicas above maxReplicas; the fix swaps them, the suggestion raises max', () => {
    const text = fx('hpa-min-greater-than-max', 'fire.yaml');
    const ds = lint(text, RULE);
    assert.deepEqual(brief(ds), [['11:3-11:17', 'error', true]]);
    assert.equal(said(ds[0]), 'minAboveMax {max=3, min=6}');
    assert.equal(
      applyFix(text, ds[0]),
      text.replace(
        '  minReplicas: 6 # at least six for the sale\n  maxReplicas: 3',
        '  minReplicas: 3 # at least six for the sale\n  maxReplicas: 6',
      ),
    );
    assert.equal(applyEdits(text, ds[0].suggestions![0].edits), text.replace('maxReplicas: 3', 'maxReplicas: 12'));
  });

  test('also in autoscaling/v1', () => {
    const text = fx('hpa-min-greater-than-max', 'fire.yaml').replace('autoscaling/v2', 'autoscaling/v1');
    assert.deepEqual(brief(lint(text, RULE)), [['11:3-11:17', 'error', true]]);
  });

  test('min below max, or an unset min, pass', () => {
    assert.deepEqual(lint(fx('hpa-min-greater-than-max', 'pass.yaml'), RULE), []);
    assert.deepEqual(lint(fx('hpa-min-greater-than-max', 'fire.yaml').replace(/ {2}minReplicas: 6.*\n/, ''), RULE), []);
  });
});

// The fixtures as a table: test/fixtures/rules/hpa-min-greater-than-max/ (lines after the first document count from its `--- # @…` marker).
ruleTester.run('hpa-min-greater-than-max', {
  valid: [fixture('pass')],
  invalid: [
    {
      code: fixture('fire'),
      errors: [
        {
          messageId: 'minAboveMax',
          data: { min: 6, max: 3 },
          line: 11,
          column: 3,
          endLine: 11,
          endColumn: 17,
          severity: 'error',
          fix: 'Swap them: minReplicas 3, maxReplicas 6',
          suggestions: [{ title: 'Raise maxReplicas to 12' }],
        },
      ],
    },
  ],
});
